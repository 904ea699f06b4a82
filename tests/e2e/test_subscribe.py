""""Đăng ký nhận tin": the subscribe page, the OPML file and the feeds' XSL stylesheet, built for real."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import feedparser
from bs4 import BeautifulSoup
from conftest import Site
from lxml import etree

SITE_URL = "https://example.org/portal/"


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def resolve(page_url: str, href: str) -> str:
    return urljoin("https://x/" + page_url, href).removeprefix("https://x/")


def build_news(site: Site) -> None:
    site.plugin_options["content"] = {"now": "2025-02-01 00:00"}
    site.article("a", title="Đón đoàn Chăm-pa-sắc & “bạn bè”", date="2025-01-15 16:17", summary="Sapo A.", tags=["Lào"])
    site.article("b", title="Hội nghị <xúc tiến> đầu tư", date="2025-01-20 09:05", category="hop-tac-quoc-te", tags=["Đầu tư"])
    site.article("nhap", title="Bản nháp", date="2025-01-21", draft=True, tags=["Bí mật"])
    site.build()


def written_feeds(out: Path) -> set[str]:
    """Every feed file in the output, as absolute URLs."""
    found = {p.relative_to(out).as_posix() for p in out.rglob("*.xml") if p.name in ("rss.xml", "atom.xml")}
    return {SITE_URL + path for path in found}


def test_subscribe_page_lists_every_feed(site: Site) -> None:
    build_news(site)
    url = "dang-ky-nhan-tin/"
    page = site.html(url)
    box = page.select_one(".portal-subscribe")
    assert text(box.h1) == "Đăng ký nhận tin"
    assert len(box.select(".portal-subscribe__steps li")) == 3
    groups = [section["data-portal-feeds"] for section in box.select("section.portal-feeds")]
    assert groups == ["site", "categories", "topics"]
    fields = box.select("input.portal-feed__field")
    addresses = {field["value"] for field in fields}
    expected = {
        SITE_URL + "rss.xml", SITE_URL + "atom.xml",
        SITE_URL + "chuyen-muc/thoi-su/rss.xml", SITE_URL + "chuyen-muc/hoat-dong-doi-ngoai/rss.xml",
        SITE_URL + "chuyen-muc/hop-tac-quoc-te/rss.xml",
        SITE_URL + "chu-de/lao/rss.xml", SITE_URL + "chu-de/dau-tu/rss.xml",
    }
    assert addresses == expected == written_feeds(site.out)
    for field in fields:
        assert field.has_attr("readonly") and field["aria-label"].startswith("Địa chỉ nguồn tin: ")
        # A copy button for the script to wire, hidden without it; the address is also a plain link.
        button = field.find_next_sibling("button")
        assert button["data-portal-copy"] == field["id"] and button.has_attr("hidden")
        assert field.find_next_sibling("a")["href"] == field["value"]
    names = [text(a) for a in box.select(".portal-feed__name")]
    assert names[:3] == ["Tin mới nhất (RSS)", "Tin mới nhất (Atom)", "Thời sự"]
    for link in box.select(".portal-feed__name"):
        assert (site.out / resolve(url, link["href"]) / "index.html").is_file()
    opml = box.select_one(".portal-subscribe__opml a")
    assert resolve(url, opml["href"]) == "feeds.opml"
    scripts = page.select('script[src*="portal-copy.js"]')
    assert len(scripts) == 1 and (site.out / resolve(url, scripts[0]["src"])).is_file()
    assert not any(attr.startswith("on") for tag in box.find_all(True) for attr in tag.attrs)


def test_subscribe_page_is_linked_from_every_page(site: Site) -> None:
    build_news(site)
    for url in ("", "tin-tuc/a/", "chuyen-muc/thoi-su/", "ngay/2025/01/15/"):
        link = site.html(url).select_one('.portal-footer-links a[data-portal-link="subscribe"]')
        assert resolve(url, link["href"]) == "dang-ky-nhan-tin/", url
    page404 = BeautifulSoup((site.out / "404.html").read_text(encoding="utf-8"), "lxml")
    link = page404.select_one('.portal-footer-links a[data-portal-link="subscribe"]')
    assert link["href"] == "/portal/dang-ky-nhan-tin/"


def test_opml_lists_every_feed(site: Site) -> None:
    build_news(site)
    root = etree.parse(str(site.out / "feeds.opml")).getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "Các nguồn tin của Cổng thử nghiệm"
    assert root.findtext("head/dateCreated") == "Mon, 20 Jan 2025 09:05:00 +0700"
    feeds = root.findall(".//outline[@xmlUrl]")
    assert all(o.get("type") == "rss" and o.get("text") for o in feeds)
    assert {o.get("xmlUrl") for o in feeds} == written_feeds(site.out)
    folders = [o.get("text") for o in root.findall("body/outline") if o.get("xmlUrl") is None]
    assert folders == ["Theo chuyên mục", "Theo chủ đề"]
    lao = root.find('.//outline[@xmlUrl="https://example.org/portal/chu-de/lao/rss.xml"]')
    assert lao.get("text") == "Lào" and lao.get("htmlUrl") == "https://example.org/portal/chu-de/lao/"
    assert "Bí mật" not in (site.out / "feeds.opml").read_text(encoding="utf-8")


def test_feeds_carry_the_stylesheet_and_still_parse(site: Site) -> None:
    build_news(site)
    assert (site.out / "assets/feed.xsl").is_file()
    for address in written_feeds(site.out):
        path = site.out / address.removeprefix(SITE_URL)
        tree = etree.parse(str(path))
        instruction = tree.getroot().getprevious()
        assert isinstance(instruction, etree._ProcessingInstruction), path
        assert instruction.target == "xml-stylesheet"
        assert instruction.get("type") == "text/xsl" and instruction.get("href") == "/portal/assets/feed.xsl"
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.title.startswith("Cổng thử nghiệm")


def transform(site: Site, feed: str) -> BeautifulSoup:
    xslt = etree.XSLT(etree.parse(str(site.out / "assets/feed.xsl")))
    result = xslt(etree.parse(str(site.out / feed)))
    return BeautifulSoup(str(result), "lxml")


def test_xsl_shows_a_feed_as_a_vietnamese_page(site: Site) -> None:
    build_news(site)
    for feed, kind in (("rss.xml", "RSS"), ("atom.xml", "Atom")):
        page = transform(site, feed)
        assert page.html["lang"] == "vi"
        assert text(page.h1) == "Cổng thử nghiệm"
        assert f"Đây là nguồn tin {kind}" in text(page.select_one(".feed-about"))
        assert SITE_URL + feed in text(page.select_one(".feed-about code"))
        items = page.select(".feed-items li")
        assert [text(li.h2) for li in items] == ["Hội nghị <xúc tiến> đầu tư", "Đón đoàn Chăm-pa-sắc & “bạn bè”"]
        assert [li.h2.a["href"] for li in items] == [SITE_URL + "tin-tuc/b/", SITE_URL + "tin-tuc/a/"]
        assert text(items[1].select_one(".feed-date time")).startswith("15/01/2025 16:17")
        assert page.find("script") is None
    category = transform(site, "chuyen-muc/hop-tac-quoc-te/rss.xml")
    assert [text(li.h2) for li in category.select(".feed-items li")] == ["Hội nghị <xúc tiến> đầu tư"]


def test_feed_stylesheet_can_be_turned_off(site: Site) -> None:
    site.plugin_options["feeds"] = {"stylesheet": "", "subscribe_page": False, "opml_file": ""}
    build_news(site)
    assert b"xml-stylesheet" not in (site.out / "rss.xml").read_bytes()
    assert not (site.out / "dang-ky-nhan-tin").exists() and not (site.out / "feeds.opml").exists()
    assert site.html("").select_one('.portal-footer-links a[data-portal-link="subscribe"]') is None
