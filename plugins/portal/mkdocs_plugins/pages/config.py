"""Options of ``portal/pages``: URLs and sizes of the generated pages."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PagesConfig(Config):
    enabled = c.Type(bool, default=True)

    # Category pages: page 1 at chuyen-muc/<slug>/, page n at chuyen-muc/<slug>/trang/<n>/
    category_url_format = c.Type(str, default="chuyen-muc/{slug}/")
    page_url_format = c.Type(str, default="trang/{number}/")
    per_page = c.Type(int, default=20)

    # Home page
    home_latest_count = c.Type(int, default=10)
    home_category_count = c.Type(int, default=5)

    # Navigation: put the categories after the home page in the site menu
    nav_categories = c.Type(bool, default=True)
