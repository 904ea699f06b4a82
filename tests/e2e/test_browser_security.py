"""Safe by default in the browser: a Content-Security-Policy in every page, no inline handlers, no third-party requests.

The repository's sample site is built once, with ``site_url`` set to the
local server that serves it (as in production, where the site is served at
its own address), then checked twice: statically (every page's HTML parsed)
and in Debian's Chromium through Playwright (no policy violation, no request
to another host, Material's scripts running).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, Site

pytest_plugins = ["browser_support"]

# Elements and attributes through which a page loads something.
LOADING = [
    ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("embed", "src"), ("object", "data"), ("track", "src"),
]
LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".xml": "application/xml"}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(built site folder, its address): the sample site built for, and served at, http://127.0.0.1:<port>/."""
    import build as build_script

    folder = tmp_path_factory.mktemp("secure")
    site_dir = folder / "site"
    site_dir.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site_dir)))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    config = folder / "mkdocs.yml"
    overrides = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "site_url": base,
        "docs_dir": str(REPO / "content"),
        "site_dir": str(site_dir),
        "theme": {"custom_dir": str(REPO / "theme")},
    }
    config.write_text(yaml.safe_dump(overrides), encoding="utf-8")
    build_script.build_site(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site_dir, base
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def parsed(sample: tuple[Path, str]) -> list[tuple[str, str, BeautifulSoup]]:
    """Every page of the sample: (path in the site, raw HTML, parsed HTML), parsed once for the static checks."""
    site_dir, _ = sample
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        raw = path.read_text(encoding="utf-8")
        pages.append((path.relative_to(site_dir).as_posix(), raw, BeautifulSoup(raw, "lxml")))
    return pages


def policy_of(page: BeautifulSoup) -> dict[str, list[str]]:
    meta = page.find("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    assert meta is not None
    directives: dict[str, list[str]] = {}
    for part in meta["content"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_every_page_has_a_policy_that_covers_exactly_its_inline_scripts(parsed: list[tuple[str, str, BeautifulSoup]]) -> None:
    assert len(parsed) > 20
    for where, raw, page in parsed:  # parsed by lxml, not by the tokenizer the policy is built with
        policy = policy_of(page)
        first = re.search(r"<(script|link|style|img|iframe)\b", raw)
        assert first is not None and raw.index('http-equiv="Content-Security-Policy"') < first.start(), where
        for directive, expected in [("default-src", ["'self'"]), ("object-src", ["'none'"]), ("base-uri", ["'self'"]),
                                    ("form-action", ["'self'"]), ("frame-src", ["'none'"]), ("font-src", ["'self'"])]:
            assert policy[directive] == expected, (where, directive)
        assert "'unsafe-inline'" not in " ".join(policy["script-src"] + policy["style-src"]), where
        assert "'unsafe-eval'" not in policy["script-src"], where
        scripts = [s for s in page.find_all("script") if not s.get("src")]
        assert scripts, where  # Material's inline scripts are there, and allowed by hash
        for script in scripts:
            assert sha256_source(script.string or "") in policy["script-src"], (where, (script.string or "")[:80])
        for style in page.find_all("style"):
            assert sha256_source(style.string or "") in policy["style-src"], where


def test_no_inline_handlers_styles_or_javascript_urls_in_any_page(parsed: list[tuple[str, str, BeautifulSoup]]) -> None:
    for where, _, page in parsed:
        for tag in page.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (where, tag.name, name)
                assert name.lower() != "style", (where, tag.name, value)  # the policy would block it
                values = value if isinstance(value, list) else [value]
                for item in values:
                    squeezed = re.sub(r"[\x00-\x20]+", "", str(item)).lower()
                    assert not squeezed.startswith(("javascript:", "vbscript:", "data:text")), (where, tag.name, name)


def test_no_page_or_stylesheet_loads_anything_from_another_host(
    sample: tuple[Path, str], parsed: list[tuple[str, str, BeautifulSoup]]
) -> None:
    site_dir, base = sample
    origin = urlsplit(base).netloc
    for where, raw, page in parsed:
        assert "fonts.googleapis" not in raw and "fonts.gstatic" not in raw, where
        page_url = urljoin(base, where)
        urls = [tag[attr] for name, attr in LOADING for tag in page.find_all(name) if tag.get(attr)]
        urls += [u.split()[0] for tag in page.find_all(["img", "source"]) for u in tag.get("srcset", "").split(",") if u.strip()]
        urls += [link["href"] for link in page.find_all("link", href=True) if LOADING_LINKS & set(link.get("rel", []))]
        for url in urls:
            parts = urlsplit(urljoin(page_url, url))
            assert parts.scheme == "data" or parts.netloc == origin, (where, url)
    for css in sorted(site_dir.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*[\"']?\s*(https?:)?//", text), css.name
        assert not re.search(r"@import\s+[\"']?(https?:)?//", text), css.name


def test_policy_hashes_only_the_scripts_a_browser_would_run() -> None:
    from portal.rendering.csp import add_policy

    page = (
        '<html><head><meta charset="utf-8"><!-- <script>comment()</script> --><script>run()</script>'
        "<img alt='<script>attribute()</script>' title=\"a > b\"><script src=\"x.js\"></script>"
        '<SCRIPT type="module">module()</SCRIPT ><style>p{}</style></head><body></body></html>'
    )
    out = add_policy(page, ["https://www.youtube.com/", "player.vimeo.com"])
    policy = policy_of(BeautifulSoup(out, "lxml"))
    assert policy["script-src"] == ["'self'", sha256_source("run()"), sha256_source("module()")]
    assert policy["style-src"] == ["'self'", sha256_source("p{}")]
    assert policy["frame-src"] == ["https://www.youtube.com", "https://player.vimeo.com"]
    assert out.index("Content-Security-Policy") < out.index("<!--")  # right after <meta charset>, before any script
    assert add_policy(out) == out  # a page that has a policy keeps it


def _pages_to_visit(site_dir: Path) -> list[str]:
    """The home page, the 404 page and the first page of each top-level folder: one of each kind of page."""
    paths = ["", "404.html"]
    for folder in sorted(p for p in site_dir.iterdir() if p.is_dir() and p.name != "assets"):
        first = next(iter(sorted(folder.rglob("index.html"))), None)
        if first is not None:
            paths.append(first.parent.relative_to(site_dir).as_posix() + "/")
    return paths


def _visit(browser: Any, base: str, paths: list[str]) -> tuple[list[str], list[str], dict[str, bool]]:
    """Load each page; return (policy violations, requests to other hosts, whether Material's scripts ran per page)."""
    context = browser.new_context(service_workers="block")
    violations: list[str] = []
    foreign: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(base) or url.startswith("data:"):
            request_route.continue_()
        else:
            foreign.append(url)
            request_route.abort()

    context.route("**/*", route)
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => {"
        " (window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample) })"
    )
    ran: dict[str, bool] = {}
    page = context.new_page()
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    try:
        for path in paths:
            page.goto(base + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            violations += [f"{path}: {v}" for v in page.evaluate("window.__violations || []")]
            ran[path] = page.evaluate(
                "typeof __md_get === 'function' && document.documentElement.classList.contains('js')"
            )
    finally:
        context.close()
    return violations, foreign, ran


@pytest.fixture
def browser(reader_browser: Any) -> Any:
    """The session's one Chromium (browser_support): two Playwright instances cannot share a process."""
    return reader_browser


def test_pages_run_under_the_policy_and_request_nothing_from_other_hosts(sample: tuple[Path, str], browser: Any) -> None:
    site_dir, base = sample
    paths = _pages_to_visit(site_dir)
    assert len(paths) >= 6
    violations, foreign, ran = _visit(browser, base, paths)
    # No violation means the policy blocked nothing, so the pages behaved as they would
    # without it: what they asked of other hosts is exactly `foreign`.
    assert violations == []
    assert foreign == []
    assert all(ran.values()), ran  # Material's inline and bundled scripts ran under the policy


def test_an_injected_handler_would_be_blocked(site: Site, browser: Any) -> None:
    """The policy is not decorative: markup that slipped past every other check still cannot run."""
    site.plugin_options = {"content": {"trust_raw_html": True}}
    site.article(
        "tin-cay", title="Tin cậy",
        body='<img src="/khong-co.png" onerror="document.title=\'pwned\'">\n\n<script>document.body.dataset.ok = "1"</script>\n',
    )
    site.build()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site.out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/tin-tuc/tin-cay/", wait_until="load")
        page.wait_for_load_state("networkidle")
        assert page.title() != "pwned"  # the on* handler is refused
        assert page.evaluate("document.body.dataset.ok") == "1"  # the trusted inline script is hashed and runs
        context.close()
    finally:
        server.shutdown()
        server.server_close()
