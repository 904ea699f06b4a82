"""Options of ``portal/search``: where the results page lives and how much it shows."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from portal.writing.search_index import YEAR_SPLIT_LIMIT


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)

    # The results page (generated; the header's search box submits to it)
    search_url = c.Type(str, default="tim-kiem/")
    header_form = c.Type(bool, default=True)  # a search box in every page's header

    # Results: how many are shown at once ("Xem thêm" loads as many again)
    per_page = c.Type(int, default=10)
    excerpt_length = c.Type(int, default=30)  # words of the sapo shown under each result

    # The index: one per year, or per half-year in a year of more articles than this (the
    # memory of the Pagefind process grows with its period: about 0.26 GB per 1,000 articles)
    split_year_above = c.Type(int, default=YEAR_SPLIT_LIMIT)
