#!/usr/bin/env python3
"""Measure the search at portal scale: index size, indexing time, and bytes a reader downloads.

Generates a synthetic corpus (``gen_corpus.py``), builds it with the portal's
plugins (``portal/search`` included), serves the result on 127.0.0.1 as a
typical static host would (gzip for .html/.js/.css/.json/.xml/.svg; Pagefind's
own index files are gzip'd by Pagefind and sent as they are), and drives
Debian's Chromium through Playwright. Bytes are counted by the server: what
crossed the wire, compressed, for each step.

* For each query: open the results page in a fresh browser (cold cache), type
  the query, press Enter, count what the query downloaded (the page itself not
  included).
* Then, on the first query's page: a second query, a filtered one, "newest
  first", "Xem thêm" (cache warm).
* The indexing step is run a second time on the same records: its time, and
  whether it wrote the same bytes.

    python scripts/measure_search.py                 # 10,000 articles in a temp folder
    python scripts/measure_search.py -n 1000 --out /tmp/corpus-1000 --keep
    python scripts/measure_search.py --out /tmp/corpus-1000 --no-generate   # reuse the built site

Prints Markdown for the README. No thresholds: it measures.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# Files a web server compresses on the fly; Pagefind's own index files are gzip'd already.
TEXT_TYPES = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt")
QUERIES = ("doi ngoai", "hop tac", "duong", "phuong thao")


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text compressed when the browser accepts gzip (like nginx ``gzip on``); bytes sent logged."""

    sent: list[tuple[str, int, int]]  # (path, bytes on the wire, bytes of the file), set on the server class

    def log_message(self, *args: Any) -> None:
        pass

    def _record(self, wire: int, size: int) -> None:
        with self.server.lock:  # type: ignore[attr-defined]
            self.server.sent.append((self.path, wire, size))  # type: ignore[attr-defined]

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in TEXT_TYPES:
            body = super().send_head()
            if body is not None and hasattr(body, "fileno"):
                size = os.fstat(body.fileno()).st_size
                self._record(size, size)
            return body
        raw = path.read_bytes()
        body = gzip.compress(raw, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._record(len(body), len(raw))
        return io.BytesIO(body)


@dataclass
class Transfer:
    """What one step downloaded: per request, bytes on the wire (encoded) and of the file."""

    label: str
    requests: list[tuple[str, int, int]] = field(default_factory=list)
    status: str = ""

    @property
    def wire(self) -> int:
        return sum(r[1] for r in self.requests)

    @property
    def decoded(self) -> int:
        return sum(r[2] for r in self.requests)


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} kB"


def generate(out: Path, n: int) -> Path:
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus.py"), str(out), "-n", str(n), "--force"], check=True)
    config_path = out / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    names = [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins", [])]
    if "portal/search" not in names:
        config["plugins"].append("portal/search")
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


def build(config_path: Path) -> tuple[Path, float]:
    sys.path.insert(0, str(REPO))
    import build as build_script

    started = time.perf_counter()
    # Without the build cache: every record reaches the indexer (a warm build hands it only the
    # rendered pages' records), and the cache of the builds being measured is left as it was.
    site = build_script.build_site(config_path, cache=False)
    return site, time.perf_counter() - started


def captured_build(config_path: Path) -> tuple[Path, float, list[Any]]:
    """Build the site, keeping the search records the plugin gave Pagefind (to index them again)."""
    sys.path.insert(0, str(REPO))
    import portal.mkdocs_plugins.search.plugin as search_plugin

    captured: list[Any] = []
    original = search_plugin.build_period_indexes

    def capture(site_dir: Path, records: Any, **options: Any) -> Any:
        captured.extend(records)
        return original(site_dir, records, **options)

    search_plugin.build_period_indexes = capture
    try:
        site, seconds = build(config_path)
    finally:
        search_plugin.build_period_indexes = original
    return site, seconds, captured


def index_figures(site: Path, records: list[Any]) -> dict[str, Any]:
    """Index size on disk; with the records, a second indexing run (time; same bytes?)."""
    from portal.writing.search_index import BUNDLE_DIR, build_period_indexes

    bundle = site / BUNDLE_DIR
    files = [p for p in bundle.rglob("*") if p.is_file()]
    figures: dict[str, Any] = {
        "pages": sum(1 for p in files if p.suffix == ".pf_fragment"),
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "fragments": sum(p.stat().st_size for p in files if p.suffix == ".pf_fragment"),
        "index_chunks": sum(p.stat().st_size for p in files if p.suffix == ".pf_index"),
        "filters": sum(p.stat().st_size for p in files if p.suffix == ".pf_filter"),
        "meta": sum(p.stat().st_size for p in files if p.suffix == ".pf_meta"),
        "seconds": None,
        "identical": None,
    }
    if records:
        with tempfile.TemporaryDirectory(prefix="measure-index-") as temp:
            report = build_period_indexes(Path(temp), records, language="vi")  # no cache: every year indexed
            again = Path(temp) / BUNDLE_DIR
            before = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in files}
            after = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
        figures.update(seconds=report.seconds, words=report.words, identical=before == after)
    return figures


class Counter:
    """The local server and what it sent."""

    def __init__(self, site: Path) -> None:
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(site)))
        self.httpd.sent = []  # type: ignore[attr-defined]
        self.httpd.lock = threading.Lock()  # type: ignore[attr-defined]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def mark(self) -> int:
        with self.httpd.lock:  # type: ignore[attr-defined]
            return len(self.httpd.sent)  # type: ignore[attr-defined]

    def since(self, mark: int, label: str) -> Transfer:
        with self.httpd.lock:  # type: ignore[attr-defined]
            return Transfer(label, list(self.httpd.sent[mark:]))  # type: ignore[attr-defined]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def session(browser: Any, server: Counter, query: str, second: str | None) -> tuple[Transfer, list[Transfer]]:
    """One reader with a cold cache: the results page, ``query``; with ``second``, the follow-up steps too."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()

    def done() -> int:
        return int(page.get_attribute("[data-portal-search]", "data-searches") or 0)

    def wait(before: int) -> None:
        page.locator(f'[data-portal-search][data-searches]:not([data-searches="{before}"])').wait_for(timeout=120000)
        page.locator("[data-portal-search]:not([aria-busy])").wait_for(timeout=120000)
        page.wait_for_load_state("networkidle")

    def ask(text: str) -> None:
        page.fill("#portal-search-q", text)
        page.press("#portal-search-q", "Enter")

    def narrow() -> None:
        page.fill("#portal-search-to", "2025-12")
        page.fill("#portal-search-from", "2025-01")
        page.select_option("#portal-search-category", index=2)

    start = server.mark()
    page.goto(f"{server.base}/tim-kiem/")
    wait(0)
    time.sleep(0.5)
    steps = [server.since(start, "the results page itself (HTML, CSS, JS, images)")]
    actions = [(f"first query “{query}”", lambda: ask(query))]
    if second is not None:
        actions += [
            (f"then a second query “{second}”", lambda: ask(second)),
            ("then the same query, one category + 12-month range", narrow),
            ("then the same, sorted newest first", lambda: page.select_option("#portal-search-sort", "moi-nhat")),
            ("then “Xem thêm” (next 10 results)", lambda: page.click("[data-search-more]")),
        ]
    for label, action in actions:
        start = server.mark()
        before = done()
        action()
        if "Xem thêm" not in label:
            wait(before)
        page.wait_for_load_state("networkidle")
        time.sleep(0.5)
        step = server.since(start, label)
        step.status = page.inner_text("[data-search-status]")
        steps.append(step)
    context.close()
    return steps[1], [steps[0], *steps[2:]]


def browse(site: Path, queries: list[str], second: str) -> tuple[list[Transfer], list[Transfer]]:
    """First-query transfers (one fresh browser context per query), then the follow-up steps of the first."""
    from playwright.sync_api import sync_playwright

    server = Counter(site)
    firsts: list[Transfer] = []
    steps: list[Transfer] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for number, query in enumerate(queries):
                first, more = session(browser, server, query, second if number == 0 else None)
                firsts.append(first)
                if number == 0:
                    steps = more
            browser.close()
    finally:
        server.close()
    return firsts, steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10000, help="articles (default 10000)")
    parser.add_argument("--out", type=Path, help="corpus folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and site")
    parser.add_argument("--no-generate", action="store_true", help="reuse the corpus (and site/) already in --out")
    parser.add_argument("--query", action="append", help=f"a first query (repeatable; default {', '.join(QUERIES)})")
    parser.add_argument("--second", default="hop tac dau tu", help="the second query")
    args = parser.parse_args(argv)
    queries = args.query or list(QUERIES)

    out = args.out or Path(tempfile.mkdtemp(prefix="measure-search-"))
    try:
        config_path = out / "mkdocs.yml" if args.no_generate else generate(out, args.n)
        site = out / "site"
        build_seconds = None
        records: list[Any] = []
        if not (args.no_generate and (site / "pagefind").is_dir()):
            site, build_seconds, records = captured_build(config_path)
        figures = index_figures(site, records)
        firsts, steps = browse(site, queries, args.second)
    finally:
        if not args.keep and args.out is None:
            shutil.rmtree(out, ignore_errors=True)

    print(f"\n## Search at {figures['pages']:,} articles\n")
    if build_seconds is not None:
        print(f"- whole build (portal, indexing included): {build_seconds:.1f} s")
    if figures["seconds"] is not None:
        seconds, words = figures["seconds"], figures["words"]
        print(f"- indexing step alone (records → Pagefind → files): {seconds:.1f} s ({words:,} distinct folded words)")
        print(f"- indexing the same records again gives identical files: {'yes' if figures['identical'] else 'NO'}")
    print(
        f"- index on disk: {kb(figures['bytes'])} in {figures['files']:,} files: fragments {kb(figures['fragments'])}, "
        f"word index {kb(figures['index_chunks'])}, metadata {kb(figures['meta'])}, filters {kb(figures['filters'])}\n"
    )
    print("| step | requests | on the wire (gzip) | decoded |")
    print("| --- | ---: | ---: | ---: |")
    for step in [steps[0], *firsts, *steps[1:]]:
        print(f"| {step.label} | {len(step.requests)} | {kb(step.wire)} | {kb(step.decoded)} |")
    for step in firsts:
        print(f"\n{step.label}: {step.status}")
        for path, wire, decoded in step.requests:
            print(f"  {wire:>9,} B wire {decoded:>9,} B decoded  {path.lstrip('/')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
