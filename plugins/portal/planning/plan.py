"""The site plan: one object, built once per build, that every plugin reads.

``portal/content`` creates it with the content index; ``portal/pages`` adds
the listing, home, archive and topic views and their pages, ``portal/feeds``
the feed catalogue, ``portal/search`` its addresses. Plugins read what the
others added from here, never from each other. At the end of ``on_files`` each
page gets a fingerprint: a hash of everything it shows and depends on, the
key of the build cache (``portal.caching``).
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from portal.generating.archive import Archive, DayArchive, MonthArchive, YearArchive, local_day
from portal.generating.home import HomePage
from portal.generating.listings import ListingPage
from portal.generating.topics import TopicIndex
from portal.model.entities import Article
from portal.model.index import ContentIndex
from portal.planning.urls import UrlFormats

# Pages a build may take from the cache. Pages in the nav (home, category page 1, static
# pages) and pages that list the whole site (archive and topic indexes) are always rendered.
REUSABLE_KINDS = frozenset({"article", "category", "day", "month", "year", "topic"})
_LISTING_KINDS = frozenset({"home", "category", "category-first", "day", "month", "year", "topic"})


@dataclass
class PlannedPage:
    """One page of the site: where it is, what kind it is, what it shows."""

    src_uri: str
    url: str
    kind: str
    articles: Sequence[Article] = ()
    extra: tuple[Any, ...] = ()
    picker: MonthArchive | None = None
    fingerprint: str = ""
    # An article page's own text and address, not the lists around it (its related list, its
    # date picker): what its search record is made of. A neighbour published next to it
    # changes its page, not its record, and so re-indexes no search period.
    text_fingerprint: str = ""

    @property
    def dest_uri(self) -> str:
        return posixpath.join(self.url, "index.html") if self.url.endswith("/") or not self.url else self.url


@dataclass
class SitePlan:
    """Every page the portal generates or publishes, and the views templates display."""

    index: ContentIndex
    zone: tzinfo
    urls: UrlFormats = field(default_factory=UrlFormats)
    listings: dict[str, ListingPage] = field(default_factory=dict)
    first_pages: list[str] = field(default_factory=list)
    home: HomePage | None = None
    archive: Archive | None = None
    topics: TopicIndex | None = None
    feeds: Any = None  # portal.generating.subscribe.FeedCatalogue, set by portal/feeds
    day_pages: dict[str, tuple[DayArchive, ListingPage]] = field(default_factory=dict)
    month_pages: dict[str, MonthArchive] = field(default_factory=dict)
    year_pages: dict[str, YearArchive | None] = field(default_factory=dict)
    topic_pages: dict[str, tuple[Any, ListingPage]] = field(default_factory=dict)
    pages: dict[str, PlannedPage] = field(default_factory=dict)
    # The build cache (portal.caching.pages.PageCache) when reuse is on; the pages taken from it;
    # what else an entry must hold to be reused (the search record, when search is on).
    cache: Any = None
    reused: dict[str, PlannedPage] = field(default_factory=dict)
    cache_requires: dict[str, set[str]] = field(default_factory=dict)  # page kind → attachment names
    # Pages another process renders (portal/parallel), and what plugins collect per page for the
    # end of the build (search records): a worker hands it to the parent.
    rendered_elsewhere: set[str] = field(default_factory=set)
    collected: dict[str, dict[str, Any]] = field(default_factory=dict)

    # -- building ------------------------------------------------------------------------

    def add(self, page: PlannedPage) -> PlannedPage:
        self.pages[page.src_uri] = page
        return page

    def picker_month(self, day: Any = None) -> MonthArchive | None:
        """The month the date picker shows: the page's own, else the newest with news."""
        return self.archive.picker_month(day) if self.archive is not None else None

    def listed_articles(self, src_uri: str) -> list[Article]:
        """The articles a generated page lists (for its sitemap date): home, category, day, month, year, topic."""
        page = self.pages.get(src_uri)
        return list(page.articles) if page is not None and page.kind in _LISTING_KINDS else []

    # -- the cache -----------------------------------------------------------------------

    def attach(self, src_uri: str, name: str, data: bytes) -> None:
        """Keep ``data`` (a plugin's result for this page) in the page's cache entry."""
        page = self.pages.get(src_uri)
        if self.cache is not None and page is not None and page.fingerprint and page.kind in REUSABLE_KINDS:
            self.cache.attach(page.fingerprint, name, data)

    def attachment(self, src_uri: str, name: str) -> bytes | None:
        """What a plugin attached to a page that this build took from the cache."""
        page = self.reused.get(src_uri)
        return self.cache.read(page.fingerprint, name) if self.cache is not None and page is not None else None

    # -- fingerprints --------------------------------------------------------------------

    def fingerprint_pages(self, global_key: str, files: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        """Give every page the hash of what it shows, its dependencies, and ``global_key``.

        ``global_key`` covers everything every page shows: configuration, labels,
        templates, plugins and their versions, the portal's code, the static pages
        (the nav), the command (drafts and policy differ under ``serve``).
        """
        # Each article's signature and card, and each month's picker, enter the pages' hashes as
        # digests: a listing or an article with its related list then hashes a few hundred bytes,
        # not every card's text again (a second of every build at 10,000 articles).
        signatures: dict[int, str] = {}
        cards: dict[int, str] = {}

        def sig(article: Article) -> str:
            key = id(article)
            if key not in signatures:
                signatures[key] = _hash((article_signature(article),))
            return signatures[key]

        def card(article: Article) -> str:
            key = id(article)
            if key not in cards:
                cards[key] = _hash((card_signature(article),))
            return cards[key]

        month_sigs: dict[tuple[int, int], str] = {}

        def picker_sig(month: MonthArchive | None) -> str:
            if month is None:
                return "-"
            key = (month.year, month.month)
            if key not in month_sigs:
                month_sigs[key] = _hash((picker_signature(month),))
            return month_sigs[key]

        by_src = self.index.by_src_uri
        for page in self.pages.values():
            parts: list[str] = [global_key, page.kind, page.url, repr(page.extra)]
            if page.kind == "article":  # the article itself, whole
                parts.append(sig(page.articles[0]))
            else:  # a list shows each article's card: editing a body re-renders no list
                parts.extend(card(article) for article in page.articles)
            parts.append(picker_sig(page.picker))
            if page.kind == "article":
                article = page.articles[0]
                targets = list(_link_targets(article, by_src, files))
                page.text_fingerprint = _hash([global_key, "text", page.url, sig(article), *targets])
                parts.extend("r:" + card(other) for other in self.index.related.get(article.slug, []))
                parts.extend(targets)
            page.fingerprint = _hash(parts)

    def add_article_pages(self) -> None:
        """One planned page per published article."""
        for article in self.index.articles:
            picker = self.picker_month(local_day(article, self.zone))
            self.add(PlannedPage(article.src_uri, article.url, "article", (article,), picker=picker))


def article_signature(article: Article) -> str:
    """Everything about one article that any page may show: its file, its address, its git date, its state."""
    return "|".join(
        (
            article.source_hash or article.src_uri,
            article.url,
            article.revised.isoformat() if article.revised else "",
            "draft" if article.draft else "",
        )
    )


def card_signature(article: Article) -> str:
    """What a list of articles (a listing, the related list) may show of one: everything but the body and its revisions.

    Lists show an article's card (title, date, summary, photo, category...),
    never its text, so a correction to a body re-renders the article alone.
    Nor do they show when it was revised (``updated``, the git date): only the
    article's own page says "Cập nhật" (its own signature has the git date, its
    file has ``updated``). Otherwise every correction, committed, would change
    the related lists of ten neighbours and every listing that shows it.
    """
    return repr((
        article.url, article.title, article.date.isoformat(), article.has_time, article.category,
        article.summary, article.author, article.source, article.image, article.image_caption,
        article.tags, article.related_slugs, article.draft, article.featured,
        article.expires.isoformat() if article.expires else "",
    ))


def picker_signature(month: MonthArchive) -> str:
    """What the date picker shows for a month: its days with news (not their counts) and its neighbours."""
    days = ",".join(d.day.isoformat() for d in month.days)
    previous = f"{month.previous.year}-{month.previous.month}" if month.previous else ""
    following = f"{month.next.year}-{month.next.month}" if month.next else ""
    return f"{month.year}-{month.month}[{days}]<{previous}>{following}"


def month_signature(month: MonthArchive) -> str:
    """What a month's full calendar shows (the year page): its days with news, their counts, its neighbours."""
    days = ",".join(f"{d.day.isoformat()}:{len(d.articles)}" for d in month.days)
    previous = f"{month.previous.year}-{month.previous.month}" if month.previous else ""
    following = f"{month.next.year}-{month.next.month}" if month.next else ""
    return f"{month.year}-{month.month}[{days}]<{previous}>{following}"


def _link_targets(article: Article, by_src_uri: dict[str, Article], files: set[str]) -> Iterable[str]:
    """Relative links in the body: where each resolves to in this build (an article's URL, or whether the file exists).

    MkDocs rewrites a link to another Markdown file into that page's URL and
    leaves a link to a missing file as written, so the page's bytes depend on them.
    """
    base = posixpath.dirname(article.src_uri)
    for target in article.body_links:
        if "://" in target or target.startswith(("mailto:", "tel:", "data:")):
            continue
        path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
        other = by_src_uri.get(path)
        yield f"l:{path}={other.url if other is not None else ('file' if path in files else '-')}"


def _hash(parts: Iterable[str]) -> str:
    return hashlib.sha256("".join(part + "\x00" for part in parts).encode("utf-8", "surrogatepass")).hexdigest()
