"""Reading time, JSON-LD escaping, share links and sitemap files, without MkDocs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import etree
from portal.generating.structured_data import script_json, share_links
from portal.model.entities import Article
from portal.model.reading_time import count_words, reading_minutes
from portal.reading.dates import VIETNAM
from portal.writing.sitemaps import (
    SITEMAP_NS,
    SitemapEntry,
    recent_articles,
    render_index,
    render_robots,
    render_urlset,
    sitemap_files,
)

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def words(n: int) -> str:
    return " ".join(["đối"] * n)


@pytest.mark.parametrize(("count", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5), (1001, 6)])
def test_reading_minutes_round_up_with_a_minimum_of_one(count: int, minutes: int) -> None:
    assert reading_minutes(words(count)) == minutes


def test_words_read_exclude_addresses_and_markup() -> None:
    markdown = (
        "Đoàn đại biểu tỉnh Chăm-pa-sắc thăm [Minh Giang](https://example.vn/a-b-c-d-e).\n\n"
        "![Quang cảnh hội nghị đông người](/anh/2025/x.jpg)\n"
        "<figure markdown>Ảnh</figure> {: .lead }\nXem https://example.vn/rat/dai/dia/chi\n"
    )
    # Đoàn đại biểu tỉnh Chăm-pa-sắc thăm Minh Giang / Ảnh / Xem
    assert count_words(markdown) == 10


def test_article_reading_time_counts_sapo_and_body_once() -> None:
    article = Article(
        slug="a", src_uri="tin-tuc/a.md", path="content/tin-tuc/a.md", title="T",
        date=datetime(2025, 1, 15, 16, 17, tzinfo=VIETNAM), category="thoi-su",
        body=words(350), summary=words(51),
    )
    assert article.reading_minutes == 3
    article.body = ""
    assert article.reading_minutes == 3  # cached: computed once per build


def test_modified_is_the_latest_of_date_updated_and_revision() -> None:
    date = datetime(2025, 1, 15, 16, 17, tzinfo=VIETNAM)
    article = Article(slug="a", src_uri="a.md", path="a.md", title="T", date=date, category="c", body="")
    assert article.modified == date and not article.is_updated
    article.revised = date - timedelta(hours=1)  # committed before its (scheduled) date: not an update
    assert article.modified == date and not article.is_updated
    article.updated = date + timedelta(days=1)
    article.revised = date + timedelta(days=2)
    assert article.modified == date + timedelta(days=2) and article.is_updated


def test_script_json_cannot_close_the_script_element() -> None:
    data = {"headline": "Tin </script><script>alert(1)</script> & <!-- “Lào”"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_share_links_are_encoded_once() -> None:
    url = "https://example.org/portal/tin-tuc/a/"
    title = "Hợp tác Việt – Lào: “xanh” & bền vững?"
    links = {link.network: urlsplit(link.href) for link in share_links(url, title)}
    assert parse_qs(links["facebook"].query) == {"u": [url]}
    assert parse_qs(links["zalo"].query) == {"url": [url]}
    assert parse_qs(links["x"].query) == {"url": [url], "text": [title]}
    mail = links["email"]
    assert mail.scheme == "mailto" and "+" not in mail.query  # RFC 6068: spaces are %20
    assert parse_qs(mail.query) == {"subject": [title], "body": [url]}


def _article(n: int, date: datetime) -> Article:
    return Article(slug=f"a{n}", src_uri=f"a{n}.md", path=f"a{n}.md", title=f"T{n}", date=date, category="c", body="")


def test_recent_articles_are_the_last_two_days_before_the_reference() -> None:
    now = datetime(2025, 3, 10, 12, 0, tzinfo=VIETNAM)
    articles = [_article(n, now - timedelta(hours=h)) for n, h in enumerate([-1, 0, 47, 48, 49, 100])]
    found = recent_articles(articles, reference=now, days=2)
    assert [a.slug for a in found] == ["a1", "a2", "a3"]  # not the future one, not older than 48 h


def test_large_sitemaps_become_an_index_of_valid_parts() -> None:
    base = datetime(2025, 1, 1, tzinfo=VIETNAM)
    entries = [SitemapEntry(f"https://example.org/p{n}/", base + timedelta(days=n)) for n in range(5)]
    files = sitemap_files(entries, site_url="https://example.org/", path="sitemap.xml", max_urls=2, zone=VIETNAM)
    assert [f.path for f in files] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = etree.fromstring(files[0].data)
    etree.XMLSchema(etree.parse(str(SCHEMAS / "siteindex.xsd"))).assertValid(index)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert index.xpath("//s:loc/text()", namespaces=ns) == [f"https://example.org/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert index.xpath("//s:lastmod/text()", namespaces=ns)[0] == "2025-01-02T00:00:00+07:00"
    urlset = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    for part in files[1:]:
        urlset.assertValid(etree.fromstring(part.data))


@pytest.mark.parametrize("root, item", [("urlset", "url"), ("sitemapindex", "sitemap")])
def test_sitemaps_written_as_text_are_the_bytes_elementtree_writes(root: str, item: str) -> None:
    """The sitemaps are written as text for speed: the same bytes as a tree, escaping and empty lists included."""
    base = datetime(2025, 1, 1, tzinfo=VIETNAM)
    tricky = ["https://example.org/a?b=1&c=<2>", "https://example.org/\"q\"/'a'/", "https://example.org/bài-viết/"]
    for entries in (
        [],
        [SitemapEntry(loc) for loc in tricky],
        [SitemapEntry(f"https://example.org/p{n}/", base + timedelta(hours=n) if n % 3 else None) for n in range(50)],
    ):
        tree = ET.Element(f"{{{SITEMAP_NS}}}{root}")
        for entry in entries:
            element = ET.SubElement(tree, f"{{{SITEMAP_NS}}}{item}")
            ET.SubElement(element, f"{{{SITEMAP_NS}}}loc").text = entry.loc
            if entry.lastmod is not None:
                ET.SubElement(element, f"{{{SITEMAP_NS}}}lastmod").text = entry.lastmod.isoformat(timespec="seconds")
        ET.indent(tree, space="  ")
        expected = ET.tostring(tree, encoding="utf-8", xml_declaration=True, default_namespace=SITEMAP_NS) + b"\n"
        written = (render_urlset if root == "urlset" else render_index)(entries, VIETNAM)
        assert written == expected
        etree.fromstring(written)  # well-formed


def test_robots_names_the_sitemaps_by_absolute_url() -> None:
    text = render_robots("https://example.org/portal/", ["sitemap.xml", "news-sitemap.xml"])
    assert "Sitemap: https://example.org/portal/sitemap.xml\n" in text
    assert "Sitemap: https://example.org/portal/news-sitemap.xml\n" in text
    assert text.startswith("User-agent: *\n")
