"""The catalogue of feeds: what the feeds plugin writes, the subscribe page lists and the OPML holds.

One list, built once per build, so the three can never disagree: a feed on
the "Đăng ký nhận tin" page is a feed that exists, and the OPML file holds
exactly those feeds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from portal.urls import absolute_url
from portal.writing.feeds import FeedSpec

FeedKind = Literal["rss", "atom"]


@dataclass
class CatalogueFeed:
    """A feed to write and to list.

    Attributes:
        spec: title, description, page and feed URLs (site-relative), items.
        kind: ``rss`` or ``atom``.
        key: what it follows: ``site``, a category slug or a topic slug.
        label: how the subscribe page and the OPML name it (``Thời sự``, ``Tin mới nhất (RSS)``).
    """

    spec: FeedSpec
    kind: FeedKind = "rss"
    key: str = "site"
    label: str = ""

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def feed_url(self) -> str:
        return self.spec.feed_url

    @property
    def page_url(self) -> str:
        return self.spec.page_url


@dataclass
class FeedGroup:
    """Feeds shown together: the site's, the categories', the topics'."""

    key: str
    title: str
    feeds: list[CatalogueFeed] = field(default_factory=list)


@dataclass
class FeedCatalogue:
    """Every feed of the site, grouped, in display order."""

    groups: list[FeedGroup] = field(default_factory=list)

    def __iter__(self):  # type: ignore[no-untyped-def]
        for group in self.groups:
            yield from group.feeds

    @property
    def count(self) -> int:
        return sum(len(group.feeds) for group in self.groups)



@dataclass
class SubscribePage:
    """What the "Đăng ký nhận tin" page shows: the groups of feeds and the OPML file."""

    catalogue: FeedCatalogue
    site_url: str
    opml_url: str | None = None

    def absolute(self, url: str) -> str:
        return absolute_url(self.site_url, url)

    @property
    def groups(self) -> Sequence[FeedGroup]:
        return [group for group in self.catalogue.groups if group.feeds]
