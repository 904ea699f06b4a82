"""The home page: lead story, latest news, one block per category."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.model.entities import Article, Category
from portal.model.index import ContentIndex


@dataclass
class CategoryBlock:
    category: Category
    articles: list[Article]


@dataclass
class HomePage:
    """What the home page shows.

    Attributes:
        lead: the newest article marked ``featured: true``, else the newest article.
        latest: the newest articles across categories, the lead excluded.
        blocks: per category (in declared order) its newest articles; empty categories are left out.
    """

    lead: Article | None
    latest: list[Article] = field(default_factory=list)
    blocks: list[CategoryBlock] = field(default_factory=list)


def home_page(index: ContentIndex, *, latest_count: int = 10, block_count: int = 5) -> HomePage:
    """Choose the home page's stories from the index without walking it more than once."""
    lead = next((a for a in index.articles if a.featured), None)
    if lead is None and index.articles:
        lead = index.articles[0]
    latest = [a for a in index.articles[: latest_count + 1] if a is not lead][:latest_count]
    blocks = [
        CategoryBlock(category, index.by_category[category.slug][:block_count])
        for category in index.categories
        if index.by_category.get(category.slug)
    ]
    return HomePage(lead=lead, latest=latest, blocks=blocks)
