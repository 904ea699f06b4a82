"""Category pages, paginated at stable URLs.

Page 1 of a category lives at ``chuyen-muc/<slug>/``, page n at
``chuyen-muc/<slug>/trang/<n>/``: the URL of a page depends only on its
number, so links from search engines and other portals keep working.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field

from portal.model.entities import Article, Category


@dataclass(eq=False)
class ListingPage:
    """One page of a paginated list of articles.

    Attributes:
        key: what is listed (a category slug), for feed links and titles.
        number: 1-based page number.
        src_uri: the generated Markdown file behind the page.
        articles: the page's slice, newest first.
        pages: every page of the same listing, shared, for previous/next links.
    """

    key: str
    title: str
    number: int
    src_uri: str
    articles: Sequence[Article]
    description: str = ""
    pages: list[ListingPage] = field(default_factory=list, repr=False)

    @property
    def url(self) -> str:
        """Site-relative URL of the page (``chuyen-muc/<slug>/trang/2/``)."""
        return self.src_uri[: -len("index.md")]

    @property
    def total(self) -> int:
        return len(self.pages)

    @property
    def previous(self) -> ListingPage | None:
        return self.pages[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> ListingPage | None:
        return self.pages[self.number] if self.number < self.total else None

    def __repr__(self) -> str:
        return f"ListingPage({self.key!r}, {self.number}/{self.total})"


def page_count(items: int, per_page: int) -> int:
    """At least one page, even for an empty listing (it shows 'no articles yet')."""
    return max(1, math.ceil(items / per_page))


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
    """Split a newest-first list into pages with stable URLs under ``base_url``."""
    pages: list[ListingPage] = []
    for number in range(1, page_count(len(articles), per_page) + 1):
        directory = base_url if number == 1 else posixpath.join(base_url, page_url_format.format(number=number))
        start = (number - 1) * per_page
        pages.append(
            ListingPage(
                key=key,
                title=title,
                number=number,
                src_uri=posixpath.join(directory.strip("/"), "index.md"),
                articles=articles[start : start + per_page],
                description=description,
                pages=pages,
            )
        )
    return pages


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
