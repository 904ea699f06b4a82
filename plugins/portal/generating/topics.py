"""Topic pages (chủ đề): one paginated page per tag, and the index of all topics.

Editors write tags freely (``tags: [Lào, hợp tác biên giới]``), so the same
topic arrives in several spellings: ``Lào`` and ``lào`` give the same slug
and are one topic, shown under its most used spelling. Tags are grouped in
one pass over the newest-first index (O(total tags)); each topic's pages are
slices of its own list.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from portal.generating.listings import ListingPage, paginate
from portal.model.entities import Article
from portal.reading.slugs import make_slug


@dataclass(eq=False)
class Topic:
    """One topic and its articles, newest first.

    Attributes:
        slug: ASCII slug of the tag, the topic's identity (``hop-tac-bien-gioi``).
        name: the spelling most articles use (ties: the newest article's).
        spellings: every spelling seen and how many articles use it.
        pages: the listing pages (``chu-de/<slug>/``, ``chu-de/<slug>/trang/2/``, …).
    """

    slug: str
    name: str = ""
    url: str = ""
    articles: list[Article] = field(default_factory=list, repr=False)
    spellings: Counter[str] = field(default_factory=Counter, repr=False)
    pages: list[ListingPage] = field(default_factory=list, repr=False)

    @property
    def count(self) -> int:
        return len(self.articles)

    def __repr__(self) -> str:
        return f"Topic({self.slug!r}, {self.name!r}, {self.count})"


@dataclass(eq=False)
class TopicIndex:
    """Every topic, built once per build.

    Attributes:
        topics: topics sorted by slug (tone marks folded, as readers scan an index).
        by_slug: slug → topic.
        url_for_tag: each spelling as written in articles → its topic's URL.
        url: the topics index page (``chu-de/``).
    """

    url: str
    topics: list[Topic] = field(default_factory=list)
    by_slug: dict[str, Topic] = field(default_factory=dict)
    url_for_tag: dict[str, str] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return self.url.strip("/") + "/index.md"


def tag_slug(tag: str) -> str:
    """The topic a tag belongs to; empty for a tag with no letters or digits."""
    return make_slug(unicodedata.normalize("NFC", tag).strip())


def build_topics(
    articles: Sequence[Article],
    *,
    index_url: str = "chu-de/",
    url_format: str = "chu-de/{slug}/",
    per_page: int = 20,
    page_url_format: str = "trang/{number}/",
) -> TopicIndex:
    """Group the newest-first published articles by topic and paginate each topic."""
    index = TopicIndex(url=index_url.strip("/") + "/")
    slug_of: dict[str, str] = {}
    for article in articles:
        for tag in article.tags:
            name = unicodedata.normalize("NFC", tag).strip()
            slug = slug_of.get(name)
            if slug is None:
                slug = slug_of[name] = tag_slug(name)
            if not slug:
                continue
            topic = index.by_slug.get(slug)
            if topic is None:
                topic = index.by_slug[slug] = Topic(slug=slug, url=url_format.format(slug=slug))
            # Two spellings of one topic on the same article count it once.
            if not topic.articles or topic.articles[-1] is not article:
                topic.articles.append(article)
                topic.spellings[name] += 1
    for topic in index.by_slug.values():
        # most_common keeps first-seen order among ties: the newest article's spelling wins.
        topic.name = topic.spellings.most_common(1)[0][0]
        topic.pages = paginate(
            topic.slug, topic.name, topic.articles,
            base_url=topic.url, per_page=per_page, page_url_format=page_url_format,
        )
    index.topics = sorted(index.by_slug.values(), key=lambda t: t.slug)
    index.url_for_tag = {name: index.by_slug[slug].url for name, slug in slug_of.items() if slug}
    return index
