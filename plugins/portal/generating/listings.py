"""Listing pages (category, topic, day) whose archive pages keep their content.

A listing's first page lives at its own URL (``chuyen-muc/<slug>/``) and
shows the newest articles. Older articles sit on archive pages counted from
the **oldest**: ``trang/1/`` holds the first ``per_page`` articles ever
published, ``trang/2/`` the next, and so on. Publishing an article changes the
first page and nothing else, until the newest archive page fills and one more
page is split off; a page counted from the newest would shift on every
publish, and with it every cached copy, search engine entry and bookmark.

The first page shows the newest, not yet full, group of ``per_page`` articles
and the full group before it (so ``per_page`` to ``2 × per_page − 1``
articles). An address that the old newest-first numbering used and that is
now part of the first page (``trang/<n>/`` beyond the last archive page) is
kept as a redirect to the first page (:attr:`ListingPage.redirects`).
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field

from portal.model.entities import Article, Category


@dataclass(eq=False)
class ListingPage:
    """One page of a list of articles.

    Attributes:
        key: what is listed (a category slug), for feed links and titles.
        number: 0 for the first page; an archive page's number, counted from the oldest.
        src_uri: the generated Markdown file behind the page.
        articles: the page's articles, newest first.
        pages: every page of the same listing in reading order (the first page,
            then archive pages from the newest to ``trang/1/``), shared.
        redirects: on the first page only, the old addresses that now lead to it.
    """

    key: str
    title: str
    number: int
    src_uri: str
    articles: Sequence[Article]
    description: str = ""
    pages: list[ListingPage] = field(default_factory=list, repr=False)
    redirects: list[str] = field(default_factory=list, repr=False)

    @property
    def url(self) -> str:
        """Site-relative URL of the page (``chuyen-muc/<slug>/trang/2/``)."""
        return self.src_uri[: -len("index.md")]

    @property
    def is_first(self) -> bool:
        return self.number == 0

    @property
    def total(self) -> int:
        """How many pages the listing has (the first and its archive pages)."""
        return len(self.pages)

    @property
    def position(self) -> int:
        """Index in :attr:`pages`: the first page, then archive pages from the highest number down."""
        return 0 if self.is_first else len(self.pages) - self.number

    @property
    def previous(self) -> ListingPage | None:
        """The newer page (the first page's has none)."""
        position = self.position
        return self.pages[position - 1] if position > 0 else None

    @property
    def next(self) -> ListingPage | None:
        """The older page (``trang/1/`` has none)."""
        position = self.position
        return self.pages[position + 1] if position + 1 < len(self.pages) else None

    def __repr__(self) -> str:
        return f"ListingPage({self.key!r}, {self.number})"


def page_count(items: int, per_page: int) -> int:
    """Groups of ``per_page`` articles (at least one: an empty listing says 'no articles yet')."""
    return max(1, math.ceil(items / per_page))


def archive_page_count(items: int, per_page: int) -> int:
    """Archive pages besides the first: every full group not shown on the first page."""
    groups = math.ceil(items / per_page)
    on_first = 1 if items % per_page == 0 else 2
    return max(0, groups - on_first)


def paginate(
    key: str,
    title: str,
    articles: Sequence[Article],
    *,
    base_url: str,
    per_page: int,
    page_url_format: str = "trang/{number}/",
    description: str = "",
) -> list[ListingPage]:
    """The first page and the archive pages of a newest-first list, in reading order.

    Archive page ``k`` holds the oldest-first articles ``(k-1)·per_page`` to
    ``k·per_page - 1``, newest first on the page: its content changes only when
    an article is published, moved or removed inside its own stretch of time.
    """
    count = len(articles)
    archived = archive_page_count(count, per_page)
    on_first = count - archived * per_page
    pages: list[ListingPage] = []

    def add(number: int, directory: str, shown: Sequence[Article]) -> ListingPage:
        page = ListingPage(
            key=key, title=title, number=number, src_uri=posixpath.join(directory.strip("/"), "index.md"),
            articles=shown, description=description, pages=pages,
        )
        pages.append(page)
        return page

    first = add(0, base_url, articles[:on_first])
    for number in range(archived, 0, -1):
        start = count - number * per_page
        add(number, archive_url(base_url, page_url_format, number), articles[start : start + per_page])
    # The newest-first numbering gave pages 2..groups: those now on the first page redirect to it.
    first.redirects = [
        archive_url(base_url, page_url_format, number)
        for number in range(max(2, archived + 1), page_count(count, per_page) + 1)
    ]
    return pages


def archive_url(base_url: str, page_url_format: str, number: int) -> str:
    """Site-relative URL of archive page ``number`` of the listing at ``base_url``."""
    return posixpath.join(base_url, page_url_format.format(number=number))


def category_listing(
    category: Category,
    articles: Sequence[Article],
    *,
    url_format: str = "chuyen-muc/{slug}/",
    per_page: int = 20,
    page_url_format: str = "trang/{number}/",
) -> list[ListingPage]:
    """All pages of one category."""
    return paginate(
        category.slug,
        category.name,
        articles,
        base_url=url_format.format(slug=category.slug),
        per_page=per_page,
        page_url_format=page_url_format,
        description=category.description,
    )
