"""The article index: every published article, sorted and grouped once per build.

Everything a page needs (a category's articles, an article's neighbours in
time, its "Tin cùng chuyên mục") is a dict lookup or a slice here, so no
page ever walks all articles: the build stays O(n log n) at 50,000 articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import datetime

from portal.model.entities import Article, Category
from portal.model.related import same_category_related
from portal.problems import Problem


@dataclass
class ContentIndex:
    """The one model of the content that every plugin and template reads.

    Attributes:
        categories: declared categories in display order.
        articles: published articles, newest first (ties by slug).
        drafts: unpublished articles by slug (kept for relation checks).
        scheduled: articles dated after the build's clock, by slug, soonest first.
        expired: articles whose ``expires`` has passed, by slug.
        now: the build's clock: what is published is decided against it.
        by_slug: published articles by slug.
        by_src_uri: published articles by source path.
        by_category: category slug → its published articles, newest first.
        related: article slug → its "Tin cùng chuyên mục" list.
    """

    categories: list[Category]
    articles: list[Article] = field(default_factory=list)
    drafts: dict[str, Article] = field(default_factory=dict)
    scheduled: dict[str, Article] = field(default_factory=dict)
    expired: dict[str, Article] = field(default_factory=dict)
    now: datetime | None = None
    by_slug: dict[str, Article] = field(default_factory=dict)
    by_src_uri: dict[str, Article] = field(default_factory=dict)
    by_category: dict[str, list[Article]] = field(default_factory=dict)
    related: dict[str, list[Article]] = field(default_factory=dict)
    category_by_slug: dict[str, Category] = field(default_factory=dict)

    def latest(self, count: int) -> list[Article]:
        return self.articles[:count]


def build_index(
    candidates: Iterable[Article],
    categories: Iterable[Category],
    *,
    article_url_format: str = "tin-tuc/{slug}/",
    related_count: int = 10,
    unreadable: Set[str] = frozenset(),
    now: datetime | None = None,
    include_drafts: bool = False,
) -> tuple[ContentIndex, list[Problem]]:
    """Build the index from validated articles and check what spans files.

    Checks slug uniqueness (drafts included: publishing one later must not
    collide) and every ``related`` entry. ``unreadable`` holds the slugs of
    files that had errors of their own: a relation to one of them is not
    reported again as missing. Problems are returned, not raised.

    ``now`` is the build's clock: an article dated after it is scheduled and
    one whose ``expires`` has passed is expired; neither is published. Without
    a clock every non-draft article is published (for tools that do not care).
    ``include_drafts`` publishes drafts too: the editors' local preview.
    """
    ordered_categories = sorted(categories, key=lambda c: (c.order, c.slug))
    index = ContentIndex(categories=ordered_categories, now=now)
    index.category_by_slug = {category.slug: category for category in ordered_categories}
    index.by_category = {category.slug: [] for category in ordered_categories}
    problems: list[Problem] = []

    owner: dict[str, Article] = {}
    for article in sorted(candidates, key=lambda a: a.src_uri):
        first = owner.get(article.slug)
        if first is not None:
            problems.append(
                Problem(
                    article.path, "duplicate_slug", {"slug": article.slug, "other": first.path},
                    field="slug" if "slug" in article.key_lines else None, line=article.key_lines.get("slug"),
                )
            )
            continue
        owner[article.slug] = article
        article.url = article_url_format.format(slug=article.slug)
        if article.draft and not include_drafts:
            index.drafts[article.slug] = article
        elif now is not None and article.is_scheduled(now):
            index.scheduled[article.slug] = article
        elif now is not None and article.is_expired(now):
            index.expired[article.slug] = article
        else:
            index.by_slug[article.slug] = article
            index.by_src_uri[article.src_uri] = article

    index.articles = sorted(index.by_slug.values(), key=lambda a: a.sort_key)
    index.scheduled = {a.slug: a for a in sorted(index.scheduled.values(), key=lambda a: (a.date, a.slug))}
    for article in index.articles:
        index.by_category.setdefault(article.category, []).append(article)

    problems.extend(_check_relations(index, owner, unreadable))
    index.related = same_category_related(index.articles, index.by_category, index.by_slug, related_count)
    return index, problems


def _check_relations(index: ContentIndex, owner: Mapping[str, Article], unreadable: Set[str]) -> list[Problem]:
    """Every ``related`` slug must name another published article."""
    problems: list[Problem] = []
    for article in owner.values():
        for slug in article.related_slugs:
            if slug == article.slug:
                code = "related_self"
            elif slug in index.drafts:
                # A draft pointing to a draft is fine: neither is published yet.
                if article.draft:
                    continue
                code = "related_draft"
            elif slug in index.scheduled or slug in index.expired:
                continue  # shown once it is published; gone once it expires
            elif slug not in index.by_slug:
                if slug in unreadable:
                    continue  # that file's own errors are already reported
                code = "related_missing"
            else:
                continue
            problems.append(
                Problem(article.path, code, {"value": slug}, field="related", line=article.key_lines.get("related"))
            )
    return problems
