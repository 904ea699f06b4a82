"""Sitemaps for search engines: the site's, Google News', and robots.txt.

MkDocs stamps every page of its sitemap with the build date, which tells a
crawler that 50,000 articles changed on every build. Here each URL carries
the date its content really changed (an article's ``modified``; a listing's
newest listed article; a static page's last commit), so the output depends on
the content only and two builds of the same content are byte-identical.

XML is written with ElementTree (escaping is its job, not ours) and follows
https://www.sitemaps.org/protocol.html and Google's News sitemap rules.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from xml.sax.saxutils import escape

from portal.model.entities import Article
from portal.urls import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

# The protocol's limits per file; above it the sitemap becomes an index of parts.
MAX_URLS = 50_000
# Google News reads at most 1,000 URLs, published in the last two days.
MAX_NEWS_URLS = 1_000
NEWS_DAYS = 2

ET.register_namespace("news", NEWS_NS)

# Characters kept as they are in a URL; everything else (Vietnamese letters, spaces) is percent-encoded.


@dataclass(frozen=True)
class SitemapEntry:
    """One URL of the sitemap: its absolute address and when its content last changed."""

    loc: str
    lastmod: datetime | None = None


@dataclass(frozen=True)
class NewsEntry:
    """One article of the Google News sitemap."""

    loc: str
    title: str
    published: datetime


@dataclass(frozen=True)
class SitemapFile:
    """A file to write: its site-relative path and its bytes."""

    path: str
    data: bytes



def w3c_datetime(moment: datetime, zone: tzinfo | None = None) -> str:
    """``2025-01-15T16:17:00+07:00``: the W3C datetime the protocol asks for, in the portal's zone."""
    local = moment.astimezone(zone) if zone is not None else moment
    return local.isoformat(timespec="seconds")


def newest(moments: Iterable[datetime | None]) -> datetime | None:
    """The latest of some optional instants (a listing's newest change), or None."""
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def recent_articles(
    articles: Sequence[Article], *, reference: datetime, days: int = NEWS_DAYS, limit: int = MAX_NEWS_URLS
) -> list[Article]:
    """The articles published within ``days`` before ``reference``, newest first.

    ``articles`` must be sorted newest first (the index order): the scan stops
    at the first older one, so the cost is the size of the answer, not of the site.
    """
    cutoff = reference - timedelta(days=days)
    found: list[Article] = []
    for article in articles:
        if article.date < cutoff or len(found) >= limit:
            break
        if article.date <= reference:
            found.append(article)
    return found


def _element(parent: ET.Element, namespace: str, name: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{namespace}}}{name}")
    child.text = text
    return child


def render_urlset(entries: Iterable[SitemapEntry], zone: tzinfo | None = None) -> bytes:
    """A ``<urlset>`` with ``loc`` and, when known, ``lastmod`` of each entry."""
    return _render_list("urlset", "url", entries, zone)


def render_index(parts: Iterable[SitemapEntry], zone: tzinfo | None = None) -> bytes:
    """A ``<sitemapindex>`` listing sitemap files."""
    return _render_list("sitemapindex", "sitemap", parts, zone)


def _render_list(root_name: str, item_name: str, entries: Iterable[SitemapEntry], zone: tzinfo | None) -> bytes:
    """The two sitemap documents share one shape: items of ``loc`` and optional ``lastmod``.

    Written as text, not through ElementTree: building and indenting a tree of
    30,000 URLs took half a second of every build at 20,000 articles, for a
    document of one fixed shape. The bytes are those ElementTree writes (a test
    compares them); its escaping is replaced by ``xml.sax.saxutils.escape``,
    which escapes the same three characters in text.
    """
    lines: list[str] = []
    for entry in entries:
        lines.append(f"  <{item_name}>\n    <loc>{escape(entry.loc)}</loc>\n")
        if entry.lastmod is not None:
            lines.append(f"    <lastmod>{w3c_datetime(entry.lastmod, zone)}</lastmod>\n")
        lines.append(f"  </{item_name}>\n")
    opening = f"<?xml version='1.0' encoding='utf-8'?>\n<{root_name} xmlns=\"{SITEMAP_NS}\""
    if not lines:
        return f"{opening} />\n".encode()
    return f"{opening}>\n{''.join(lines)}</{root_name}>\n".encode()


def render_news(entries: Iterable[NewsEntry], *, publication: str, language: str, zone: tzinfo | None = None) -> bytes:
    """A Google News sitemap: each URL with publication name and language, date and title."""
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in entries:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        _element(url, SITEMAP_NS, "loc", entry.loc)
        news = ET.SubElement(url, f"{{{NEWS_NS}}}news")
        source = ET.SubElement(news, f"{{{NEWS_NS}}}publication")
        _element(source, NEWS_NS, "name", publication)
        _element(source, NEWS_NS, "language", language)
        _element(news, NEWS_NS, "publication_date", w3c_datetime(entry.published, zone))
        _element(news, NEWS_NS, "title", entry.title)
    return _with_default_namespace(root)


def _with_default_namespace(root: ET.Element) -> bytes:
    """Serialise with the sitemap namespace as the default one (``<urlset xmlns=…>``), as crawlers expect."""
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=SITEMAP_NS) + b"\n"


def sitemap_files(
    entries: Sequence[SitemapEntry],
    *,
    site_url: str,
    path: str = "sitemap.xml",
    max_urls: int = MAX_URLS,
    zone: tzinfo | None = None,
) -> list[SitemapFile]:
    """The sitemap at ``path``; above ``max_urls`` URLs, an index there and numbered parts beside it.

    Parts are ``sitemap-1.xml``, ``sitemap-2.xml``… in the order of ``entries``;
    each part's ``lastmod`` in the index is its newest entry's.
    """
    if max_urls < 1:
        raise ValueError("max_urls must be positive")
    if len(entries) <= max_urls:
        return [SitemapFile(path, render_urlset(entries, zone))]
    stem, extension = posixpath.splitext(path)
    files: list[SitemapFile] = []
    parts: list[SitemapEntry] = []
    for number, start in enumerate(range(0, len(entries), max_urls), start=1):
        chunk = entries[start : start + max_urls]
        part_path = f"{stem}-{number}{extension}"
        files.append(SitemapFile(part_path, render_urlset(chunk, zone)))
        parts.append(SitemapEntry(absolute_url(site_url, part_path), newest(e.lastmod for e in chunk)))
    return [SitemapFile(path, render_index(parts, zone)), *files]


def render_robots(site_url: str, sitemap_paths: Iterable[str]) -> str:
    """A robots.txt that lets every crawler in and names the sitemaps by absolute URL."""
    lines = ["User-agent: *", "Disallow:", ""]
    lines += [f"Sitemap: {absolute_url(site_url, path)}" for path in sitemap_paths]
    return "\n".join(lines) + "\n"
