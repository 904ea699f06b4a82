"""RSS 2.0 and Atom feeds, made with feedgen.

Feed readers and other portals (the national foreign-information system
pulls from provinces) read these, so links are absolute, dates carry
+07:00, items come newest first, and nothing depends on the build clock:
the feed's build date is its newest item's date. An optional
``<?xml-stylesheet?>`` instruction points browsers to an XSL file that shows
the feed as a readable page; feed readers ignore it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator
from lxml import etree

from portal.model.entities import Article, Category
from portal.urls import absolute_url

GENERATOR = "Cổng (feedgen)"
_EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)


@dataclass
class FeedSpec:
    """One feed: what it is about and where it lives.

    Attributes:
        title: the feed's title, e.g. ``Cổng TTĐN tỉnh Minh Giang – Thời sự``.
        description: the channel description.
        page_url: site-relative URL of the HTML page the feed mirrors.
        feed_url: site-relative URL of the feed file itself.
        articles: the items, newest first, already cut to the feed length.
    """

    title: str
    description: str
    page_url: str
    feed_url: str
    articles: Sequence[Article]



def _feed(spec: FeedSpec, *, site_url: str, language: str, categories: dict[str, Category]) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    page = absolute_url(site_url, spec.page_url)
    fg.id(page)
    fg.title(spec.title)
    fg.description(spec.description or spec.title)
    fg.subtitle(spec.description or spec.title)
    # feedgen keeps the last non-self link as the RSS <link>: self first.
    fg.link(href=absolute_url(site_url, spec.feed_url), rel="self")
    fg.link(href=page, rel="alternate")
    fg.language(language)
    fg.generator(GENERATOR)
    newest = spec.articles[0].date if spec.articles else _EMPTY_FEED_DATE
    fg.lastBuildDate(newest)
    fg.updated(newest)
    for article in spec.articles:
        link = absolute_url(site_url, article.url)
        entry = fg.add_entry(order="append")
        entry.id(link)
        entry.guid(link, permalink=True)
        entry.title(article.title)
        entry.link(href=link)
        if article.summary:
            entry.summary(article.summary)
        entry.published(article.date)
        entry.updated(article.date)
        category = categories.get(article.category)
        if category is not None:
            entry.category(term=category.slug, label=category.name)
        if article.author:
            entry.author(name=article.author)
            entry.dc.dc_creator(article.author)
    return fg


def with_stylesheet(xml: bytes, href: str | None) -> bytes:
    """Add an ``<?xml-stylesheet?>`` instruction so a browser shows the feed as a readable page.

    Feed readers ignore it; the feed itself is unchanged. The instruction is
    added to the parsed tree (not spliced into the text), so the result is
    well-formed whatever ``href`` holds.
    """
    if not href:
        return xml
    root = etree.fromstring(xml)
    instruction = etree.ProcessingInstruction("xml-stylesheet", f'type="text/xsl" href="{_attribute(href)}"')
    root.addprevious(instruction)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _attribute(value: str) -> str:
    """Escape a value for a pseudo-attribute of a processing instruction."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace("?>", "?&gt;")


def render_rss(
    spec: FeedSpec, *, site_url: str, language: str, categories: dict[str, Category], stylesheet: str | None = None
) -> bytes:
    """The feed as RSS 2.0 XML; ``stylesheet`` is the URL of the XSL that browsers apply."""
    xml = _feed(spec, site_url=site_url, language=language, categories=categories).rss_str(pretty=True)
    return with_stylesheet(xml, stylesheet)


def render_atom(
    spec: FeedSpec, *, site_url: str, language: str, categories: dict[str, Category], stylesheet: str | None = None
) -> bytes:
    """The feed as Atom 1.0 XML; ``stylesheet`` is the URL of the XSL that browsers apply."""
    xml = _feed(spec, site_url=site_url, language=language, categories=categories).atom_str(pretty=True)
    return with_stylesheet(xml, stylesheet)
