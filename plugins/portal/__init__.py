"""Cổng: a static-site generator for Vietnamese provincial news portals.

The package is split the way Pelican splits a site generator, so that the
portal's logic does not depend on the engine that renders it:

- ``reading``: turns one Markdown file into validated article data
  (front matter parsing, dates, slugs). No MkDocs imports.
- ``model``: the one content model built once per build: articles,
  categories, the article index and "Tin cùng chuyên mục" relations.
- ``generating``: what each kind of generated page holds (category pages
  with pagination, the home page).
- ``writing``: output files that are not HTML pages (RSS/Atom feeds).
- ``mkdocs_plugins``: thin MkDocs 1.x plugins that only call the above.
"""
