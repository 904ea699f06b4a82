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

    # News by date ("Xem tin theo ngày"): ngay/, ngay/2025/, ngay/2025/01/, ngay/2025/01/15/
    # (the layout under archive_url is fixed so the date picker can build a day's address)
    archive = c.Type(bool, default=True)
    archive_url = c.Type(str, default="ngay/")

    # Topics (chủ đề): chu-de/ lists them, chu-de/<slug>/ lists a topic's articles
    topics = c.Type(bool, default=True)
    topics_url = c.Type(str, default="chu-de/")
    topic_url_format = c.Type(str, default="chu-de/{slug}/")
