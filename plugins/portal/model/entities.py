"""Articles, categories and sources: plain data, hashable by slug."""

from __future__ import annotations

import zlib
from dataclasses import InitVar, dataclass, field
from datetime import datetime

from portal.model.reading_time import reading_minutes


@dataclass(frozen=True)
class Category:
    """A category (chuyên mục) declared in the site configuration.

    Attributes:
        slug: the ASCII identifier editors write in ``category:``.
        name: the display name, e.g. ``Hoạt động đối ngoại``.
        order: position in menus and on the home page (lower first).
        description: shown at the top of the category page.
    """

    slug: str
    name: str
    order: int = 0
    description: str = ""


@dataclass(frozen=True)
class Source:
    """Where a republished article comes from (``Nguồn``)."""

    name: str
    url: str | None = None


@dataclass(eq=False)
class Article:
    """One article as the editor wrote it, validated.

    Identity is the slug: two articles are the same article only when they
    are the same object, and lookups go through dicts keyed by slug.

    Attributes:
        slug: unique across the site; the article's URL ends with it.
        src_uri: path of the Markdown file relative to the content folder.
        path: the same file as shown to editors (``content/…``).
        has_time: False when the editor gave only a day; pages then show no "00:00".
        image: a content-relative file path (``anh/2025/x.jpg``) or an absolute URL.
        related_slugs: the editor's picks for "Tin cùng chuyên mục", in order.
        expires: after this instant the article leaves the site ("Hết hạn").
        updated: when the editor says the article was last revised.
        key_lines: line of each front-matter field, for messages about relations.
        url: site-relative URL, set when the index is built (``tin-tuc/<slug>/``).
        revised: the last git commit that changed the file after it was added,
            set by portal/seo (``reading.git_dates``); None without history.
        body: the Markdown text after the front matter. Kept compressed
            (``packed_body``, about a third of its size): every article of the
            site is in memory, in the build and in each render process, and only
            the page that shows it reads it, once.
    """

    slug: str
    src_uri: str
    path: str
    title: str
    date: datetime
    category: str
    body: InitVar[str]
    summary: str = ""
    author: str = ""
    source: Source | None = None
    image: str | None = None
    image_caption: str = ""
    tags: tuple[str, ...] = ()
    related_slugs: tuple[str, ...] = ()
    draft: bool = False
    featured: bool = False
    has_time: bool = True
    expires: datetime | None = None
    updated: datetime | None = None
    key_lines: dict[str, int] = field(default_factory=dict, repr=False)
    body_line: int = 1
    url: str = ""
    revised: datetime | None = None
    source_hash: str = ""  # SHA-256 of the file as read: the site plan's fingerprints know the article by it
    body_links: tuple[str, ...] = ()  # link targets written in the body, found once when the file is read
    # "5 phút đọc", from the sapo and text when the article is made: the text itself is let go
    # once its page is written or taken from the cache (release_body), and 0 means "not counted yet".
    reading_minutes: int = 0
    packed_body: bytes = field(default=b"", repr=False)

    def __post_init__(self, body: str) -> None:
        if not self.reading_minutes:
            self.reading_minutes = reading_minutes(self.summary, body)
        self.packed_body = _pack(body)

    def release_body(self) -> None:
        """Let the Markdown text go: no page needs it once this article's page is written."""
        self.packed_body = b""

    @property
    def sort_key(self) -> tuple[float, str]:
        """Newest first, ties broken by slug, so every ordering is total and reproducible."""
        return (-self.date.timestamp(), self.slug)

    def is_scheduled(self, now: datetime) -> bool:
        """Dated in the future: published by the first build at or after its date."""
        return self.date > now

    def is_expired(self, now: datetime) -> bool:
        return self.expires is not None and self.expires <= now

    @property
    def modified(self) -> datetime:
        """Last revision: ``updated`` or a later git change, else the publication date."""
        return max(moment for moment in (self.date, self.updated, self.revised) if moment is not None)

    @property
    def is_updated(self) -> bool:
        """Revised after publication: pages show "Cập nhật <modified>"."""
        return self.modified > self.date

    @property
    def image_is_external(self) -> bool:
        return bool(self.image) and "://" in (self.image or "")

    def __repr__(self) -> str:
        return f"Article({self.slug!r}, {self.date.isoformat()}, {self.category!r})"


def _pack(text: str) -> bytes:
    # Level 1: a tenth of a millisecond an article, paid once (parsed articles are cached packed).
    return zlib.compress(text.encode("utf-8"), 1) if text else b""


def _unpack(article: Article) -> str:
    return zlib.decompress(article.packed_body).decode("utf-8") if article.packed_body else ""


def _repack(article: Article, text: str) -> None:
    article.packed_body = _pack(text)


# Set after the dataclass is made: ``body`` is its constructor's argument (an InitVar), this reads it back.
Article.body = property(_unpack, _repack)  # type: ignore[attr-defined]
