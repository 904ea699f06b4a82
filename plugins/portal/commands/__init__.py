"""The ``build.py`` subcommands, one module each.

Every module exposes ``HELP`` (one line for ``--help``), ``configure(parser)``
(its arguments) and ``run(args) -> int`` (the exit code: 0 success, 1 the
content or the build failed, 2 the command was used wrongly). ``args`` always
carries ``config_file`` (the path of mkdocs.yml) and ``verbose``.
"""
