"""RSS and Atom feeds, parsed with feedparser as a feed reader would."""

from __future__ import annotations

import re

import feedparser
from conftest import Site


def build_news(site: Site, count: int = 6) -> None:
    for i in range(1, count + 1):
        category = "thoi-su" if i % 2 else "hoat-dong-doi-ngoai"
        site.article(
            f"tin-{i}",
            title=f"Tin số {i} & “trích dẫn”",
            date=f"2025-05-{i:02d} 0{i}:15",
            category=category,
            summary=f"Sapo của tin {i}.",
            author="Quang Minh, Ban Tuyên giáo Tỉnh ủy",
        )
    site.article("nhap", title="Tin nháp", draft=True, date="2025-06-01")


def parse(site: Site, relative: str) -> feedparser.FeedParserDict:
    raw = (site.out / relative).read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_site_rss_feed(site: Site) -> None:
    build_news(site)
    site.plugin_options["feeds"] = {"length": 4}
    site.build()
    raw = (site.out / "rss.xml").read_text(encoding="utf-8")
    feed = parse(site, "rss.xml")
    assert feed.version == "rss20"
    assert feed.feed.language == "vi"
    assert feed.feed.link == "https://example.org/portal/"
    assert [e.title for e in feed.entries] == [f"Tin số {i} & “trích dẫn”" for i in (6, 5, 4, 3)]
    first = feed.entries[0]
    assert first.link == "https://example.org/portal/tin-tuc/tin-6/"
    assert first.id == first.link
    assert first.summary == "Sapo của tin 6."
    assert first.tags[0].term == "Hoạt động đối ngoại"
    assert first.author == "Quang Minh, Ban Tuyên giáo Tỉnh ủy"
    assert "Tue, 06 May 2025 06:15:00 +0700" in raw
    assert len(re.findall(r"<pubDate>[^<]*\+0700</pubDate>", raw)) == 4
    assert "<lastBuildDate>Tue, 06 May 2025 06:15:00 +0700</lastBuildDate>" in raw
    assert "Tin nháp" not in raw


def test_atom_feed(site: Site) -> None:
    build_news(site)
    site.build()
    feed = parse(site, "atom.xml")
    assert feed.version == "atom10"
    assert len(feed.entries) == 6
    entry = feed.entries[0]
    assert entry.title == "Tin số 6 & “trích dẫn”"
    assert entry.link == "https://example.org/portal/tin-tuc/tin-6/"
    assert entry.published == "2025-05-06T06:15:00+07:00"
    assert entry.published_parsed is not None
    assert entry.author == "Quang Minh, Ban Tuyên giáo Tỉnh ủy"
    assert entry.summary == "Sapo của tin 6."


def test_category_feeds_hold_their_category_only(site: Site) -> None:
    build_news(site)
    site.build()
    feed = parse(site, "chuyen-muc/thoi-su/rss.xml")
    assert [e.title.split(" &")[0] for e in feed.entries] == ["Tin số 5", "Tin số 3", "Tin số 1"]
    assert all(e.tags[0].term == "Thời sự" for e in feed.entries)
    assert feed.feed.link == "https://example.org/portal/chuyen-muc/thoi-su/"
    other = parse(site, "chuyen-muc/hoat-dong-doi-ngoai/rss.xml")
    assert len(other.entries) == 3
    empty = parse(site, "chuyen-muc/hop-tac-quoc-te/rss.xml")
    assert empty.entries == []


def test_every_page_links_the_site_feed(site: Site) -> None:
    build_news(site, 2)
    site.write("gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nx\n")
    site.build()
    for url in ["", "gioi-thieu/", "chuyen-muc/thoi-su/", "tin-tuc/tin-1/", "404.html"]:
        links = site.html(url).select('link[rel~="alternate"][type="application/rss+xml"]')
        hrefs = [link["href"] for link in links]
        assert "https://example.org/portal/rss.xml" in hrefs, url
    category_links = [link["href"] for link in site.html("chuyen-muc/thoi-su/").select('link[rel~="alternate"]')]
    assert "https://example.org/portal/chuyen-muc/thoi-su/rss.xml" in category_links
    assert not any("chuyen-muc" in link["href"] for link in site.html("gioi-thieu/").select('link[rel~="alternate"]'))


def test_feed_dates_are_vietnam_time_for_utc_input(site: Site) -> None:
    site.article("utc", date="2025-05-01T02:00:00Z")
    site.build()
    feed = parse(site, "rss.xml")
    assert feed.entries[0].published == "Thu, 01 May 2025 09:00:00 +0700"
    assert feed.entries[0].published_parsed.tm_hour == 2  # feedparser normalises to UTC
    meta = site.html("tin-tuc/utc/").select_one('meta[property="article:published_time"]')
    assert meta["content"] == "2025-05-01T09:00:00+07:00"


def test_missing_site_url_is_a_clear_error(site: Site) -> None:
    site.site_url = None
    site.article("mot")
    result = site.run_build_py()
    assert result.returncode == 1
    assert "site_url" in result.stderr and "portal/feeds" in result.stderr
    assert not site.out.exists()
