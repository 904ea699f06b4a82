"""The site plan's fingerprints, the page cache's checks and the render shares, without MkDocs.

A fingerprint must change whenever anything a page shows changes, and only
then: a missed dependency would publish a stale page, a spurious one would
make every build cold. The end-to-end proof (warm equals clean) is
tests/e2e/test_build_cache.py; these pin the rules.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from portal.caching.files import FileCache
from portal.caching.keys import global_key, unknown_plugins
from portal.caching.pages import ENTRY, PAGE, PageCache
from portal.generating.archive import build_archive
from portal.model.entities import Article, Category
from portal.model.index import build_index
from portal.parallel import in_threads, shards
from portal.planning.plan import PlannedPage, SitePlan
from portal.reading.dates import VIETNAM

CATEGORIES = [Category("thoi-su", "Thời sự"), Category("van-hoa", "Văn hóa")]


def article(
    slug: str, day: int, category: str = "thoi-su", body: str = "Nội dung.", source: str = "", title: str = ""
) -> Article:
    return Article(
        slug=slug, src_uri=f"tin-tuc/{slug}.md", path=f"content/tin-tuc/{slug}.md", title=title or slug.title(),
        date=datetime(2025, 3, day, 9, 0, tzinfo=VIETNAM), category=category, body=body, source_hash=source or f"h-{slug}",
    )


def planned(*articles: Article) -> SitePlan:
    index, problems = build_index(list(articles), CATEGORIES, related_count=3)
    assert problems == []
    plan = SitePlan(index=index, zone=VIETNAM)
    plan.archive = build_archive(index.articles, VIETNAM)
    plan.add_article_pages()
    plan.add(PlannedPage("chuyen-muc/thoi-su/trang/2/index.md", "chuyen-muc/thoi-su/trang/2/", "category",
                         index.by_category["thoi-su"][:2], (2, 2), plan.picker_month()))
    plan.fingerprint_pages("global", {"anh/a.jpg"})
    return plan


def prints(plan: SitePlan) -> dict[str, str]:
    return {src: page.fingerprint for src, page in plan.pages.items()}


def test_the_same_content_gives_the_same_fingerprints_and_one_edit_changes_only_what_shows_it() -> None:
    base = [article("a", 1), article("b", 2), article("c", 3, category="van-hoa"), article("d", 20, category="van-hoa")]
    before = prints(planned(*base))
    assert before == prints(planned(*[article(a.slug, a.date.day, a.category, a.body) for a in base]))
    retitled = [article("a", 1), article("b", 2, source="h-b-edited", title="Tin B mới"), *base[2:]]
    after = prints(planned(*retitled))
    changed = {src for src in before if before[src] != after[src]}
    # b itself, a (lists b as related) and the category page listing b; not the other category's articles
    assert "tin-tuc/b.md" in changed and "tin-tuc/a.md" in changed and "chuyen-muc/thoi-su/trang/2/index.md" in changed
    assert "tin-tuc/c.md" not in changed and "tin-tuc/d.md" not in changed
    # A correction to the body alone: lists show the card (title, date, sapo, photo), not the text.
    corrected = prints(planned(article("a", 1), article("b", 2, body="Nội dung đã sửa.", source="h-b-edited"), *base[2:]))
    assert {src for src in before if before[src] != corrected[src]} == {"tin-tuc/b.md"}


def test_the_global_key_and_the_date_pickers_month_reach_every_page_they_touch() -> None:
    base = [article("a", 1), article("b", 2), article("c", 20, category="van-hoa")]
    plan = planned(*base)
    other = SitePlan(index=plan.index, zone=VIETNAM, archive=plan.archive, pages=plan.pages)
    before = prints(plan)
    other.fingerprint_pages("another global key", {"anh/a.jpg"})
    assert all(before[src] != page.fingerprint for src, page in other.pages.items())
    # A new article on another day of March changes the picker (days with news) of March's pages.
    after = prints(planned(*base, article("e", 25, category="van-hoa")))
    assert after["tin-tuc/a.md"] != before["tin-tuc/a.md"]


def test_links_in_a_body_are_dependencies() -> None:
    body = "Xem [bài b](b.md) và ![ảnh](../anh/a.jpg), [ngoài](https://example.org/x.md)."
    with_b = prints(planned(article("a", 1, body=body), article("b", 2)))
    without_b = prints(planned(article("a", 1, body=body), article("c", 2)))
    assert with_b["tin-tuc/a.md"] != without_b["tin-tuc/a.md"]


def test_the_page_cache_refuses_incomplete_or_altered_entries(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "pages")
    cache.attach("f" * 64, "search.json", b"{}")
    cache.store("f" * 64, b"<html>trang</html>")
    assert cache.usable("f" * 64) and cache.usable("f" * 64, {"search.json"})
    assert not cache.usable("f" * 64, {"other.json"}) and not cache.usable("e" * 64)
    destination = tmp_path / "site" / "a" / "index.html"
    cache.place("f" * 64, str(destination))
    assert destination.read_bytes() == b"<html>trang</html>" and os.path.samefile(destination, cache.folder("f" * 64) / PAGE)
    destination.write_bytes(b"<html>sua tai cho</html>")  # an in-place edit through the hard link
    assert not cache.usable("f" * 64)
    cache.store("a" * 64, b"x")
    (cache.folder("a" * 64) / ENTRY).unlink()  # as a build killed before the entry was complete leaves it
    assert not PageCache(tmp_path / "pages").usable("a" * 64)
    assert cache.prune({"f" * 64}) == 1 and not cache.folder("a" * 64).exists()


def test_the_page_cache_index_is_a_shortcut_that_never_vouches_for_an_altered_page(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "pages")
    for fingerprint in ("b" * 64, "c" * 64, "d" * 64):
        cache.store(fingerprint, b"<html>" + fingerprint.encode() + b"</html>")
    worker = PageCache(tmp_path / "pages")  # another process stores an entry and hands its summary back
    cache.remember({"e" * 64: worker.store("e" * 64, b"<html>e</html>")})
    cache.prune({"b" * 64, "c" * 64, "e" * 64})
    (cache.folder("b" * 64) / ENTRY).unlink()  # the index alone knows b now
    (cache.folder("c" * 64) / PAGE).write_bytes(b"<html>altered</html>")
    later = PageCache(tmp_path / "pages")
    assert later.usable("b" * 64) and later.usable("e" * 64)
    assert not later.usable("c" * 64) and not later.usable("d" * 64)
    (tmp_path / "pages" / "index.json").write_text("{not json", encoding="utf-8")  # a damaged index: entries checked one by one
    damaged = PageCache(tmp_path / "pages")
    assert damaged.usable("e" * 64) and not damaged.usable("b" * 64) and not damaged.usable("c" * 64)


def test_only_known_plugins_keep_reuse_on_and_function_settings_key_by_name() -> None:
    assert unknown_plugins(["portal/content", "search", "material/search"]) == []
    assert unknown_plugins(["portal/pages", "material/blog", "redirects"]) == ["material/blog", "redirects"]

    def slugify(text: str) -> str:
        return text

    keys = {global_key(config_items={"mdx": {"toc": {"slugify": slugify}}}, plugins={}, theme_dirs=[], static_pages={},
                       command="build") for _ in range(2)}
    assert len(keys) == 1
    assert global_key(config_items={}, plugins={}, theme_dirs=[], static_pages={}, command="serve") not in keys


def test_render_shares_cover_every_page_once_in_a_fixed_order() -> None:
    names = [f"p{n}" for n in range(11)]
    parts = shards(list(reversed(names)), 3)
    assert sorted(sum(parts, [])) == sorted(names) and [len(p) for p in parts] == [4, 4, 3]
    assert parts == shards(names, 3)


def test_the_file_cache_copies_once_and_never_links_an_altered_copy(tmp_path: Path) -> None:
    photo, same = tmp_path / "anh.jpg", tmp_path / "giong.jpg"
    photo.write_bytes(b"anh 1")
    same.write_bytes(b"anh 1")
    cache = FileCache(tmp_path / "files")
    for site in ("site1", "site2"):
        cache = FileCache(tmp_path / "files")
        cache.place(str(photo), str(tmp_path / site / "a" / "anh.jpg"))
        cache.place(str(same), str(tmp_path / site / "b" / "giong.jpg"))
        cache.save()
    assert cache.copied == 0, "the second site is linked from the cache"
    placed = tmp_path / "site2" / "a" / "anh.jpg"
    assert placed.read_bytes() == b"anh 1" and placed.stat().st_nlink >= 3  # one copy for two equal photos, two sites
    assert len([p for p in (tmp_path / "files").iterdir() if p.name != "index.json"]) == 1

    # Edited in place (same inode): copied again. A published copy edited through its link: never linked again.
    photo.write_bytes(b"anh 2")
    (tmp_path / "site2" / "b" / "giong.jpg").write_bytes(b"sua qua lien ket")
    cache = FileCache(tmp_path / "files")
    cache.place(str(photo), str(tmp_path / "site3" / "anh.jpg"))
    cache.place(str(same), str(tmp_path / "site3" / "giong.jpg"))
    cache.save()
    assert (tmp_path / "site3" / "anh.jpg").read_bytes() == b"anh 2"
    assert (tmp_path / "site3" / "giong.jpg").read_bytes() == b"anh 1"
    assert cache.copied == 2
    assert len([p for p in (tmp_path / "files").iterdir() if p.name != "index.json"]) == 2  # the unused copy is gone


def test_file_system_work_on_threads_does_every_item_once_and_raises_the_first_error() -> None:
    done: list[int] = []
    in_threads(done.append, list(range(1000)), threads=4)
    assert sorted(done) == list(range(1000))

    def fail_on_seven(number: int) -> None:
        if number % 100 == 7:
            raise OSError(f"hỏng {number}")
        done.append(number)

    done.clear()
    try:
        in_threads(fail_on_seven, list(range(1000)), threads=4)
    except OSError as error:
        assert str(error) == "hỏng 7"  # the first share's error, after every thread has stopped
    else:
        raise AssertionError("the error was swallowed")
