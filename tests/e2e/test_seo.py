"""News SEO: sitemaps with real dates, the Google News sitemap, robots.txt, JSON-LD, social tags, canonical URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Site
from lxml import etree
from PIL import Image

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
SITE = "https://example.org/portal/"
NOW = "2025-03-10 12:00"
TITLE = "Minh Giang – Lào: ký kết “hợp tác xanh” </script><script>alert(1)</script> & hơn thế"


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def sitemap_dates(path: Path) -> dict[str, str | None]:
    root = etree.parse(str(path)).getroot()
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", namespaces=NS)
    }


@pytest.fixture
def news_site(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("PORTAL_NOW", NOW)
    image = site.content / "anh/2025/ky-ket.jpg"
    image.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 18), (200, 30, 30)).save(image, "JPEG")
    site.article(
        "ky-ket", title=TITLE, date="2025-03-10 08:00", updated="2025-03-10 10:30", category="hop-tac-quoc-te",
        summary="Sáng 10/3, hai tỉnh ký biên bản hợp tác.", author="Quang Minh, Ban Tuyên giáo Tỉnh ủy",
        image="/anh/2025/ky-ket.jpg", tags=["Lào", "hợp tác biên giới"],
    )
    site.article("hom-qua", title="Tin hôm qua", date="2025-03-09 09:00", category="hop-tac-quoc-te")
    site.article("tuan-truoc", title="Tin tuần trước", date="2025-03-01 08:00", category="thoi-su")
    site.article("ngay-khong-gio", title="Tin chỉ có ngày", date="2025-02-20", category="thoi-su")
    site.article("hen-gio", title="Tin hẹn giờ", date="2025-03-20 08:00", category="thoi-su")
    site.article("nhap", title="Bản nháp", date="2025-03-10 09:00", category="thoi-su", draft=True)
    site.write("gioi-thieu.md", "# Giới thiệu\n\nCổng thông tin đối ngoại tỉnh Minh Giang.\n")
    return site


def test_sitemap_has_each_page_with_its_real_last_change(news_site: Site) -> None:
    news_site.build()
    path = news_site.out / "sitemap.xml"
    schema("sitemap.xsd").assertValid(etree.parse(str(path)))
    dates = sitemap_dates(path)
    assert dates[SITE + "tin-tuc/ky-ket/"] == "2025-03-10T10:30:00+07:00"  # updated, not date
    assert dates[SITE + "tin-tuc/hom-qua/"] == "2025-03-09T09:00:00+07:00"
    assert dates[SITE + "tin-tuc/ngay-khong-gio/"] == "2025-02-20T00:00:00+07:00"
    # Listings: their newest listed article's last change; the home page lists everything.
    assert dates[SITE + "chuyen-muc/hop-tac-quoc-te/"] == "2025-03-10T10:30:00+07:00"
    assert dates[SITE + "chuyen-muc/thoi-su/"] == "2025-03-01T08:00:00+07:00"
    assert dates[SITE] == "2025-03-10T10:30:00+07:00"
    # No git history here: a static page has no known date rather than the build's.
    assert dates[SITE + "gioi-thieu/"] is None
    assert SITE + "tin-tuc/hen-gio/" not in dates and SITE + "tin-tuc/nhap/" not in dates
    assert not any("2025-03-10T12:00" in (value or "") for value in dates.values())  # never the build clock
    # MkDocs' own sitemap (build date on every URL) is not written.
    assert not (news_site.out / "sitemap.xml.gz").exists()


def test_same_content_gives_the_same_bytes(news_site: Site) -> None:
    news_site.build()
    first = [(news_site.out / name).read_bytes() for name in ("sitemap.xml", "news-sitemap.xml", "robots.txt")]
    news_site.build()
    assert first == [(news_site.out / name).read_bytes() for name in ("sitemap.xml", "news-sitemap.xml", "robots.txt")]


def test_news_sitemap_lists_the_last_two_days(news_site: Site) -> None:
    news_site.build()
    tree = etree.parse(str(news_site.out / "news-sitemap.xml"))
    schema("news-sitemap-driver.xsd").assertValid(tree)
    urls = tree.getroot().findall("s:url", namespaces=NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [SITE + "tin-tuc/ky-ket/", SITE + "tin-tuc/hom-qua/"]
    first = urls[0]
    assert first.findtext("n:news/n:publication/n:name", namespaces=NS) == "Cổng thử nghiệm"
    assert first.findtext("n:news/n:publication/n:language", namespaces=NS) == "vi"
    assert first.findtext("n:news/n:publication_date", namespaces=NS) == "2025-03-10T08:00:00+07:00"
    assert first.findtext("n:news/n:title", namespaces=NS) == TITLE


def test_news_window_follows_the_build_clock(news_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_NOW", "2025-03-19 12:00")  # nothing published in the two days before
    news_site.build()
    # An empty <urlset> is invalid: no news sitemap, and robots.txt does not name one.
    assert not (news_site.out / "news-sitemap.xml").exists()
    robots = (news_site.out / "robots.txt").read_text(encoding="utf-8")
    assert "sitemap.xml" in robots and "news-sitemap.xml" not in robots


def test_robots_txt_points_to_both_sitemaps(news_site: Site) -> None:
    news_site.build()
    lines = (news_site.out / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {SITE}sitemap.xml",
        f"Sitemap: {SITE}news-sitemap.xml",
    ]


def test_an_editor_written_robots_txt_is_kept(news_site: Site) -> None:
    news_site.write("robots.txt", "User-agent: *\nDisallow: /noi-bo/\n")
    news_site.build()
    assert (news_site.out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /noi-bo/\n"


def test_big_sitemaps_are_split_into_an_index(news_site: Site) -> None:
    news_site.plugin_options["seo"] = {"max_sitemap_urls": 3}
    news_site.build()
    index = etree.parse(str(news_site.out / "sitemap.xml"))
    schema("siteindex.xsd").assertValid(index)
    parts = index.getroot().xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    assert parts[0] == SITE + "sitemap-1.xml" and len(parts) > 1
    locs: list[str] = []
    for number in range(1, len(parts) + 1):
        part = etree.parse(str(news_site.out / f"sitemap-{number}.xml"))
        schema("sitemap.xsd").assertValid(part)
        locs += part.getroot().xpath("//s:loc/text()", namespaces=NS)
    assert SITE + "tin-tuc/ky-ket/" in locs and len(locs) == len(set(locs))


def test_json_ld_news_article(news_site: Site) -> None:
    news_site.build()
    html = (news_site.out / "tin-tuc/ky-ket/index.html").read_text(encoding="utf-8")
    soup = news_site.html("tin-tuc/ky-ket/")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    raw = scripts[0].string
    assert "</script>" not in raw and "<" not in raw  # the title cannot break out
    assert html.count("<script>alert(1)") == 0
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == TITLE
    assert data["datePublished"] == "2025-03-10T08:00:00+07:00"
    assert data["dateModified"] == "2025-03-10T10:30:00+07:00"
    assert data["image"] == [SITE + "anh/2025/ky-ket.jpg"]
    assert data["articleSection"] == "Hợp tác quốc tế"
    assert data["inLanguage"] == "vi"
    assert data["mainEntityOfPage"]["@id"] == SITE + "tin-tuc/ky-ket/"
    assert data["author"] == [
        {"@type": "Person", "name": "Quang Minh", "affiliation": {"@type": "Organization", "name": "Ban Tuyên giáo Tỉnh ủy"}}
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Cổng thử nghiệm"
    assert publisher["logo"]["url"] == SITE + "assets/images/logo.png"
    assert (news_site.out / "assets/images/logo.png").is_file()


def test_json_ld_without_byline_names_the_publisher(news_site: Site) -> None:
    news_site.build()
    data = json.loads(news_site.html("tin-tuc/hom-qua/").find("script", type="application/ld+json").string)
    assert data["author"] == [{"@type": "Organization", "name": "Cổng thử nghiệm", "url": SITE}]
    assert data["dateModified"] == data["datePublished"] == "2025-03-09T09:00:00+07:00"
    assert "image" not in data


def test_open_graph_and_twitter_card(news_site: Site) -> None:
    news_site.build()
    soup = news_site.html("tin-tuc/ky-ket/")

    def meta(key: str) -> list[str]:
        return [m["content"] for m in soup.find_all("meta", attrs={"property": key})] + [
            m["content"] for m in soup.find_all("meta", attrs={"name": key})
        ]

    assert meta("article:published_time") == ["2025-03-10T08:00:00+07:00"]
    assert meta("article:modified_time") == ["2025-03-10T10:30:00+07:00"]
    assert meta("article:section") == ["Hợp tác quốc tế"]
    assert meta("article:tag") == ["Lào", "hợp tác biên giới"]
    assert meta("twitter:card") == ["summary_large_image"]
    assert meta("twitter:title") == [TITLE]
    assert meta("twitter:image") == [SITE + "anh/2025/ky-ket.jpg"]
    assert news_site.html("tin-tuc/hom-qua/").find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_one_right_canonical_url_per_page(news_site: Site) -> None:
    news_site.plugin_options["pages"] = {"per_page": 1}
    news_site.build()
    for path in ("", "tin-tuc/ky-ket/", "chuyen-muc/thoi-su/", "chuyen-muc/thoi-su/trang/1/", "gioi-thieu/"):
        links = news_site.html(path).find_all("link", rel="canonical")
        assert [link["href"] for link in links] == [SITE + path], path


def test_missing_site_url_is_a_clear_error(site: Site) -> None:
    site.site_url = None
    site.plugin_options["feeds"] = {"enabled": False}
    site.article("a")
    result = site.run_build_py()
    assert result.returncode == 1
    assert "portal/seo" in result.stderr and "site_url" in result.stderr
