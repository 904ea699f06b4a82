"""Options of ``portal/feeds``: which feeds exist, where, and how long they are."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class FeedsConfig(Config):
    enabled = c.Type(bool, default=True)

    # Site-wide feeds
    rss_file = c.Type(str, default="rss.xml")
    atom_file = c.Type(str, default="atom.xml")
    length = c.Type(int, default=50)
    title = c.Optional(c.Type(str))  # default: site_name

    # One RSS feed per category
    category_feeds = c.Type(bool, default=True)
    category_rss_format = c.Type(str, default="chuyen-muc/{slug}/rss.xml")
