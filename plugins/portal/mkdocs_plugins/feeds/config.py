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

    # One RSS feed per topic (chủ đề), when portal/pages makes topic pages
    topic_feeds = c.Type(bool, default=True)
    topic_rss_format = c.Type(str, default="chu-de/{slug}/rss.xml")

    # "Đăng ký nhận tin": a page listing every feed, and every feed in one OPML file
    subscribe_page = c.Type(bool, default=True)
    subscribe_url = c.Type(str, default="dang-ky-nhan-tin/")
    opml_file = c.Type(str, default="feeds.opml")  # "" for none
    # XSL stylesheet (in the theme) that browsers apply to show a feed as a page; "" for none
    stylesheet = c.Type(str, default="assets/feed.xsl")
