"""The content model: index, relations, pagination and home page, without MkDocs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from portal.generating.home import home_page
from portal.generating.listings import category_listing, page_count
from portal.model.entities import Article, Category
from portal.model.index import build_index
from portal.model.related import nearest_in_time
from portal.reading.dates import VIETNAM

CATS = [Category("a", "Chuyên mục A", 1), Category("b", "Chuyên mục B", 2)]
T0 = datetime(2025, 1, 1, 8, 0, tzinfo=VIETNAM)


def art(slug: str, hours: float, category: str = "a", **fields) -> Article:
    return Article(
        slug=slug,
        src_uri=f"tin-tuc/{slug}.md",
        path=f"content/tin-tuc/{slug}.md",
        title=slug.upper(),
        date=T0 + timedelta(hours=hours),
        category=category,
        body="x",
        key_lines={"related": 7, "slug": 3},
        **fields,
    )


def slugs(articles) -> list[str]:
    return [a.slug for a in articles]


def test_articles_sorted_newest_first_ties_by_slug() -> None:
    index, problems = build_index([art("b", 1), art("a", 1), art("c", 5), art("d", 0)], CATS)
    assert problems == []
    assert slugs(index.articles) == ["c", "a", "b", "d"]
    assert slugs(index.by_category["a"]) == ["c", "a", "b", "d"]
    assert index.by_slug["a"].url == "tin-tuc/a/"


def test_drafts_are_out_of_every_list() -> None:
    index, _ = build_index([art("a", 1), art("draft", 2, draft=True)], CATS)
    assert slugs(index.articles) == ["a"]
    assert "draft" in index.drafts and "draft" not in index.by_slug
    assert all(a.slug != "draft" for lst in index.related.values() for a in lst)


def test_duplicate_slugs_are_reported_with_both_files() -> None:
    first = art("trung", 1)
    second = art("trung", 2)
    second.src_uri, second.path = "tin-tuc/khac/trung.md", "content/tin-tuc/khac/trung.md"
    _, problems = build_index([first, second], CATS)
    (problem,) = problems
    assert problem.code == "duplicate_slug"
    assert problem.path == "content/tin-tuc/trung.md"
    assert "content/tin-tuc/khac/trung.md" in problem.render()


@pytest.mark.parametrize(
    ("related", "code"),
    [(("khong-co",), "related_missing"), (("a",), "related_self"), (("nhap",), "related_draft")],
)
def test_broken_relations(related, code) -> None:
    _, problems = build_index([art("a", 1, related_slugs=related), art("nhap", 2, draft=True)], CATS)
    assert [(p.code, p.field, p.line, p.params["value"]) for p in problems] == [(code, "related", 7, related[0])]


def test_related_editor_picks_first_then_nearest_in_time() -> None:
    # Category a: hours 0..9 -> a0..a9; article a5 picks b1 (other category) and a0.
    articles = [art(f"a{i}", i) for i in range(10)] + [art("b1", 3, "b")]
    articles[5] = art("a5", 5, related_slugs=("b1", "a0", "b1"))
    index, problems = build_index(articles, CATS, related_count=5)
    related = slugs(index.related["a5"])
    assert related[:2] == ["b1", "a0"]
    # Fill: the 3 nearest in time (a4, a6 at 1h; then a7 vs a3 at 2h: newer wins), shown newest first.
    assert related[2:] == ["a7", "a6", "a4"]
    assert "a5" not in related and len(related) == len(set(related)) == 5


def test_related_at_the_edges_and_small_categories() -> None:
    index, _ = build_index([art(f"a{i}", i) for i in range(4)] + [art("b0", 0, "b")], CATS, related_count=10)
    assert slugs(index.related["a3"]) == ["a2", "a1", "a0"]
    assert index.related["b0"] == []


def test_nearest_in_time_prefers_closer_article() -> None:
    members = sorted([art("n", 10), art("m", 9), art("o", 2)], key=lambda a: a.sort_key)
    assert slugs(nearest_in_time(members, 1, 1, set())) == ["n"]
    assert slugs(nearest_in_time(members, 1, 2, {"n"})) == ["o"]


def test_pagination_has_stable_urls_and_links() -> None:
    articles = [art(f"a{i}", i) for i in range(45)]
    index, _ = build_index(articles, CATS)
    pages = category_listing(CATS[0], index.by_category["a"], per_page=20)
    assert [p.url for p in pages] == ["chuyen-muc/a/", "chuyen-muc/a/trang/2/", "chuyen-muc/a/trang/3/"]
    assert [len(p.articles) for p in pages] == [20, 20, 5]
    assert pages[0].previous is None and pages[0].next is pages[1]
    assert pages[2].previous is pages[1] and pages[2].next is None
    assert slugs(pages[1].articles)[0] == "a24"
    assert page_count(0, 20) == 1 and page_count(40, 20) == 2


def test_home_prefers_newest_featured_and_groups_by_category() -> None:
    articles = [art(f"a{i}", i) for i in range(8)] + [art("b0", 100, "b"), art("feat", 3, featured=True)]
    index, _ = build_index(articles, CATS)
    home = home_page(index, latest_count=3, block_count=2)
    assert home.lead is not None and home.lead.slug == "feat"
    assert slugs(home.latest) == ["b0", "a7", "a6"]
    assert [(b.category.slug, slugs(b.articles)) for b in home.blocks] == [("a", ["a7", "a6"]), ("b", ["b0"])]


def test_home_without_featured_leads_with_newest() -> None:
    index, _ = build_index([art("x", 1), art("y", 2)], CATS)
    home = home_page(index)
    assert home.lead is not None and home.lead.slug == "y" and slugs(home.latest) == ["x"]


def test_relation_to_a_file_with_its_own_errors_is_not_reported_twice() -> None:
    _, problems = build_index([art("a", 1, related_slugs=("hong", "thieu"))], CATS, unreadable={"hong"})
    assert [(p.code, p.params["value"]) for p in problems] == [("related_missing", "thieu")]
