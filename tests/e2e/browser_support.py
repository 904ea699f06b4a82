"""Browser fixtures for the readers' tests (tests/e2e/test_reader_browser.py imports them).

Not a conftest.py: a second module named ``conftest`` would shadow tests/conftest.py
for every e2e test that does ``from conftest import ...``. One session builds the
repository's sample site once, serves it on 127.0.0.1 and drives Debian's Chromium
(``/usr/bin/chromium``) through Playwright: no browser is ever downloaded.
"""

from __future__ import annotations

import functools
import os
import tempfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READER_NOW = "2026-11-01 12:00"
"""The sample site is built as of this instant, so scheduled/expired articles never change the pages."""


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site like a real host: the site's own 404.html, with status 404, for a missing path."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".xml": "application/xml",
        ".opml": "text/x-opml",
    }

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: the tests record requests in the browser


@pytest.fixture(scope="session")
def reader_site() -> Iterator[Path]:
    """The repository's sample site (mkdocs.yml, content/, theme/), built once per session with a fixed clock.

    Built in its own temporary folder rather than pytest's: pytest prunes old
    base folders of other sessions running at the same time, which would pull
    the site from under the browser.
    """
    from portal.commands.build import build_site

    previous = os.environ.get("PORTAL_NOW")
    os.environ["PORTAL_NOW"] = READER_NOW
    try:
        with tempfile.TemporaryDirectory(prefix="portal-reader-") as folder:
            yield build_site(REPO / "mkdocs.yml", site_dir=Path(folder) / "site")
    finally:
        if previous is None:
            os.environ.pop("PORTAL_NOW", None)
        else:
            os.environ["PORTAL_NOW"] = previous


@pytest.fixture(scope="session")
def reader_server(reader_site: Path) -> Iterator[str]:
    """The built site served at the root of http://127.0.0.1:<random port>/ (the sample's site_url path is /)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(reader_site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="reader-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def reader_browser() -> Iterator[Any]:
    """One headless Debian Chromium for the session."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run scripts/install-system-deps.sh (Debian package 'chromium')"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def reader_artifacts() -> Path:
    """Where screenshots go: $PORTAL_ARTIFACTS, else test-artifacts/screenshots/ in the repository."""
    folder = Path(os.environ.get("PORTAL_ARTIFACTS") or REPO / "test-artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
