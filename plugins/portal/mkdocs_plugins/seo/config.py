"""Options of ``portal/seo``: sitemaps, robots.txt, structured data and the article tools."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SeoConfig(Config):
    enabled = c.Type(bool, default=True)

    # Last-change dates from one `git log` over the content folder ("Cập nhật", sitemap lastmod).
    # Off, or without usable history (no repository, shallow clone): front matter only.
    git_dates = c.Type(bool, default=True)

    # Sitemap of every page, with each page's real last change; split into an
    # index and numbered parts above max_sitemap_urls (the protocol allows 50,000).
    sitemap_file = c.Type(str, default="sitemap.xml")
    max_sitemap_urls = c.Type(int, default=50_000)

    # Google News sitemap: the articles of the last news_days days before the build's clock.
    news_sitemap_file = c.Type(str, default="news-sitemap.xml")
    news_days = c.Type(int, default=2)
    publication_name = c.Optional(c.Type(str))  # default: site_name

    # robots.txt naming both sitemaps (an editor-written content/robots.txt wins).
    robots_txt = c.Type(bool, default=True)

    # The publisher in JSON-LD: name (default: site_name) and logo (a theme or content path, or a URL).
    publisher = c.Optional(c.Type(str))
    logo = c.Type(str, default="assets/images/logo.png")

    # Article tools: print, text size, share links and copy link.
    article_tools = c.Type(bool, default=True)
