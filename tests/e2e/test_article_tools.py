"""Article tools: print, share, text size, reading time and "Cập nhật" (from front matter or git)."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import Site, article_text, git
from lxml import etree

pytest_plugins = ["browser_support"]

SITE = "https://example.org/portal/"
TITLE = "Tỉnh Minh Giang & Lào: ký kết “hợp tác xanh” – giai đoạn 2025/2030?"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def text(node: Any) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def words(n: int) -> str:
    return " ".join(["hợp tác"] * (n // 2))


def sitemap_lastmod(site: Site, path: str) -> str | None:
    root = etree.parse(str(site.out / "sitemap.xml")).getroot()
    for url in root.findall("s:url", namespaces=NS):
        if url.findtext("s:loc", namespaces=NS) == SITE + path:
            return url.findtext("s:lastmod", namespaces=NS)
    raise AssertionError(f"{path} is not in the sitemap")


# -- the HTML ------------------------------------------------------------------


def test_tools_are_built_without_inline_scripts(site: Site) -> None:
    site.article("ky-ket", title=TITLE, body=words(60))
    site.build()
    soup = site.html("tin-tuc/ky-ket/")
    tools = soup.select_one(".portal-article__header [data-portal-tools]")
    assert tools is not None and tools["aria-label"] == "Công cụ bài viết"

    # Print: a real button, shown by the external script only (hidden without JavaScript).
    printing = tools.select_one('button[data-portal-action="print"]')
    assert printing is not None and printing["type"] == "button" and text(printing) == "In bài viết"
    assert printing.find_parent(attrs={"data-portal-js": True}).has_attr("hidden")
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert "../../assets/javascripts/portal-tools.js" in scripts
    assert (site.out / "assets/javascripts/portal-tools.js").is_file()
    # No inline handlers anywhere, and no inline script of ours (CSP).
    handlers = [(tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs if attr.lower().startswith("on")]
    assert handlers == []
    assert "window.print" not in soup.decode()

    # Text size: A−, A, A+.
    sizes = tools.select(".portal-text-size button")
    assert [text(b) for b in sizes] == ["A−", "A", "A+"]
    assert [b["data-portal-action"] for b in sizes] == ["text-smaller", "text-default", "text-larger"]
    assert [b["aria-label"] for b in sizes] == ["Giảm cỡ chữ", "Cỡ chữ mặc định", "Tăng cỡ chữ"]

    # Copy link: the canonical address, and a live region for "Đã sao chép liên kết".
    copy = tools.select_one('button[data-portal-action="copy-link"]')
    assert copy["data-portal-url"] == SITE + "tin-tuc/ky-ket/" and copy["data-portal-copied"] == "Đã sao chép liên kết"
    status = tools.select_one("[data-portal-status]")
    assert status["role"] == "status" and status["aria-live"] == "polite"

    # The address is printed with the article.
    assert text(soup.select_one(".portal-print-url")) == "Địa chỉ bài viết: " + SITE + "tin-tuc/ky-ket/"


def test_share_links_are_plain_and_encoded_for_a_vietnamese_title(site: Site) -> None:
    site.article("ky-ket", title=TITLE)
    site.build()
    soup = site.html("tin-tuc/ky-ket/")
    url = SITE + "tin-tuc/ky-ket/"
    links = {a["class"][1].removeprefix("portal-share__"): a for a in soup.select(".portal-share a")}
    assert list(links) == ["facebook", "zalo", "x", "email"]
    parts = {name: urlsplit(a["href"]) for name, a in links.items()}
    assert parts["facebook"].geturl().startswith("https://www.facebook.com/sharer/sharer.php?")
    assert parse_qs(parts["facebook"].query) == {"u": [url]}
    assert parts["zalo"].netloc == "sp.zalo.me" and parse_qs(parts["zalo"].query) == {"url": [url]}
    assert parts["x"].geturl().startswith("https://twitter.com/intent/tweet?")
    assert parse_qs(parts["x"].query) == {"url": [url], "text": [TITLE]}
    assert parts["email"].scheme == "mailto" and parse_qs(parts["email"].query) == {"subject": [TITLE], "body": [url]}
    for name, a in links.items():
        href = a["href"]
        assert not re.search(r"[^\x21-\x7e]", href), f"{name}: not fully encoded: {href}"
        if name != "email":
            assert a["rel"] == ["noopener", "noreferrer"]
    # No third-party script or tracker: every script is the site's own.
    assert all(not s["src"].startswith(("http:", "https:", "//")) for s in soup.find_all("script", src=True))


def test_reading_time(site: Site) -> None:
    site.article("dai", title="Bài dài", body=words(401))  # 400 words: 2 minutes
    site.article("ngan", title="Bài ngắn", body="Một câu.")
    site.build()
    assert text(site.html("tin-tuc/dai/").select_one(".portal-reading-time")) == "2 phút đọc"
    assert text(site.html("tin-tuc/ngan/").select_one(".portal-reading-time")) == "1 phút đọc"


def test_updated_from_front_matter(site: Site) -> None:
    site.article("sua", title="Bài có sửa", date="2025-01-15 16:17", updated="2025-01-16 09:05")
    site.article("khong-sua", title="Bài không sửa", date="2025-01-15 16:17")
    site.build()
    updated = site.html("tin-tuc/sua/").select_one(".portal-updated")
    assert text(updated) == "Cập nhật 16/01/2025 09:05"
    assert updated.find("time")["datetime"] == "2025-01-16T09:05:00+07:00"
    assert site.html("tin-tuc/khong-sua/").select_one(".portal-updated") is None


# -- git dates -------------------------------------------------------------------


def commit_history(site: Site) -> None:
    """Two articles committed on 15/01; one of them fixed in a second commit on 17/01 10:45."""
    site.root.mkdir(parents=True, exist_ok=True)
    git(site.root, "init", "-q")
    site.article("sua-loi", title="Bài được sửa", date="2025-01-15 08:00")
    site.article("giu-nguyen", title="Bài giữ nguyên", date="2025-01-15 08:30")
    site.write("gioi-thieu.md", "# Giới thiệu\n\nBản đầu.\n")
    git(site.root, "add", "content")
    git(site.root, "commit", "-q", "-m", "Đăng bài", date="2025-01-15T09:00:00+07:00")
    site.article("sua-loi", title="Bài được sửa", date="2025-01-15 08:00", body="Nội dung đã sửa lỗi chính tả.")
    site.write("gioi-thieu.md", "# Giới thiệu\n\nBản sửa.\n")
    git(site.root, "commit", "-q", "-am", "Sửa lỗi", date="2025-01-17T10:45:00+07:00")


def test_a_later_commit_shows_as_updated(site: Site) -> None:
    commit_history(site)
    site.build()
    updated = site.html("tin-tuc/sua-loi/").select_one(".portal-updated")
    assert text(updated) == "Cập nhật 17/01/2025 10:45"
    assert updated.find("time")["datetime"] == "2025-01-17T10:45:00+07:00"
    # Committed once (after its date): that commit published it, it is not an update.
    assert site.html("tin-tuc/giu-nguyen/").select_one(".portal-updated") is None
    # The same dates in the sitemap and the structured data.
    assert sitemap_lastmod(site, "tin-tuc/sua-loi/") == "2025-01-17T10:45:00+07:00"
    assert sitemap_lastmod(site, "tin-tuc/giu-nguyen/") == "2025-01-15T08:30:00+07:00"
    assert sitemap_lastmod(site, "gioi-thieu/") == "2025-01-17T10:45:00+07:00"  # a static page: its last commit
    meta = site.html("tin-tuc/sua-loi/").find("meta", attrs={"property": "article:modified_time"})
    assert meta["content"] == "2025-01-17T10:45:00+07:00"


def test_git_dates_can_be_turned_off(site: Site) -> None:
    commit_history(site)
    site.plugin_options["seo"] = {"git_dates": False}
    site.build()
    assert site.html("tin-tuc/sua-loi/").select_one(".portal-updated") is None
    assert sitemap_lastmod(site, "gioi-thieu/") is None


def test_a_shallow_clone_builds_from_front_matter(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    origin = Site(root=tmp_path / "origin")
    commit_history(origin)
    (origin.content / "tin-tuc/2025/co-updated.md").write_text(
        article_text(title="Bài có updated", date="2025-01-15 08:00", updated="2025-01-16 07:00"), encoding="utf-8"
    )
    git(origin.root, "add", "content")
    git(origin.root, "commit", "-q", "-m", "Thêm bài", date="2025-01-18T08:00:00+07:00")
    git(tmp_path, "clone", "-q", "--depth", "1", (tmp_path / "origin").as_uri(), "clone")
    clone = Site(root=tmp_path / "clone")
    caplog.set_level(logging.INFO, logger="mkdocs")
    clone.build()
    # One commit is visible: it must not date every file; the front matter still counts.
    assert clone.html("tin-tuc/sua-loi/").select_one(".portal-updated") is None
    assert text(clone.html("tin-tuc/co-updated/").select_one(".portal-updated")) == "Cập nhật 16/01/2025 07:00"
    assert sitemap_lastmod(clone, "tin-tuc/sua-loi/") == "2025-01-15T08:00:00+07:00"
    assert any("shallow" in record.getMessage() and record.levelno == logging.INFO for record in caplog.records)


# -- in a browser: print media and the reader's text size --------------------------------




@pytest.fixture
def browser(reader_browser: Any) -> Any:
    """The session's one Chromium (browser_support): two Playwright instances cannot share a process."""
    return reader_browser


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def served(site: Site) -> Iterator[tuple[Site, str]]:
    """A small site with one full article, served over http://127.0.0.1 (a secure context for the clipboard)."""
    from PIL import Image

    image = site.content / "anh/2025/ky-ket.jpg"
    image.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 36), (200, 30, 30)).save(image, "JPEG")
    site.article(
        "ky-ket", title=TITLE, summary="Sáng 15/1, hai tỉnh ký biên bản hợp tác.", author="Quang Minh",
        source={"name": "Báo Minh Giang", "url": "https://bao.example.vn/bai"}, image="/anh/2025/ky-ket.jpg",
        image_caption="Lễ ký kết. Ảnh: Mai Hoa", tags=["Lào"], body="Đoạn thứ nhất.\n\nĐoạn thứ hai.\n",
    )
    site.article("lien-quan", title="Tin liên quan", date="2025-01-14 08:00")
    site.build()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.out)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}/tin-tuc/ky-ket/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_print_shows_the_article_alone(served: tuple[Site, str], browser: Any) -> None:
    _, url = served
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        assert page.locator('[data-portal-action="print"]').is_visible()  # shown by the script on screen
        assert not page.locator(".portal-print-url").is_visible()
        page.emulate_media(media="print")
        for selector in ("h1", ".portal-article__date", ".portal-sapo", ".portal-lead-image img",
                         ".portal-lead-image figcaption", ".portal-article__body", ".portal-byline",
                         ".portal-source", ".portal-print-url"):
            assert page.locator(selector).first.is_visible(), f"{selector} should print"
        for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".portal-breadcrumb",
                         ".portal-related", ".portal-tools", ".portal-share", ".md-search"):
            locator = page.locator(selector)
            assert all(not locator.nth(i).is_visible() for i in range(locator.count())), f"{selector} should not print"
        # Whatever other plugins add to the page: the only visible text is the article's.
        stray = page.evaluate(
            """() => {
                const out = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const parent = node.parentElement;
                    if (!node.textContent.trim() || !parent || parent.closest(".portal-article, script, style")) continue;
                    if (parent.checkVisibility({visibilityProperty: true, opacityProperty: true})) {
                        out.push(node.textContent.trim());
                    }
                }
                return out;
            }"""
        )
        assert stray == []
    finally:
        context.close()


def test_text_size_changes_and_is_remembered(served: tuple[Site, str], browser: Any) -> None:
    _, url = served
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)

        def size() -> float:
            return page.locator(".portal-article__body").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")

        normal = size()
        page.click('[data-portal-action="text-larger"]')
        larger = size()
        assert larger > normal
        page.click('[data-portal-action="text-larger"]')
        assert size() > larger
        page.reload()
        assert size() > larger  # remembered, and applied before the page is shown
        assert page.evaluate("document.documentElement.getAttribute('data-portal-text-size')") == "130"
        page.click('[data-portal-action="text-smaller"]')
        assert size() == pytest.approx(larger)
        page.click('[data-portal-action="text-default"]')
        assert size() == pytest.approx(normal)
        page.reload()
        assert size() == pytest.approx(normal)
    finally:
        context.close()


def test_copy_link_announces_it(served: tuple[Site, str], browser: Any) -> None:
    _, url = served
    context = browser.new_context()
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(url)
        page.click('[data-portal-action="copy-link"]')
        status = page.locator("[data-portal-status]")
        status.filter(has_text="Đã sao chép liên kết").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == SITE + "tin-tuc/ky-ket/"
    finally:
        context.close()
