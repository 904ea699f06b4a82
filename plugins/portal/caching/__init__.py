"""The content-addressed build cache under ``.cache/cong/``.

``keys`` computes what every page depends on (configuration, templates,
plugins and their versions, the portal's code); ``pages`` stores finished
pages by fingerprint and hands them back for reuse through hard links. A
cached build gives exactly the bytes a clean build gives: a page is reused
only when its fingerprint (``planning.plan``) is unchanged, and an entry that
is incomplete or altered is ignored.
"""
