"""The readers' portal in a real browser, as a reader meets it (issue 4 §8).

The repository's sample site is built once, served on 127.0.0.1 and opened in
Debian's Chromium through Playwright. Every page type (home, category, article,
day, month, topic, search, subscribe, 404) is opened at phone and desktop
widths and must: answer with the right status, show its heading and content,
log no console or page error, ask nothing of any host but the local server,
and pass axe-core without serious or critical violations. Full-page
screenshots of each go to ``$PORTAL_ARTIFACTS`` (default
``test-artifacts/screenshots/``). Then what readers do: search without tone
marks from the header box, reach a day through the date picker (with and
without JavaScript), and print an article.

Which pages to open is discovered from the built output and the links on its
pages, so the tests follow the sample content instead of hard-coding it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from conftest import REPO
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page, expect
from portal.i18n import LABELS

# The session's built sample site, server and browser (not a conftest.py: see that module).
pytest_plugins = ["browser_support"]

L = LABELS["vi"]
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
KINDS = ["home", "category", "article", "day", "month", "topic", "search", "subscribe", "not_found"]
SERIOUS = {"serious", "critical"}
TIMEOUT_MS = 15_000


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def fold(text: str) -> str:
    """What a reader types without a Vietnamese keyboard: no tone or vowel marks, đ as d."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# -- which pages to open: discovered from the built site -----------------------


@dataclass(frozen=True)
class ReaderPage:
    """One page a reader opens, with what must be visible on it."""

    kind: str
    path: str  # relative to the server root, e.g. "tin-tuc/slug/"
    heading: str  # the visible <h1>
    selectors: tuple[str, ...] = ()  # CSS selectors that must match a visible element
    links: tuple[str, ...] = ()  # names of links that must be visible
    status: int = 200


@dataclass(frozen=True)
class SampleSite:
    folder: Path
    pages: dict[str, ReaderPage]
    article_title: str
    titles: dict[str, str]  # article path → title
    texts: dict[str, str]  # article path → text of the article (title, sapo, body, byline)


def _url_path(page_path: str, href: str) -> str:
    """A link's href on the page at page_path, as a path relative to the site root."""
    return urlsplit(urljoin("http://site/" + page_path, href)).path.lstrip("/")


def _page_file(folder: Path, path: str) -> Path:
    return folder / path / "index.html"


def _pick_article(folder: Path) -> tuple[str, BeautifulSoup]:
    """The first article (by address) with everything an article can show: photo, tags, byline, related list, tools."""
    wanted = (".portal-lead-image img", ".portal-tags a", ".portal-byline", ".portal-related a", ".portal-tools", ".portal-breadcrumb a")
    for file in sorted(folder.glob("tin-tuc/*/index.html")):
        soup = soup_of(file)
        if all(soup.select_one(selector) for selector in wanted):
            return file.parent.relative_to(folder).as_posix() + "/", soup
    raise AssertionError(f"no sample article shows all of {wanted}: the sample content or article.html changed")


@pytest.fixture(scope="session")
def sample(reader_site: Path) -> SampleSite:
    folder = reader_site
    site_name = load_config(str(REPO / "mkdocs.yml"))["site_name"]
    home = soup_of(folder / "index.html")

    article_path, article = _pick_article(folder)
    title = article.select_one(".portal-article h1").get_text(strip=True)
    crumbs = article.select(".portal-breadcrumb a")
    category_path = _url_path(article_path, crumbs[-1]["href"])
    category_name = crumbs[-1].get_text(strip=True)
    tag = article.select_one(".portal-tags a")
    topic_path = _url_path(article_path, tag["href"])
    published = article.select_one(".portal-article__date time")["datetime"]  # 2025-01-15T16:17:00+07:00
    year, month, day = published[:10].split("-")
    day_path, month_path = f"ngay/{year}/{month}/{day}/", f"ngay/{year}/{month}/"
    search_form = home.select_one("header form[role=search]")
    assert search_form is not None, "the header has no search form (partials/portal/search-box.html)"
    search_path = _url_path("", search_form["action"])
    subscribe = home.find("a", href=re.compile(r"dang-ky-nhan-tin/$"))
    assert subscribe is not None, "the home page does not link the subscribe page"
    subscribe_path = _url_path("", subscribe["href"])
    for path in (category_path, topic_path, day_path, month_path, search_path, subscribe_path):
        assert _page_file(folder, path).is_file(), f"{path} was not built"

    pages = [
        ReaderPage("home", "", site_name, (".portal-lead__headline a", ".portal-latest .portal-item__title a", ".portal-block")),
        ReaderPage("category", category_path, category_name, (".portal-list .portal-item__title a",), (title,)),
        ReaderPage("article", article_path, title, (".portal-article__body", ".portal-byline", ".portal-related"), (L["home"],)),
        ReaderPage("day", day_path, L["day_title"].format(date=f"{day}/{month}/{year}"), (), (title,)),
        ReaderPage("month", month_path, L["month_page_title"].format(month=int(month), year=year), (".portal-calendar",)),
        ReaderPage("topic", topic_path, L["topic_title"].format(name=tag.get_text(strip=True)), (), (title,)),
        ReaderPage("search", search_path, L["search_title"], ("#portal-search-q",)),
        ReaderPage("subscribe", subscribe_path, L["subscribe"], ('.md-content a[href$="rss.xml"]',)),
        ReaderPage("not_found", "khong-co-trang-nay/", L["not_found"], (), (L["back_home"],), status=404),
    ]

    titles, texts = {}, {}
    for file in sorted(folder.glob("tin-tuc/*/index.html")):
        soup = soup_of(file)
        body = soup.select_one(".portal-article")
        path = file.parent.relative_to(folder).as_posix() + "/"
        titles[path] = body.select_one("h1").get_text(strip=True)
        texts[path] = body.get_text(" ", strip=True)
    return SampleSite(folder, {p.kind: p for p in pages}, title, titles, texts)


# -- one visit of a page: what a reader sees, and what went wrong --------------


@dataclass
class Visit:
    page: ReaderPage
    width: str
    url: str
    status: int | None = None
    headings: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # expected selectors / links not visible
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    overflow: int = 0  # px of horizontal scrolling the page forces
    lang: str | None = None
    broken_images: list[str] = field(default_factory=list)
    screenshot: Path | None = None


def watch(page: Page, base_url: str) -> dict[str, list[str]]:
    """Record console errors, page errors, requests to other hosts and failed requests from now on."""
    own = urlsplit(base_url).netloc
    seen: dict[str, list[str]] = {"console": [], "errors": [], "foreign": [], "failed": []}

    def on_console(message: Any) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            seen["console"].append(f"{message.text} ({where})")

    def on_request(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.netloc != own:
            seen["foreign"].append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", on_request)
    # ERR_ABORTED is the browser cancelling a load it no longer needs (e.g. the phone banner of a
    # <picture> while a full-page screenshot resizes the view), not a failure: a missing file
    # answers 404 and is logged as a console error, which the tests count.
    page.on(
        "requestfailed",
        lambda request: None if "ERR_ABORTED" in str(request.failure) else seen["failed"].append(f"{request.url}: {request.failure}"),
    )
    return seen


def new_context(browser: Browser, width: str = "desktop", **options: Any) -> Any:
    """A browser context at a phone or desktop width, with the tests' timeout."""
    phone = width == "phone"
    context = browser.new_context(
        viewport=WIDTHS[width], device_scale_factor=1, is_mobile=phone, has_touch=phone, locale="vi-VN", **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def new_page(browser: Browser, width: str = "desktop", **options: Any) -> Page:
    return new_context(browser, width, **options).new_page()


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


LOAD_ALL_IMAGES = """
() => Promise.all([...document.images].map(img => {
  img.loading = 'eager';
  return img.complete ? null : new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); });
}))
"""


class Visits:
    """Each (page, width) is opened once per session; the tests below assert on the record."""

    def __init__(self, browser: Browser, base_url: str, sample: SampleSite, artifacts: Path) -> None:
        self.browser, self.base_url, self.sample, self.artifacts = browser, base_url, sample, artifacts
        self.cache: dict[tuple[str, str], Visit] = {}
        self.contexts: dict[str, Any] = {}  # one browser context per width, a fresh tab per visit

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()

    def __call__(self, kind: str, width: str) -> Visit:
        if (kind, width) not in self.cache:
            self.cache[kind, width] = self._visit(self.sample.pages[kind], width)
        return self.cache[kind, width]

    def _visit(self, target: ReaderPage, width: str) -> Visit:
        if width not in self.contexts:
            self.contexts[width] = new_context(self.browser, width)
        page = self.contexts[width].new_page()
        seen = watch(page, self.base_url)
        visit = Visit(target, width, self.base_url + target.path)
        try:
            response = page.goto(visit.url, wait_until="load")
            visit.status = response.status if response else None
            page.wait_for_load_state("networkidle")
            # Lazy thumbnails below the fold load now, not during the full-page screenshot or after the tab closes.
            page.evaluate(LOAD_ALL_IMAGES)
            visit.broken_images = page.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.currentSrc || i.src)")
            visit.lang = page.locator("html").get_attribute("lang")
            visit.headings = [h.strip() for h in page.locator("h1:visible").all_inner_texts()]
            for selector in target.selectors:
                if not page.locator(selector).first.is_visible():
                    visit.hidden.append(selector)
            for name in target.links:
                if not page.get_by_role("link", name=name, exact=True).first.is_visible():
                    visit.hidden.append(f"link {name!r}")
            visit.overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            visit.screenshot = self.artifacts / f"{target.kind}-{width}.png"
            page.screenshot(path=str(visit.screenshot), full_page=True)
            results = Axe().run(page)
            visit.violations = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        finally:
            seen = {key: list(found) for key, found in seen.items()}  # requests the closing tab cancels do not count
            page.close()
        visit.console_errors = [
            # The browser logs the 404 status of the missing page itself: that one is the point of the page.
            e
            for e in seen["console"]
            if not (target.status == 404 and "404" in e and visit.url in e)
        ]
        visit.page_errors, visit.foreign_requests, visit.failed_requests = seen["errors"], seen["foreign"], seen["failed"]
        return visit


@pytest.fixture(scope="session")
def visits(reader_browser: Browser, reader_server: str, sample: SampleSite, reader_artifacts: Path) -> Iterator[Visits]:
    visits = Visits(reader_browser, reader_server, sample, reader_artifacts)
    yield visits
    visits.close()


@pytest.fixture
def page(reader_browser: Browser) -> Iterator[Page]:
    page = new_page(reader_browser)
    yield page
    page.context.close()


cases = pytest.mark.parametrize("width", list(WIDTHS))
kinds = pytest.mark.parametrize("kind", KINDS)


# -- every page type, at both widths ------------------------------------------


@kinds
@cases
def test_page_renders_its_heading_and_content(visits: Visits, kind: str, width: str) -> None:
    visit = visits(kind, width)
    assert visit.status == visit.page.status, f"{visit.url}: HTTP {visit.status}"
    assert visit.page.heading in visit.headings, f"{visit.url}: visible h1 {visit.headings}, expected {visit.page.heading!r}"
    assert visit.hidden == [], f"{visit.url} at {width} width: not visible: {visit.hidden}"
    assert visit.broken_images == [], f"{visit.url}: images that did not load: {visit.broken_images}"
    assert visit.screenshot is not None and visit.screenshot.stat().st_size > 0


@kinds
@cases
def test_page_has_no_console_or_script_errors(visits: Visits, kind: str, width: str) -> None:
    visit = visits(kind, width)
    assert visit.page_errors == [], f"{visit.url}: uncaught errors {visit.page_errors}"
    assert visit.console_errors == [], f"{visit.url}: console errors {visit.console_errors}"
    assert visit.failed_requests == [], f"{visit.url}: failed requests {visit.failed_requests}"


@kinds
@cases
def test_page_asks_nothing_of_other_hosts(visits: Visits, kind: str, width: str) -> None:
    visit = visits(kind, width)
    assert visit.foreign_requests == [], f"{visit.url}: requests to other hosts {visit.foreign_requests}"


@kinds
@cases
def test_page_has_no_serious_accessibility_violations(visits: Visits, kind: str, width: str) -> None:
    visit = visits(kind, width)
    assert visit.violations == [], f"{visit.url} at {width} width, axe-core:\n{describe_violations(visit.violations)}"


@kinds
def test_page_fits_a_phone_screen(visits: Visits, kind: str) -> None:
    """Nothing forces a reader on a 390 px phone to scroll sideways (a wide banner, table or long word)."""
    visit = visits(kind, "phone")
    assert visit.overflow <= 0, f"{visit.url}: the page is {visit.overflow}px wider than a 390px phone screen"


@kinds
def test_page_is_in_vietnamese(visits: Visits, kind: str) -> None:
    """lang="vi": screen readers read Vietnamese with a Vietnamese voice, browsers hyphenate and translate right."""
    visit = visits(kind, "desktop")
    assert visit.lang == "vi", f"{visit.url}: <html lang={visit.lang!r}>"


# -- search ---------------------------------------------------------------------


def distinctive_word(sample: SampleSite, with_d: bool) -> tuple[str, str, set[str]]:
    """A title word with Vietnamese marks (with or without đ) that few articles use.

    Returns the word, its article's title, and the titles of every article with a
    word starting with its toneless form (what a search for it may rightly list).
    """
    folded = {path: {fold(w) for w in re.findall(r"\w+", text)} for path, text in sample.texts.items()}
    best: tuple[int, str, str] | None = None
    for path, title in sorted(sample.titles.items()):
        for word in re.findall(r"\w+", title.casefold()):
            if fold(word) == word or len(word) < 4 or ("đ" in word) != with_d:
                continue
            users = sum(1 for words in folded.values() if fold(word) in words)
            if path in sample.texts and (best is None or users < best[0]):
                best = (users, word, title)
    assert best is not None and best[0] <= 5, f"no title word {'with' if with_d else 'without'} đ used by 5 articles or fewer"
    _, word, title = best
    matches = {sample.titles[p] for p, words in folded.items() if any(w.startswith(fold(word)) for w in words)}
    return word, title, matches


def search_from_header(page: Page, base_url: str, query: str) -> Any:
    page.goto(base_url)
    box = page.locator("header form[role=search] input[name=q]")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="))
    results = page.locator("[data-search-results] li")
    expect(results.first).to_be_visible()
    return results


@pytest.mark.parametrize("with_d", [False, True], ids=["marks", "d-bar"])
def test_search_finds_an_article_from_a_toneless_word(page: Page, reader_server: str, sample: SampleSite, with_d: bool) -> None:
    seen = watch(page, reader_server)
    word, title, matches = distinctive_word(sample, with_d)
    results = search_from_header(page, reader_server, fold(word))
    expect(results.get_by_role("link", name=title, exact=True)).to_be_visible()
    found = {t.strip() for t in results.locator(".portal-search__title a").all_inner_texts()}
    assert found <= matches, f"'{fold(word)}' (for {word}) also listed articles without it: {sorted(found - matches)}"
    assert seen["errors"] == [], seen["errors"]


def test_search_doi_ngoai_finds_foreign_affairs_articles(page: Page, reader_server: str, sample: SampleSite) -> None:
    results = search_from_header(page, reader_server, "doi ngoai")
    found = [t.strip() for t in results.locator(".portal-search__title a").all_inner_texts()]
    expected = {t for t in sample.titles.values() if "đối ngoại" in t.casefold()}
    assert expected, "no sample title contains 'đối ngoại'"
    assert expected & set(found), f"'doi ngoai' found {found}, none of {sorted(expected)}"


# -- the date picker --------------------------------------------------------------

DAY_URL = re.compile(r"/ngay/\d{4}/\d{2}/\d{2}/$")


def open_picker_and_click_a_day(page: Page) -> str:
    picker = page.locator("[data-portal-datepicker]").first
    expect(picker).to_be_attached()
    picker.locator("summary").click()
    day = picker.locator(".portal-calendar a[href*='ngay/']").filter(has_text=re.compile(r"^\d{1,2}$")).first
    expect(day).to_be_visible()
    label = day.get_attribute("aria-label") or ""
    day.click()
    page.wait_for_url(DAY_URL)
    return label


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_date_picker_on_the_home_page_reaches_a_day(reader_browser: Browser, reader_server: str, javascript: bool) -> None:
    page = new_page(reader_browser, java_script_enabled=javascript)
    try:
        seen = watch(page, reader_server)
        page.goto(reader_server)
        label = open_picker_and_click_a_day(page)
        heading = page.locator("h1").first.inner_text()
        assert heading.startswith(L["day_title"].split("{")[0]), heading
        assert page.locator(".md-content .portal-item__title a").count() >= 1, "the day page lists no article"
        date = re.search(r"\d{2}/\d{2}/\d{4}", label)
        assert date and date.group() in heading, f"clicked {label!r}, landed on {heading!r}"
        assert seen["errors"] == [], seen["errors"]
    finally:
        page.context.close()


def test_date_picker_field_jumps_to_a_day(page: Page, reader_server: str, sample: SampleSite) -> None:
    """With JavaScript, the picker's date field takes a reader to the day typed in."""
    day_path = sample.pages["day"].path
    year, month, day = day_path.strip("/").split("/")[1:]
    page.goto(reader_server)
    picker = page.locator("[data-portal-datepicker]").first
    picker.locator("summary").click()
    field_ = picker.locator("input[type=date]")
    expect(field_).to_be_visible()
    field_.fill(f"{year}-{month}-{day}")
    picker.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(day_path) + "$"))
    expect(page.locator("h1")).to_have_text(sample.pages["day"].heading)


# -- printing an article ------------------------------------------------------------

# What a reader must not get on paper: site furniture around the article (sidebars may be hidden on screen already).
NOT_PRINTED = (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-top")
NOT_PRINTED += (".portal-breadcrumb", ".portal-related", ".portal-tools", ".portal-share")
ON_SCREEN = (".md-header", ".md-tabs", ".md-footer", ".portal-breadcrumb", ".portal-related", ".portal-tools")
PRINTED = (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".portal-breadcrumb", ".portal-related", ".portal-tools")
PRINTED = (
    ".portal-article h1",
    ".portal-article__date",
    ".portal-sapo",
    ".portal-article__body",
    ".portal-byline",
    ".portal-lead-image img",
)

# Visible elements with their own text or an image, outside the article (and not holding it).
OUTSIDE_ARTICLE = """
() => {
  const article = document.querySelector('.portal-article');
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (article.contains(el) || el.contains(article)) continue;
    if (!el.checkVisibility({ checkVisibilityCSS: true, checkOpacity: true })) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own && !['IMG', 'SVG', 'svg', 'INPUT', 'BUTTON', 'VIDEO', 'IFRAME'].includes(el.tagName)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const name = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    out.push(el.tagName.toLowerCase() + name + ': ' + (el.textContent || '').trim().slice(0, 60));
  }
  return out;
}
"""


def test_printing_an_article_prints_only_the_article(page: Page, reader_server: str, sample: SampleSite, reader_artifacts: Path) -> None:
    page.goto(reader_server + sample.pages["article"].path)
    for selector in ON_SCREEN:
        expect(page.locator(selector).first).to_be_visible()  # on screen they are there
    page.emulate_media(media="print")
    for selector in NOT_PRINTED:
        expect(page.locator(f"{selector} >> visible=true")).to_have_count(0)
    for selector in PRINTED:
        expect(page.locator(selector).first).to_be_visible()
    assert page.evaluate(OUTSIDE_ARTICLE) == [], "printed beside the article"
    page.screenshot(path=str(reader_artifacts / "article-print.png"), full_page=True)
