"""Every address the portal produces, defined in one place.

The plugins' options default to these values; the plan carries the values
in force for this build, so that no plugin reads another plugin's options.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class UrlFormats:
    """URL formats (directory URLs end in ``/``; files are paths from the site root)."""

    article: str = "tin-tuc/{slug}/"
    category: str = "chuyen-muc/{slug}/"
    page: str = "trang/{number}/"  # page n of a listing, under the listing's URL
    archive: str = "ngay/"
    topics: str = "chu-de/"
    topic: str = "chu-de/{slug}/"
    search: str | None = "tim-kiem/"
    search_bundle: str = "pagefind/"
    subscribe: str | None = "dang-ky-nhan-tin/"
    rss: str = "rss.xml"
    atom: str = "atom.xml"
    category_rss: str = "chuyen-muc/{slug}/rss.xml"
    topic_rss: str = "chu-de/{slug}/rss.xml"
    opml: str | None = "feeds.opml"
    sitemap: str = "sitemap.xml"
    news_sitemap: str = "news-sitemap.xml"
    robots: str = "robots.txt"

    def category_url(self, slug: str) -> str:
        return self.category.format(slug=slug)

    def topic_url(self, slug: str) -> str:
        return self.topic.format(slug=slug)

    def with_(self, **changes: str | None) -> UrlFormats:
        """A copy with some formats set from a plugin's options."""
        return replace(self, **changes)


DEFAULTS = UrlFormats()
# What a build starts from: pages that a plugin must add (search, subscribe, OPML) are
# absent until it does, so that no page links to a page nobody built.
UNBUILT = UrlFormats(search=None, subscribe=None, opml=None)
