"""Full-text search (portal/search): Vietnamese folding, the Pagefind index of a real build,
and the results page driven in Chromium (Debian's /usr/bin/chromium through Playwright,
the session's one browser from browser_support.py).

One small portal is built once for the module and served from a local http.server
thread under /site/, so the results page must also work below the host's root.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import cbor2
import pytest
import yaml
from conftest import REPO, Site
from playwright.sync_api import Browser, Page
from portal.writing.search_index import (
    SearchRecord,
    build_period_indexes,
    excerpt_text,
    fold,
    html_text,
    marked,
    order_words,
    period_names,
    stabilise_bundle,
    word_ranks,
    words,
)

# One Playwright per test session: the shared session-scoped Chromium (reader_browser).
pytest_plugins = ["browser_support"]


@dataclass
class SearchSite(Site):
    """A test portal with ``portal/search`` added to the plugins the shared fixture configures."""

    search_options: dict[str, Any] = field(default_factory=dict)

    def write_config(self) -> Path:
        path = super().write_config()
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        plugins = [p for p in config["plugins"] if p != "portal/search" and not (isinstance(p, dict) and "portal/search" in p)]
        config["plugins"] = [*plugins, {"portal/search": self.search_options}]
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path


def write_articles(site: Site) -> None:
    site.article(
        "doi-ngoai-cham-pa-sac",
        title="Tăng cường quan hệ đối ngoại với tỉnh Chăm-pa-sắc",
        category="hoat-dong-doi-ngoai",
        date="2025-01-15 16:17",
        summary="Tỉnh Minh Giang đẩy mạnh hợp tác với các địa phương nước bạn.",
        body="Đoàn công tác của tỉnh Minh Giang cùng đại biểu tỉnh Nghệ An dự buổi làm việc.\n\nHai bên trao đổi kinh nghiệm quản lý.",
    )
    site.article(
        "con-duong-bien-gioi",
        title="Khởi công con đường nối hai huyện biên giới",
        category="thoi-su",
        date="2025-03-02 08:00",
        body="Tuyến đường mới dài 40 km của tỉnh Minh Giang được khởi công sáng nay.",
    )
    site.article(
        "hoi-thao-thai-binh-duong",
        title="Hội thảo hợp tác biển khu vực Thái Bình Dương",
        category="hop-tac-quoc-te",
        date="2024-11-20",
        body="Các chuyên gia bàn về nghề cá bền vững; tỉnh Minh Giang chia sẻ kinh nghiệm nuôi biển.",
    )
    site.article(
        "giao-luu-van-hoa",
        title="Giao lưu văn hóa với bạn bè nước ngoài",
        category="thoi-su",
        date="2024-06-01",
        body="Chương trình nghệ thuật của thanh niên tỉnh Minh Giang dành cho sinh viên quốc tế.",
    )
    site.article(
        "ban-nhap-chua-dang",
        title="Bản nháp về đối ngoại chưa được duyệt",
        category="thoi-su",
        date="2025-02-01",
        body="Nội dung chưa đăng của tỉnh Minh Giang.",
        draft=True,
    )


PUBLISHED = {
    "/site/tin-tuc/doi-ngoai-cham-pa-sac/",
    "/site/tin-tuc/con-duong-bien-gioi/",
    "/site/tin-tuc/hoi-thao-thai-binh-duong/",
    "/site/tin-tuc/giao-luu-van-hoa/",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SearchSite:
    site = SearchSite(root=tmp_path_factory.mktemp("search"), search_options={"per_page": 2})
    write_articles(site)
    site.build()
    return site


def fragments(site: Site) -> dict[str, dict[str, Any]]:
    """Every page Pagefind indexed, by URL, as the browser would decode it."""
    pages = {}
    for path in (site.out / "pagefind").glob("*/fragment/*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{") :])
        pages[data["url"]] = data
    return pages


# -- folding (no build) ------------------------------------------------------------


def test_fold_strips_tone_and_vowel_marks_and_the_bar_of_d() -> None:
    assert fold("Đối ngoại") == "doi ngoai"
    assert fold("đường") == "duong"
    assert fold("Nghệ An") == "nghe an"
    assert fold("Ưu tiên Ơn") == "uu tien on"
    decomposed = unicodedata.normalize("NFD", "Đồng Tháp đường")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert fold(decomposed) == "dong thap duong"


def test_marked_keeps_tone_marks_and_writes_d_bar_as_d() -> None:
    assert marked("Đường") == "dường"
    assert marked(unicodedata.normalize("NFD", "Đối ngoại")) == "dối ngoại"
    assert marked("Nghệ") == "nghệ"


def test_words_are_distinct_lower_case_nfc_in_order_of_first_appearance() -> None:
    texts = ["Con đường đối ngoại", "ĐƯỜNG biên_giới, 2025!", unicodedata.normalize("NFD", "đảo Cồn Cỏ")]
    assert words(texts) == ["con", "đường", "đối", "ngoại", "biên", "giới", "2025", "đảo", "cồn", "cỏ"]
    assert words(["", "  ,;  "]) == []


def _record(url: str, body: str, title: str = "Tiêu đề", sapo: str = "") -> SearchRecord:
    return SearchRecord(
        url=url, title=title, excerpt=sapo, date="01/01/2025", sort="2025-01-01T00:00", category="thoi-su",
        month="2025-01", words=tuple(words([title, sapo, body])), emphasis=tuple(words([title, sapo])),
    )  # fmt: skip


def test_indexed_text_is_each_folded_word_once_commonest_first_then_title_and_sapo_with_marks() -> None:
    a = _record("a/", "đối ngoại đối ngoại đối ngoại tỉnh", title="Đường biên", sapo="Tỉnh mở đường")
    b = _record("b/", "tỉnh và đối ngoại", title="Hội thảo", sapo="")
    ranks = word_ranks([a, b])
    # In both: "doi", "ngoai", "tinh" (ties by the word); then the rest by the word.
    assert list(ranks)[:3] == ["doi", "ngoai", "tinh"]
    assert order_words(a, ranks) == "doi ngoai tinh bien duong mo dường biên tỉnh mở"
    assert order_words(b, ranks) == "doi ngoai tinh hoi thao va hội thảo"
    # Every word the reader could type without marks is there exactly once.
    assert sorted(order_words(a, ranks).split()[:6]) == sorted({fold(w) for w in a.words})


def test_excerpt_is_the_sapo_or_the_start_of_the_body_cut_to_whole_words() -> None:
    assert excerpt_text("  Tỉnh Minh Giang đón đoàn.  ", "Thân bài", 30) == "Tỉnh Minh Giang đón đoàn."
    assert excerpt_text("", "Một hai ba bốn năm sáu", 4) == "Một hai ba bốn …"
    assert excerpt_text("Một, hai, ba, bốn", "", 2) == "Một, hai …"


def test_html_text_drops_tags_and_decodes_entities() -> None:
    assert html_text("<p>Tuyến <em>đường</em> &amp; cầu</p>").split() == ["Tuyến", "đường", "&", "cầu"]


def test_an_unknown_bundle_format_is_left_as_pagefind_wrote_it(tmp_path: Path) -> None:
    entry = '{"version":"9.0.0","languages":{"vi":{"hash":"vi_abc","page_count":1}}}'
    (tmp_path / "pagefind-entry.json").write_text(entry, encoding="utf-8")
    (tmp_path / "pagefind.vi_abc.pf_meta").write_bytes(gzip.compress(b"pagefind_dcd\xff\xff not cbor"))
    assert stabilise_bundle(tmp_path) is False
    assert (tmp_path / "pagefind-entry.json").read_text(encoding="utf-8") == entry
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind-entry.json", "pagefind.vi_abc.pf_meta"]


# -- the built index -------------------------------------------------------------------


def test_index_is_one_bundle_per_year_holding_every_published_article_and_nothing_else(built: SearchSite) -> None:
    years = sorted(path.name for path in (built.out / "pagefind").iterdir())
    assert years == ["2024", "2025"]
    counts = {}
    for year in years:
        entry = json.loads((built.out / "pagefind" / year / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["vi"]
        counts[year] = entry["languages"]["vi"]["page_count"]
        assert (built.out / "pagefind" / year / "pagefind.js").is_file()
    assert counts == {"2024": 2, "2025": 2}
    urls = {"/site" + url for url in fragments(built)}
    assert urls == PUBLISHED
    page = built.html("tim-kiem/").select_one("[data-portal-search]")
    assert page["data-periods"] == "2025 2024" and page["data-recent"] == "2"


def test_each_article_is_one_record_of_its_folded_words_with_filters_and_what_a_result_shows(built: SearchSite) -> None:
    page = fragments(built)["/tin-tuc/con-duong-bien-gioi/"]
    assert page["filters"] == {"category": ["thoi-su"], "month": ["2025-03"]}
    assert page["meta"] == {
        "title": "Khởi công con đường nối hai huyện biên giới",
        # No sapo in this article: the start of the body stands in for it.
        "excerpt": "Tuyến đường mới dài 40 km của tỉnh Minh Giang được khởi công sáng nay.",
        "date": "02/03/2025",
    }
    title = "Khởi công con đường nối hai huyện biên giới"
    body = "Tuyến đường mới dài 40 km của tỉnh Minh Giang được khởi công sáng nay."
    indexed = page["content"].split()
    folded = {fold(word) for word in words([title, body])}
    # Each word once, folded; then the title words again with their marks (đ written d).
    assert sorted(indexed[: len(folded)]) == sorted(folded)
    assert indexed[len(folded) :] == [marked(word) for word in words([title])]
    assert "duong" in indexed and "dường" in indexed and "đường" not in indexed
    # The date line and everything outside the article (menu, related list) stay out.
    assert not {"gmt", "chuyen", "muc", "trang"} & set(indexed)


def test_pages_are_numbered_newest_first_with_a_date_sort(built: SearchSite) -> None:
    bundle = built.out / "pagefind" / "2025"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    raw = gzip.decompress((bundle / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta").read_bytes())
    meta = cbor2.loads(raw[raw.index(b"pagefind_dcd") + len(b"pagefind_dcd") :])
    by_hash = {path.stem: path for path in (bundle / "fragment").glob("*.pf_fragment")}
    urls = []
    for fragment_hash, _words in meta[1]:
        data = gzip.decompress(by_hash[fragment_hash].read_bytes())
        urls.append(json.loads(data[data.index(b"{") :])["url"])
    assert urls == ["/tin-tuc/con-duong-bien-gioi/", "/tin-tuc/doi-ngoai-cham-pa-sac/"]
    assert meta[4] == [["date", [1, 0]]]  # oldest to newest


def test_pages_carry_no_pagefind_markup_and_the_bundle_no_unused_ui(built: SearchSite) -> None:
    # The index is made from records, not from the pages: no page needs Pagefind's attributes.
    for url in ("", "tin-tuc/con-duong-bien-gioi/", "chuyen-muc/thoi-su/", "tim-kiem/", "404.html"):
        page = built.html(url)
        assert not page.select("[data-pagefind-body], [data-pagefind-meta], [data-pagefind-filter], [data-pagefind-sort]"), url
    names = sorted(path.name for path in (built.out / "pagefind" / "2025").iterdir())
    assert "pagefind.js" in names and "pagefind-worker.js" in names
    unused = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")
    assert [name for name in names if name.startswith(unused)] == []


def test_every_page_has_a_labelled_search_box_in_its_header(built: SearchSite) -> None:
    for url, action in (("", "tim-kiem/"), ("tin-tuc/giao-luu-van-hoa/", "../../tim-kiem/"), ("chuyen-muc/thoi-su/", "../../tim-kiem/")):
        form = built.html(url).select_one("header form.portal-header-search")
        assert form is not None, url
        assert form["role"] == "search" and form["method"] == "get" and form["action"] == action
        field = form.select_one("input[name=q]")
        label = form.select_one(f'label[for="{field["id"]}"]')
        assert label is not None and label.get_text(strip=True) == "Tìm kiếm tin bài"
    not_found = built.html("404.html").select_one("header form.portal-header-search")
    assert not_found is not None and not_found["action"].endswith("/tim-kiem/")


def test_results_page_is_a_labelled_get_form_with_filters_and_no_inline_script(built: SearchSite) -> None:
    page = built.html("tim-kiem/")
    root = page.select_one("[data-portal-search]")
    form = root.select_one("form[role=search]")
    assert form["method"] == "get" and form["action"] == "./"
    for name in ("q", "chuyen-muc", "tu", "den", "sap-xep"):
        field = form.select_one(f'[name="{name}"]')
        assert form.select_one(f'label[for="{field["id"]}"]') is not None, name
    options = [(o["value"], o.get_text(strip=True)) for o in form.select("select[name=chuyen-muc] option")]
    assert options == [
        ("", "Tất cả chuyên mục"),
        ("thoi-su", "Thời sự"),
        ("hoat-dong-doi-ngoai", "Hoạt động đối ngoại"),
        ("hop-tac-quoc-te", "Hợp tác quốc tế"),
    ]
    month = form.select_one("input[name=tu]")
    assert (month["type"], month["min"], month["max"]) == ("month", "2024-06", "2025-03")
    assert "JavaScript" in root.select_one("noscript").get_text()
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert [h.get_text(strip=True) for h in page.select("h1")] == ["Tìm kiếm"]
    scripts = [s for s in page.select("script") if s.get("src", "").endswith("portal-search.js")]
    assert len(scripts) == 1 and not root.select("script")
    handlers = [(tag.name, attr) for tag in page.find_all(True) for attr in tag.attrs if attr.lower().startswith("on")]
    assert handlers == []


def test_two_builds_of_the_same_content_give_the_same_index(built: SearchSite, tmp_path: Path) -> None:
    import build as build_script

    again = build_script.build_site(built.root / "mkdocs.yml", site_dir=tmp_path / "again")

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "pagefind").rglob("*")) if p.is_file()}

    first, second = tree(built.out), tree(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def _run_build_py(site: Site, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    config = site.write_config()
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), "build"],
        capture_output=True, text=True, cwd=site.root, timeout=300, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_a_missing_pagefind_binary_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    site = SearchSite(root=tmp_path)
    site.article("mot-bai", title="Một bài viết")
    done = _run_build_py(site, {"PAGEFIND_BINARY_PATH": str(tmp_path / "khong-co-pagefind")})
    assert done.returncode == 1
    assert "Pagefind" in done.stderr and "pagefind[bin]" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_content_file_at_the_results_address_is_refused(tmp_path: Path) -> None:
    site = SearchSite(root=tmp_path)
    site.article("mot-bai", title="Một bài viết")
    site.write("tim-kiem/index.md", "# Trang của biên tập viên\n")
    done = _run_build_py(site)
    assert done.returncode == 1
    assert "content/tim-kiem/index.md" in done.stderr and "trang tìm kiếm" in done.stderr and "search_url" in done.stderr


def test_disabled_search_leaves_no_index_and_no_search_box(tmp_path: Path) -> None:
    site = SearchSite(root=tmp_path, search_options={"enabled": False})
    site.article("mot-bai", title="Một bài viết về đối ngoại")
    site.build()
    assert not (site.out / "pagefind").exists() and not (site.out / "tim-kiem").exists()
    page = site.html("tin-tuc/mot-bai/")
    assert not page.select("form.portal-header-search") and not page.select("[data-pagefind-body]")


# -- the results page in a browser --------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep the test output clean
        pass


def _serve(folder: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(built: SearchSite) -> Iterator[str]:
    """The project folder over HTTP on 127.0.0.1: the site is at /site/."""
    yield from _serve(built.root)


@pytest.fixture
def page(reader_browser: Browser) -> Iterator[Page]:
    context = reader_browser.new_context(locale="vi-VN")
    tab = context.new_page()
    yield tab
    context.close()


def searches_done(page: Page) -> int:
    return int(page.get_attribute("[data-portal-search]", "data-searches") or 0)


def wait_for_search(page: Page, before: int) -> None:
    """Wait until the page has finished one more search than ``before`` (by locator: the CSP forbids eval)."""
    page.locator(f'[data-portal-search][data-searches]:not([data-searches="{before}"])').wait_for(timeout=20000)
    page.locator("[data-portal-search]:not([aria-busy])").wait_for(timeout=20000)


def results(page: Page) -> list[dict[str, Any]]:
    found = []
    for item in page.locator(".portal-search__result").all():
        found.append(
            {
                "url": urlsplit(item.locator("h2 a").evaluate("a => a.href")).path,
                "title": item.locator("h2").inner_text(),
                "date": item.locator(".portal-search__date").inner_text(),
                "category": item.locator(".portal-search__category").inner_text(),
                "category_url": urlsplit(item.locator(".portal-search__category").evaluate("a => a.href")).path,
                "excerpt": item.locator(".portal-search__excerpt").inner_text(),
                "marks": item.locator("mark").all_inner_texts(),
            }
        )
    return found


def open_search(page: Page, server: str, query: str) -> list[dict[str, Any]]:
    page.goto(f"{server}/site/tim-kiem/{query}")
    wait_for_search(page, 0)
    return results(page)


def test_toneless_query_finds_the_article_with_tone_marks(page: Page, server: str) -> None:
    found = open_search(page, server, "?q=doi+ngoai")
    assert found[0]["url"] == "/site/tin-tuc/doi-ngoai-cham-pa-sac/"
    assert {"đối", "ngoại"} <= set(found[0]["marks"])
    assert "bản nháp" not in " ".join(r["title"].lower() for r in found)  # drafts are not indexed


def test_d_is_found_as_d_bar_through_the_folded_words(page: Page, server: str) -> None:
    found = open_search(page, server, "?q=duong")
    urls = [r["url"] for r in found]
    assert "/site/tin-tuc/con-duong-bien-gioi/" in urls and "/site/tin-tuc/hoi-thao-thai-binh-duong/" in urls
    road = found[urls.index("/site/tin-tuc/con-duong-bien-gioi/")]
    assert "đường" in road["marks"]
    # The folded words are the index's, never shown: the excerpt is the article's own text.
    assert "duong" not in road["excerpt"].lower().split()
    # A word found only in the body ("được"), typed without marks.
    assert [r["url"] for r in open_search(page, server, "?q=duoc+khoi+cong")] == ["/site/tin-tuc/con-duong-bien-gioi/"]


def test_query_with_marks_ranks_the_exact_word_first(page: Page, server: str) -> None:
    road, ocean = "/site/tin-tuc/con-duong-bien-gioi/", "/site/tin-tuc/hoi-thao-thai-binh-duong/"
    # Both titles fold to "duong": the one with the exact marks first, the other one still found.
    assert [r["url"] for r in open_search(page, server, "?q=%C4%91%C6%B0%E1%BB%9Dng")] == [road, ocean]  # "đường"
    assert [r["url"] for r in open_search(page, server, "?q=d%C6%B0%C6%A1ng")] == [ocean, road]  # "dương"
    # Sorted by date, the exact form has no say: newest first.
    assert [r["url"] for r in open_search(page, server, "?q=d%C6%B0%C6%A1ng&sap-xep=moi-nhat")] == [road, ocean]


def test_newest_first_runs_across_the_years_not_year_by_year_in_turn(page: Page, server: str) -> None:
    """Merged, Pagefind interleaved sorted results by their rank in their own year's index."""
    newest_first = [
        "/site/tin-tuc/con-duong-bien-gioi/", "/site/tin-tuc/doi-ngoai-cham-pa-sac/",  # 2025
        "/site/tin-tuc/hoi-thao-thai-binh-duong/", "/site/tin-tuc/giao-luu-van-hoa/",  # 2024
    ]
    for query in ("?q=minh+giang&sap-xep=moi-nhat", "?tu=2024-01&den=2025-12"):  # a query, then filters alone
        assert [r["url"] for r in open_search(page, server, query)] == newest_first[:2]  # two a page here
        page.locator("[data-search-more]").click()
        page.locator(".portal-search__result").nth(3).wait_for()
        assert [r["url"] for r in results(page)] == newest_first


def test_decomposed_input_finds_what_composed_input_finds(page: Page, server: str) -> None:
    composed = open_search(page, server, "?q=" + "%C4%91%E1%BB%91i+ngo%E1%BA%A1i")  # "đối ngoại" (NFC)
    page.goto(f"{server}/site/tim-kiem/")
    wait_for_search(page, 0)
    before = searches_done(page)
    page.fill("#portal-search-q", unicodedata.normalize("NFD", "đối ngoại"))
    page.press("#portal-search-q", "Enter")
    wait_for_search(page, before)
    decomposed = results(page)
    assert [r["url"] for r in decomposed] == [r["url"] for r in composed] != []
    assert parse_qs(urlsplit(page.url).query)["q"] == [unicodedata.normalize("NFC", "đối ngoại")]


def test_category_filter_narrows_the_results(page: Page, server: str) -> None:
    everything = open_search(page, server, "?q=minh+giang")
    page.locator("[data-search-more]").click()
    page.locator(".portal-search__result").nth(3).wait_for()
    assert len(results(page)) == 4
    before = searches_done(page)
    page.select_option("#portal-search-category", "thoi-su")
    wait_for_search(page, before)
    narrowed = results(page)
    assert len(everything) == 2 and len(narrowed) == 2  # two per page; four in all before
    assert {r["category"] for r in narrowed} == {"Thời sự"}
    assert {r["url"] for r in narrowed} == {"/site/tin-tuc/con-duong-bien-gioi/", "/site/tin-tuc/giao-luu-van-hoa/"}
    assert parse_qs(urlsplit(page.url).query)["chuyen-muc"] == ["thoi-su"]
    assert page.locator("[data-search-more]").is_hidden()


def test_month_range_keeps_articles_of_those_months(page: Page, server: str) -> None:
    found = open_search(page, server, "?q=minh+giang&tu=2025-01&den=2025-12&sap-xep=moi-nhat")
    assert [r["url"] for r in found] == ["/site/tin-tuc/con-duong-bien-gioi/", "/site/tin-tuc/doi-ngoai-cham-pa-sac/"]
    assert page.locator("[data-search-more]").is_hidden()
    browse = open_search(page, server, "?chuyen-muc=thoi-su&tu=2024-01&den=2024-12")  # filters alone list articles
    assert [r["url"] for r in browse] == ["/site/tin-tuc/giao-luu-van-hoa/"]


def test_each_result_shows_title_date_category_and_the_sapo_with_query_words_marked(page: Page, server: str) -> None:
    found = open_search(page, server, "?q=nghe+an")  # in the body only
    assert len(found) == 1
    (result,) = found
    assert result["title"] == "Tăng cường quan hệ đối ngoại với tỉnh Chăm-pa-sắc"
    assert result["date"] == "15/01/2025"
    assert result["category"] == "Hoạt động đối ngoại"
    assert result["category_url"] == "/site/chuyen-muc/hoat-dong-doi-ngoai/"
    # The excerpt is the sapo, whatever the query: the words found in the body are not shown.
    assert result["excerpt"] == "Tỉnh Minh Giang đẩy mạnh hợp tác với các địa phương nước bạn."
    assert result["marks"] == []
    status = page.locator("[data-search-status]")
    assert status.get_attribute("role") == "status" and status.inner_text() == "Tìm thấy 1 bài viết cho “nghe an”."
    (sapo,) = open_search(page, server, "?q=day+manh")
    assert sapo["url"] == "/site/tin-tuc/doi-ngoai-cham-pa-sac/" and sapo["marks"] == ["đẩy", "mạnh"]
    (title,) = open_search(page, server, "?q=cham-pa-sac")  # hyphens are word breaks, as in the index
    assert title["marks"] == ["Chăm-pa-sắc"] or title["marks"] == ["Chăm", "pa", "sắc"]
    empty = open_search(page, server, "?q=xyzxyz")
    assert empty == [] and "Không tìm thấy" in page.locator("[data-search-status]").inner_text()
    punctuation = open_search(page, server, "?q=%E2%80%A6%3F")  # "…?": no word at all
    assert punctuation == [] and "Không tìm thấy" in page.locator("[data-search-status]").inner_text()


def test_header_box_submits_to_the_results_page(page: Page, server: str) -> None:
    page.goto(f"{server}/site/")
    page.fill("#portal-header-q", "nghe an")
    page.press("#portal-header-q", "Enter")
    page.wait_for_url(re.compile(r"/site/tim-kiem/\?q=nghe\+an$"))
    wait_for_search(page, 0)
    assert [r["url"] for r in results(page)] == ["/site/tin-tuc/doi-ngoai-cham-pa-sac/"]
    assert page.input_value("#portal-search-q") == "nghe an"


def test_search_requests_stay_on_the_site(page: Page, server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_search(page, server, "?q=doi+ngoai")
    site_host = urlsplit(SearchSite.site_url or "").hostname
    # Material itself asks the configured site_url for its sitemap: the same site once deployed.
    assert [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", site_host)] == []
    assert any(urlsplit(u).path.startswith("/site/pagefind/") for u in requests)


def test_without_javascript_the_page_says_it_is_needed(reader_browser: Browser, server: str) -> None:
    context = reader_browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/site/tim-kiem/?q=doi+ngoai")
    assert "cần bật JavaScript" in tab.locator(".portal-search").inner_text()
    context.close()


# -- a large year indexed as two halves ------------------------------------------------------


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> SearchSite:
    """The same articles, with years of more than one article indexed by half-year (as a year of 2,500 would be)."""
    site = SearchSite(root=tmp_path_factory.mktemp("halves"), search_options={"per_page": 10, "split_year_above": 1})
    write_articles(site)
    site.build()
    return site


@pytest.fixture(scope="module")
def halves_server(halves: SearchSite) -> Iterator[str]:
    yield from _serve(halves.root)


def test_a_year_above_the_limit_is_indexed_as_two_halves() -> None:
    months = {"2025-01": 2, "2025-03": 1, "2024-06": 1, "2024-07": 1, "2023-12": 1}
    assert period_names(months, split_above=1) == {
        "2025-01": "2025-1", "2025-03": "2025-1", "2024-06": "2024-1", "2024-07": "2024-2", "2023-12": "2023",
    }
    assert set(period_names(months, split_above=3).values()) == {"2025", "2024", "2023"}
    # Names sort newest first as text, halves and whole years mixed: the results page relies on it.
    assert sorted(["2023", "2024-1", "2024-2", "2025"], reverse=True) == ["2025", "2024-2", "2024-1", "2023"]


def period_record(number: int, year: int) -> SearchRecord:
    """A minimal record of article ``number``, published in March of ``year``."""
    return SearchRecord(
        url=f"tin-tuc/bai-{number}/", title=f"Bài {number}", excerpt="Tóm tắt.", date=f"02/03/{year}",
        sort=f"{year}-03-02T08:{number:02d}", category="thoi-su", month=f"{year}-03",
        words=("doi", "ngoai", f"so{number}"), emphasis=("doi",),
    )


def test_a_reused_period_counts_its_bytes_without_a_walk_of_the_index(tmp_path: Path) -> None:
    """The report's size comes from the cache entries' lists: it must still be what is on disk."""
    records = [period_record(3, 2025), period_record(2, 2024), period_record(1, 2024)]

    def on_disk(site: Path) -> int:
        return sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file())

    cache = tmp_path / "cache"
    first = build_period_indexes(tmp_path / "a", records, language="vi", cache_dir=cache)
    again = build_period_indexes(tmp_path / "b", records, language="vi", cache_dir=cache)
    assert first.indexed == ["2025", "2024"] and again.reused == ["2025", "2024"] and not again.indexed
    assert first.bundle_bytes == on_disk(tmp_path / "a") == again.bundle_bytes == on_disk(tmp_path / "b") > 0


def test_an_index_built_over_an_earlier_one_keeps_only_what_it_would_write(tmp_path: Path) -> None:
    """Over the site before last (or the preview's folder): an unchanged period already linked to its cache
    entry stays as it is; a changed, damaged or gone period, a stray file and a half-written bundle do not;
    and a file shared with the cache is never written through."""

    def files(site: Path) -> dict[str, bytes]:
        root = site / "pagefind"
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    cache = tmp_path / "cache"
    site, clean = tmp_path / "site", tmp_path / "clean"
    old = [period_record(4, 2023), period_record(3, 2025), period_record(2, 2024), period_record(1, 2024)]
    build_period_indexes(site, sorted(old, key=lambda r: r.sort, reverse=True), language="vi", cache_dir=cache)
    changed = next((site / "pagefind" / "2025").rglob("*.pf_fragment"))
    witness = tmp_path / "witness"  # a second name for the old 2025 file, as a published site has
    os.link(changed, witness)
    witness_before = witness.read_bytes()
    (site / "pagefind" / "2024" / "la.txt").write_text("lạ", encoding="utf-8")  # not the cache entry's
    (site / "pagefind" / ".2025.partial").mkdir()  # a build killed while indexing
    new = [period_record(5, 2025), period_record(3, 2025), period_record(2, 2024), period_record(1, 2024)]  # 2023 gone

    report = build_period_indexes(site, new, language="vi", cache_dir=cache)
    build_period_indexes(clean, new, language="vi")
    assert report.indexed == ["2025"] and report.reused == ["2024"]
    assert files(site) == files(clean)
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["2024", "2025"]
    assert witness.read_bytes() == witness_before  # replaced, never written through

    fragment = next((site / "pagefind" / "2024").rglob("*.pf_fragment"))
    placed = fragment.stat().st_ctime_ns  # linking or unlinking it again would change it
    again = build_period_indexes(site, new, language="vi", cache_dir=cache)
    assert again.reused == ["2025", "2024"] and files(site) == files(clean)
    assert fragment.stat().st_ctime_ns == placed and fragment.stat().st_nlink >= 2  # left in place, still the entry's


def test_the_build_log_counts_half_years_as_periods_not_years(caplog: pytest.LogCaptureFixture) -> None:
    """"22 năm" for eleven years indexed by halves would tell the operator the wrong thing."""
    from portal.mkdocs_plugins.search.plugin import SearchPlugin
    from portal.writing.search_index import PeriodsReport

    caplog.set_level("INFO")
    SearchPlugin._report(PeriodsReport(periods=["2025-2", "2025-1", "2024"], indexed=["2025-2"], reused=["2025-1", "2024"]), 9)
    SearchPlugin._report(PeriodsReport(periods=["2025", "2024"], indexed=["2025"], reused=["2024"]), 5)
    SearchPlugin._report(PeriodsReport(periods=["2026-q2", "2026-q1", "2025-2", "2025-1", "2024"], indexed=["2026-q2"]), 20)
    SearchPlugin._report(PeriodsReport(periods=["2026-q1", "2025"], indexed=["2026-q1"], reused=["2025"]), 3)
    lines = [record.getMessage() for record in caplog.records if "Chỉ mục tìm kiếm" in record.getMessage()]
    assert "9 bài, 3 kỳ gồm 1 năm và 2 nửa năm (1 lập lại, 2 dùng lại)" in lines[0]
    assert "5 bài, 2 năm (1 lập lại, 1 dùng lại)" in lines[1]
    assert "20 bài, 5 kỳ gồm 1 năm, 2 nửa năm và 2 quý (1 lập lại, 0 dùng lại)" in lines[2]
    assert "3 bài, 2 kỳ gồm 1 năm và 1 quý (1 lập lại, 1 dùng lại)" in lines[3]


def test_halves_hold_their_months_articles_and_the_results_page_lists_them_newest_first(halves: SearchSite) -> None:
    bundles = {}
    for folder in sorted((halves.out / "pagefind").iterdir()):
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        bundles[folder.name] = entry["languages"]["vi"]["page_count"]
    assert bundles == {"2024-1": 1, "2024-2": 1, "2025-1": 2}  # 2025 has no article after June: no second half
    assert {"/site" + url for url in fragments(halves)} == PUBLISHED
    page = halves.html("tim-kiem/").select_one("[data-portal-search]")
    assert page["data-periods"] == "2025-1 2024-2 2024-1" and page["data-recent"] == "3"


def test_a_search_spans_the_halves_and_a_month_range_needs_only_its_own(page: Page, halves_server: str) -> None:
    found = open_search(page, halves_server, "?q=minh+giang&sap-xep=moi-nhat")
    assert [r["url"] for r in found] == [
        "/site/tin-tuc/con-duong-bien-gioi/", "/site/tin-tuc/doi-ngoai-cham-pa-sac/",
        "/site/tin-tuc/hoi-thao-thai-binh-duong/", "/site/tin-tuc/giao-luu-van-hoa/",
    ]
    second_half = open_search(page, halves_server, "?q=minh+giang&tu=2024-07&den=2024-12")
    assert [r["url"] for r in second_half] == ["/site/tin-tuc/hoi-thao-thai-binh-duong/"]
    first_half = open_search(page, halves_server, "?q=minh+giang&tu=2024-01&den=2024-06")
    assert [r["url"] for r in first_half] == ["/site/tin-tuc/giao-luu-van-hoa/"]


def test_the_current_year_is_indexed_by_quarters_so_that_a_publish_re_indexes_months_not_a_year() -> None:
    months = {"2026-01": 5, "2026-03": 2, "2026-07": 1, "2026-12": 1, "2025-03": 3, "2025-09": 2}
    assert period_names(months, split_above=2500, current_year="2026") == {
        "2026-01": "2026-q1", "2026-03": "2026-q1", "2026-07": "2026-q3", "2026-12": "2026-q4",
        "2025-03": "2025", "2025-09": "2025",
    }
    # The year over, its quarters are one index again (or halves, if large).
    assert set(period_names(months, split_above=2500, current_year="2027").values()) == {"2026", "2025"}
    assert set(period_names(months, split_above=8, current_year="2027").values()) == {"2026-1", "2026-2", "2025"}
    # Quarters sort newest first among halves and years, as the results page needs.
    assert sorted(["2024", "2025-1", "2025-2", "2026-q1", "2026-q3"], reverse=True) == [
        "2026-q3", "2026-q1", "2025-2", "2025-1", "2024",
    ]


@pytest.fixture(scope="module")
def quarters(tmp_path_factory: pytest.TempPathFactory) -> SearchSite:
    """The same articles and one of May 2025, built on 15 June 2025: 2025 is indexed by quarters."""
    site = SearchSite(root=tmp_path_factory.mktemp("quarters"), search_options={"per_page": 10})
    write_articles(site)
    site.article(
        "ngay-hoi-thang-nam", title="Ngày hội hữu nghị tháng Năm", category="thoi-su", date="2025-05-10 09:00",
        body="Thanh niên tỉnh Minh Giang gặp gỡ bạn bè quốc tế.",
    )
    result = site.run_build_py("--now", "2025-06-15 12:00")
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def quarters_server(quarters: SearchSite) -> Iterator[str]:
    yield from _serve(quarters.root)


def test_a_build_cuts_the_year_of_its_clock_in_quarters(quarters: SearchSite) -> None:
    assert sorted(p.name for p in (quarters.out / "pagefind").iterdir()) == ["2024", "2025-q1", "2025-q2"]
    page = quarters.html("tim-kiem/").select_one("[data-portal-search]")
    assert page["data-periods"] == "2025-q2 2025-q1 2024"


def test_a_search_spans_the_quarters_and_a_month_range_needs_only_its_own(page: Page, quarters_server: str) -> None:
    everything = open_search(page, quarters_server, "?q=minh+giang&sap-xep=moi-nhat")
    assert [r["url"] for r in everything] == [  # the newest of each period before the older of the one before
        "/site/tin-tuc/ngay-hoi-thang-nam/", "/site/tin-tuc/con-duong-bien-gioi/", "/site/tin-tuc/doi-ngoai-cham-pa-sac/",
        "/site/tin-tuc/hoi-thao-thai-binh-duong/", "/site/tin-tuc/giao-luu-van-hoa/",
    ]
    second = open_search(page, quarters_server, "?q=minh+giang&tu=2025-04&den=2025-06")
    assert [r["url"] for r in second] == ["/site/tin-tuc/ngay-hoi-thang-nam/"]
    first = open_search(page, quarters_server, "?q=minh+giang&tu=2025-01&den=2025-03&sap-xep=moi-nhat")
    assert [r["url"] for r in first] == ["/site/tin-tuc/con-duong-bien-gioi/", "/site/tin-tuc/doi-ngoai-cham-pa-sac/"]
    before = open_search(page, quarters_server, "?q=minh+giang&den=2024-12&sap-xep=moi-nhat")
    assert [r["url"] for r in before] == ["/site/tin-tuc/hoi-thao-thai-binh-duong/", "/site/tin-tuc/giao-luu-van-hoa/"]

