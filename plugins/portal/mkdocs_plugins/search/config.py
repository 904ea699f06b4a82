"""Options of ``portal/search``: where the results page lives and how much it shows."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)

    # The results page (generated; the header's search box submits to it)
    search_url = c.Type(str, default="tim-kiem/")
    header_form = c.Type(bool, default=True)  # a search box in every page's header

    # Results: how many are shown at once ("Xem thêm" loads as many again)
    per_page = c.Type(int, default=10)
    excerpt_length = c.Type(int, default=30)  # words of the sapo shown under each result
