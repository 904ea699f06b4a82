"""The content model: index, relations, pagination and home page, without MkDocs."""

from __future__ import annotations

import pickle
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
        body=fields.pop("body", "x"),
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


def test_archive_pages_are_counted_from_the_oldest_and_keep_their_articles() -> None:
    articles = [art(f"a{i}", i) for i in range(85)]
    index, _ = build_index(articles, CATS)
    pages = category_listing(CATS[0], index.by_category["a"], per_page=20)
    # 85 = 4 full groups + 5: the first page shows the newest 5 and the full group before them.
    assert [p.url for p in pages] == ["chuyen-muc/a/", "chuyen-muc/a/trang/3/", "chuyen-muc/a/trang/2/", "chuyen-muc/a/trang/1/"]
    assert [p.number for p in pages] == [0, 3, 2, 1]
    assert [len(p.articles) for p in pages] == [25, 20, 20, 20]
    assert slugs(pages[-1].articles) == [f"a{i}" for i in range(19, -1, -1)]  # trang/1: the oldest, newest first
    assert pages[0].previous is None and pages[0].next is pages[1]
    assert pages[-1].previous is pages[-2] and pages[-1].next is None
    # Old newest-first addresses now shown on the first page redirect to it.
    assert pages[0].redirects == ["chuyen-muc/a/trang/4/", "chuyen-muc/a/trang/5/"]
    assert page_count(0, 20) == 1 and page_count(40, 20) == 2


def test_publishing_changes_only_the_first_page_until_a_group_fills() -> None:
    def listing(count: int) -> dict[str, list[str]]:
        index, _ = build_index([art(f"a{i}", i) for i in range(count)], CATS)
        return {p.url: slugs(p.articles) for p in category_listing(CATS[0], index.by_category["a"], per_page=20)}

    before = listing(85)
    for count in range(86, 100):  # the newest group fills up to 19 articles
        after = listing(count)
        assert {url: shown for url, shown in after.items() if url != "chuyen-muc/a/"} == {
            url: shown for url, shown in before.items() if url != "chuyen-muc/a/"
        }
    filled = listing(100)  # the group before the newest is split off as trang/4; older pages stay
    assert set(filled) == {*before, "chuyen-muc/a/trang/4/"}
    assert all(filled[url] == before[url] for url in before if url != "chuyen-muc/a/")
    assert len(filled["chuyen-muc/a/"]) == 20
    for count, first in ((0, 0), (5, 5), (20, 20), (21, 21), (39, 39), (40, 20)):
        index, _ = build_index([art(f"a{i}", i) for i in range(count)], CATS)
        pages = category_listing(CATS[0], index.by_category.get("a", []), per_page=20)
        assert len(pages[0].articles) == first
        assert sum(len(p.articles) for p in pages) == count


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


def test_article_text_is_kept_packed_and_given_back_whole() -> None:
    """Every article of the site is in memory: its text is kept compressed and read back unchanged."""
    text = "Đoàn công tác của tỉnh làm việc với đối tác về hợp tác đầu tư.\n\n" * 60 + "Ký tự lạ: \u00a0 “ngoặc” & <b>"
    article = art("a1", 0, body=text)
    assert article.body == text
    assert len(article.packed_body) < len(text.encode("utf-8")) / 3
    copied = pickle.loads(pickle.dumps(article))  # the article cache keeps it pickled
    assert copied.body == text and copied.reading_minutes == article.reading_minutes
    article.release_body()
    assert article.body == "" and copied.body == text
    article.body = "Sửa lại."
    assert article.body == "Sửa lại."
