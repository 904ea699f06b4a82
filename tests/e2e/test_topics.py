"""Topics (chủ đề): a page per tag, the topics index, tag links and topic feeds, built for real."""

from __future__ import annotations

from urllib.parse import urljoin

import feedparser
from conftest import Site


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def resolve(page_url: str, href: str) -> str:
    return urljoin("https://x/" + page_url, href).removeprefix("https://x/")


def build_tagged(site: Site, **pages_options) -> None:
    site.plugin_options["content"] = {"now": "2025-02-01 00:00"}
    site.plugin_options["pages"] = pages_options
    site.article("a", title="Đón đoàn Chăm-pa-sắc", date="2025-01-15 16:17", tags=["Lào", "hợp tác biên giới"])
    site.article("b", title="Giao lưu biên giới", date="2025-01-20 09:00", tags=["lào"])
    site.article("c", title="Tuần văn hóa Việt – Lào", date="2025-01-25 10:00", tags=["Lào", "Du lịch"])
    site.article("d", title="Không có chủ đề", date="2025-01-26 10:00")
    site.article("nhap", title="Bản nháp có chủ đề", date="2025-01-27", draft=True, tags=["Lào", "Bí mật"])
    site.article("hen", title="Tin hẹn giờ có chủ đề", date="2025-03-01", tags=["Lào", "Tương lai"])
    site.build()


def test_topic_page_merges_spellings_newest_first(site: Site) -> None:
    build_tagged(site)
    url = "chu-de/lao/"
    page = site.html(url)
    topic = page.select_one(".portal-topic")
    assert topic["data-portal-topic"] == "lao"
    # "Lào" (2 articles) beats "lào" (1): one topic, shown under the most used spelling.
    assert text(topic.h1) == "Chủ đề: Lào"
    assert [text(a) for a in topic.select(".portal-item__title a")] == [
        "Tuần văn hóa Việt – Lào", "Giao lưu biên giới", "Đón đoàn Chăm-pa-sắc",
    ]
    assert "3 tin" in text(topic.select_one(".portal-topic__meta"))
    for link in topic.select(".portal-item__title a"):
        assert (site.out / resolve(url, link["href"]) / "index.html").is_file()
    assert resolve(url, page.select(".portal-breadcrumb a")[-1]["href"]) == "chu-de/"
    assert page.select_one("details.portal-datepicker") is not None


def test_topics_are_paginated_like_categories(site: Site) -> None:
    build_tagged(site, per_page=1)
    first, second, oldest = site.html("chu-de/lao/"), site.html("chu-de/lao/trang/2/"), site.html("chu-de/lao/trang/1/")
    assert [text(a) for a in first.select(".portal-item__title a")] == ["Tuần văn hóa Việt – Lào"]
    assert [text(a) for a in second.select(".portal-item__title a")] == ["Giao lưu biên giới"]
    assert [text(a) for a in oldest.select(".portal-item__title a")] == ["Đón đoàn Chăm-pa-sắc"]
    assert resolve("chu-de/lao/", first.select_one(".portal-pagination__next")["href"]) == "chu-de/lao/trang/2/"
    assert resolve("chu-de/lao/trang/2/", second.select_one(".portal-pagination__next")["href"]) == "chu-de/lao/trang/1/"
    assert "Chủ đề: Lào – Trang 1" in oldest.title.get_text()
    assert oldest.select_one(".portal-pagination__next") is None


def test_topics_index_lists_published_topics_with_counts(site: Site) -> None:
    build_tagged(site)
    page = site.html("chu-de/")
    items = {a["data-portal-topic"]: text(a.parent) for a in page.select(".portal-topics__list a")}
    assert items == {"du-lich": "Du lịch (1)", "hop-tac-bien-gioi": "hợp tác biên giới (1)", "lao": "Lào (3)"}
    assert list(items) == ["du-lich", "hop-tac-bien-gioi", "lao"]  # by name, tone marks folded
    for a in page.select(".portal-topics__list a"):
        assert (site.out / resolve("chu-de/", a["href"]) / "index.html").is_file()
    # Tags used only by a draft or a scheduled article make no topic.
    assert not (site.out / "chu-de/bi-mat").exists() and not (site.out / "chu-de/tuong-lai").exists()
    for path in (site.out / "chu-de").rglob("*"):
        if path.is_file():
            data = path.read_text(encoding="utf-8")
            assert "Bản nháp có chủ đề" not in data and "Tin hẹn giờ có chủ đề" not in data, path


def test_article_tags_link_to_their_topics(site: Site) -> None:
    build_tagged(site)
    url = "tin-tuc/b/"
    tags = site.html(url).select(".portal-article .portal-tag")
    assert [text(t) for t in tags] == ["lào"]
    assert tags[0].name == "a" and resolve(url, tags[0]["href"]) == "chu-de/lao/"
    links = {text(t): resolve("tin-tuc/a/", t["href"]) for t in site.html("tin-tuc/a/").select(".portal-tag")}
    assert links == {"Lào": "chu-de/lao/", "hợp tác biên giới": "chu-de/hop-tac-bien-gioi/"}


def test_topic_feed(site: Site) -> None:
    build_tagged(site)
    feed = feedparser.parse((site.out / "chu-de/lao/rss.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.link == "https://example.org/portal/chu-de/lao/"
    assert [e.title for e in feed.entries] == ["Tuần văn hóa Việt – Lào", "Giao lưu biên giới", "Đón đoàn Chăm-pa-sắc"]
    page = site.html("chu-de/lao/")
    alternates = {link["href"] for link in page.select('link[rel~="alternate"][type="application/rss+xml"]')}
    assert "https://example.org/portal/chu-de/lao/rss.xml" in alternates
    assert page.select_one(".portal-topic__feed")["href"] == "https://example.org/portal/chu-de/lao/rss.xml"


def test_topics_can_be_turned_off(site: Site) -> None:
    build_tagged(site, topics=False)
    assert not (site.out / "chu-de").exists()
    assert site.html("tin-tuc/a/").select_one("a.portal-tag") is None
