"""Dates the IANA zone Asia/Ho_Chi_Minh gets "wrong" for a news portal, published in every format.

Before 1911 that zone is +07:06:30 (local mean time), which no RSS (RFC 822),
Atom / JSON-LD / meta tag (RFC 3339) or sitemap (W3C) date can carry; in
1943–1975 it is +08:00 or +09:00, not the "(GMT+7)" the pages print. The
portal uses the fixed UTC+07:00 instead (portal.reading.dates): every date
below must come out valid, in +07:00, with the wall time the editor wrote.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from conftest import Site
from lxml import etree
from validators import check_feed, report

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SITE = "https://example.org/portal/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
ATOM = "{http://www.w3.org/2005/Atom}"
PLUS7 = timedelta(hours=7)

RFC822_PLUS7 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0700$"
)
RFC3339_PLUS7 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$")
# W3C datetime (https://www.w3.org/TR/NOTE-datetime) as sitemaps use it, in +07:00.
W3C_PLUS7 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?\+07:00$")

# slug → (what the editor writes, the +07:00 wall time the portal must show and publish)
ARTICLES = {
    "truoc-1911": ("1905-06-01 08:00", datetime(1905, 6, 1, 8, 0)),  # zone: +07:06:30 (LMT)
    "nam-1950": ("1950-03-01 10:00", datetime(1950, 3, 1, 10, 0)),  # zone: +08:00
    "tet-mau-than": ("1968-01-31 02:00", datetime(1968, 1, 31, 2, 0)),  # zone: +08:00
    "thong-nhat": ("1975-04-30 11:30", datetime(1975, 4, 30, 11, 30)),  # zone: +08:00
    "hom-nay": ("2025-01-15 16:17", datetime(2025, 1, 15, 16, 17)),
    "gio-utc": ("2025-01-15T09:17:00Z", datetime(2025, 1, 15, 16, 17)),  # an explicit offset, converted
}
CATEGORIES = ("thoi-su", "hoat-dong-doi-ngoai", "hop-tac-quoc-te")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """One build for the module: the six articles, every category used, so no feed is empty."""
    site = Site(root=tmp_path_factory.mktemp("hostile-dates"))
    site.plugin_options["content"] = {"now": "2025-01-16 12:00"}  # the 2025 articles are in the News sitemap
    for number, (slug, (written, _)) in enumerate(ARTICLES.items()):
        site.article(
            slug, year=written[:4], title=f"Bài ngày {written}", date=written,
            category=CATEGORIES[number % len(CATEGORIES)], summary="Sapo.", author="Quang Minh",
        )
    site.build()
    return site


def _plus7(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.utcoffset() == PLUS7, text
    return moment.replace(tzinfo=None)


def _feeds(site: Site) -> list[Path]:
    return sorted(
        path for path in site.out.rglob("*.xml")
        if etree.parse(str(path)).getroot().tag in ("rss", f"{ATOM}feed")
    )


def test_every_rss_date_is_rfc_822_in_plus_0700(built: Site) -> None:
    feeds = [path for path in _feeds(built) if path.name == "rss.xml"]
    assert built.out / "rss.xml" in feeds and len(feeds) >= 4  # the site's and each category's
    published: dict[str, datetime] = {}
    for path in feeds:
        root = etree.parse(str(path)).getroot()
        dates = root.xpath("//pubDate | //lastBuildDate")
        assert dates, path
        for element in dates:
            assert RFC822_PLUS7.match(element.text), f"{path.relative_to(built.out)}: {element.text!r}"
            parsedate_to_datetime(element.text)  # a real date, with the right weekday checked below
        for item in root.iter("item"):
            moment = parsedate_to_datetime(item.findtext("pubDate"))
            assert moment.strftime("%a") == item.findtext("pubDate")[:3]
            published[item.findtext("link")] = moment.replace(tzinfo=None)
    assert published == {f"{SITE}tin-tuc/{slug}/": wall for slug, (_, wall) in ARTICLES.items()}


def test_every_atom_date_is_rfc_3339_in_plus_0700(built: Site) -> None:
    feeds = [path for path in _feeds(built) if path.name == "atom.xml"]
    assert feeds
    for path in feeds:
        root = etree.parse(str(path)).getroot()
        dates = root.iter(f"{ATOM}updated", f"{ATOM}published")
        texts = [element.text for element in dates]
        assert texts and all(RFC3339_PLUS7.match(text) for text in texts), (path, texts)
    root = etree.parse(str(built.out / "atom.xml")).getroot()
    published = {
        entry.find(f"{ATOM}id").text: _plus7(entry.findtext(f"{ATOM}published")) for entry in root.iter(f"{ATOM}entry")
    }
    assert published == {f"{SITE}tin-tuc/{slug}/": wall for slug, (_, wall) in ARTICLES.items()}


def test_every_feed_passes_the_validators_rules(built: Site) -> None:
    problems = []
    for path in _feeds(built):
        relative = path.relative_to(built.out).as_posix()
        problems += check_feed(path.read_bytes(), relative, SITE + relative)
    assert not problems, report(problems, "feed problems")


def test_opml_creation_date_is_rfc_822_in_plus_0700(built: Site) -> None:
    created = etree.parse(str(built.out / "feeds.opml")).getroot().findtext("head/dateCreated")
    assert RFC822_PLUS7.match(created), created


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_page_json_ld_and_meta_dates(built: Site, slug: str) -> None:
    wall = ARTICLES[slug][1]
    page = built.html(f"tin-tuc/{slug}/")
    meta = {
        key: [tag["content"] for tag in page.find_all("meta", attrs={"property": key})]
        for key in ("article:published_time", "article:modified_time", "og:updated_time")
    }
    for key, values in meta.items():
        assert len(values) == 1 and RFC3339_PLUS7.match(values[0]), (key, values)
        assert _plus7(values[0]) == wall
    data = json.loads(page.find("script", type="application/ld+json").string)
    for key in ("datePublished", "dateModified"):
        assert RFC3339_PLUS7.match(data[key]), (key, data[key])
        assert _plus7(data[key]) == wall
    # What the reader sees: the wall time at UTC+7, and the offset it really is.
    time = page.select_one(".portal-article__date time")
    assert RFC3339_PLUS7.match(time["datetime"]) and _plus7(time["datetime"]) == wall
    shown = f"{WEEKDAYS[wall.weekday()]}, {wall:%d/%m/%Y %H:%M} (GMT+7)"
    assert time.get_text(strip=True) == shown


def test_every_time_element_of_every_page_is_plus_0700_or_a_day(built: Site) -> None:
    bad = []
    for path in sorted(built.out.rglob("*.html")):
        for value in re.findall(r'<time datetime="([^"]*)"', path.read_text(encoding="utf-8")):
            if not (RFC3339_PLUS7.match(value) or re.fullmatch(r"\d{4}-\d\d-\d\d", value)):
                bad.append(f"{path.relative_to(built.out)}: {value}")
    assert not bad, "\n".join(bad)


def test_day_archive_files_each_article_under_its_plus_0700_day(built: Site) -> None:
    for slug, (_, wall) in ARTICLES.items():
        page = built.html(f"ngay/{wall:%Y/%m/%d}/")
        assert page.find("a", href=re.compile(rf"tin-tuc/{slug}/")) is not None, (slug, wall)


def test_sitemaps_are_valid_w3c_datetimes_in_plus_0700(built: Site) -> None:
    sitemap = etree.parse(str(built.out / "sitemap.xml"))
    etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd"))).assertValid(sitemap)
    lastmods = {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in sitemap.getroot().findall("s:url", namespaces=NS)
    }
    dated = {loc: text for loc, text in lastmods.items() if text is not None}
    assert all(W3C_PLUS7.match(text) for text in dated.values()), dated
    for slug, (_, wall) in ARTICLES.items():
        assert _plus7(dated[f"{SITE}tin-tuc/{slug}/"]) == wall
    assert _plus7(dated[SITE]) == datetime(2025, 1, 15, 16, 17)  # the home page: its newest article

    news = etree.parse(str(built.out / "news-sitemap.xml"))
    etree.XMLSchema(etree.parse(str(SCHEMAS / "news-sitemap-driver.xsd"))).assertValid(news)
    published = news.getroot().xpath("//n:publication_date/text()", namespaces=NS)
    assert len(published) == 2 and all(W3C_PLUS7.match(text) for text in published), published
