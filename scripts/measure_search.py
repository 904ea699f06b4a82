#!/usr/bin/env python3
"""Measure the search at portal scale: index size, Pagefind time, and bytes a reader downloads.

Generates a synthetic corpus (``gen_corpus.py``), builds it with the portal's
plugins (``portal/search`` included), serves the result on 127.0.0.1 with gzip
for text files as a production web server would, and drives Debian's Chromium
through Playwright: open the results page, type a toneless query, wait for the
results, and count what crossed the wire for that first query (then for a
second query, a filtered one and a "newest first" one, cache warm).

    python scripts/measure_search.py                 # 10,000 articles in a temp folder
    python scripts/measure_search.py -n 1000 --out /tmp/corpus-1000 --keep

Prints Markdown tables for the README. No timing thresholds: it measures.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
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
# What the default Pagefind UIs ship; the portal uses its own page and does not load them.
UNUSED_UI = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text compressed when the browser accepts gzip (like nginx ``gzip on``)."""

    def log_message(self, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in TEXT_TYPES:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@dataclass
class Transfer:
    """What one step downloaded: per request, bytes on the wire (encoded) and decoded."""

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
    site = build_script.build_site(config_path)
    return site, time.perf_counter() - started


def index_figures(site: Path, language: str) -> dict[str, Any]:
    """Index size on disk, and a second Pagefind run on the same pages (time; same bytes?)."""
    from portal.writing.search_index import article_glob, build_index

    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    used = [p for p in files if not p.name.startswith(UNUSED_UI)]
    before = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in files}
    shutil.rmtree(bundle)
    report = build_index(site, glob=article_glob("tin-tuc/{slug}/"), language=language)
    after = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    return {
        "pages": report.pages,
        "words": report.words,
        "seconds": report.seconds,
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "used_bytes": sum(p.stat().st_size for p in used),
        "fragments": sum(p.stat().st_size for p in files if p.suffix == ".pf_fragment"),
        "index_chunks": sum(p.stat().st_size for p in files if p.suffix == ".pf_index"),
        "filters": sum(p.stat().st_size for p in files if p.suffix == ".pf_filter"),
        "identical": before == after,
    }


def browse(site: Path, query: str, second: str) -> list[Transfer]:
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    steps: list[Transfer] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            current = Transfer("page")

            def record(response: Any) -> None:
                # Our server sends an exact Content-Length (the gzip'd length when compressed):
                # the bytes on the wire, also for worker scripts whose sizes DevTools does not report.
                try:
                    body = len(response.body())
                except Exception:  # redirects, 304s and aborted requests have no body
                    body = 0
                wire = int(response.headers.get("content-length") or 0) if response.status == 200 else 0
                current.requests.append((response.url, wire, body))

            page.on("response", record)

            def done() -> int:
                return int(page.get_attribute("[data-portal-search]", "data-searches") or 0)

            def wait(before: int) -> None:
                page.locator(f'[data-portal-search][data-searches]:not([data-searches="{before}"])').wait_for(timeout=120000)
                page.locator("[data-portal-search]:not([aria-busy])").wait_for(timeout=120000)
                page.wait_for_load_state("networkidle")

            page.goto(f"{base}/tim-kiem/")
            wait(0)
            steps.append(current)
            def ask(text: str) -> None:
                page.fill("#portal-search-q", text)
                page.press("#portal-search-q", "Enter")

            def narrow() -> None:
                page.fill("#portal-search-to", "2025-12")
                page.fill("#portal-search-from", "2025-01")
                page.select_option("#portal-search-category", index=2)

            for label, action in (
                (f"first query “{query}” (typed, then Enter)", lambda: ask(query)),
                (f"second query “{second}”", lambda: ask(second)),
                ("same query, one category + 12-month range", narrow),
                ("same, sorted newest first", lambda: page.select_option("#portal-search-sort", "moi-nhat")),
                ("“Xem thêm” (next 10 results)", lambda: page.click("[data-search-more]")),
            ):
                current = Transfer(label)
                before = done()
                action()
                if "Xem thêm" not in label:
                    wait(before)
                page.wait_for_load_state("networkidle")
                time.sleep(0.5)
                current.status = page.inner_text("[data-search-status]")
                steps.append(current)
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10000, help="articles (default 10000)")
    parser.add_argument("--out", type=Path, help="corpus folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and site")
    parser.add_argument("--no-generate", action="store_true", help="reuse the corpus (and site/) already in --out")
    parser.add_argument("--query", default="doi ngoai", help="the toneless first query (default 'doi ngoai')")
    parser.add_argument("--second", default="hop tac dau tu", help="the second query")
    args = parser.parse_args(argv)

    out = args.out or Path(tempfile.mkdtemp(prefix="measure-search-"))
    try:
        config_path = out / "mkdocs.yml" if args.no_generate else generate(out, args.n)
        site = out / "site"
        build_seconds = None
        if not (args.no_generate and (site / "pagefind").is_dir()):
            site, build_seconds = build(config_path)
        figures = index_figures(site, "vi")
        steps = browse(site, args.query, args.second)
    finally:
        if not args.keep and args.out is None:
            shutil.rmtree(out, ignore_errors=True)

    print(f"\n## Search at {figures['pages']:,} articles\n")
    if build_seconds is not None:
        print(f"- whole build (portal, Pagefind included): {build_seconds:.1f} s")
    print(f"- Pagefind run alone: {figures['seconds']:.1f} s ({figures['words']:,} distinct words)")
    print(f"- a second run on the same pages gives identical files: {'yes' if figures['identical'] else 'NO'}")
    print(f"- index on disk: {kb(figures['bytes'])} in {figures['files']:,} files "
          f"({kb(figures['used_bytes'])} without Pagefind's unused default UIs): "
          f"fragments {kb(figures['fragments'])}, word index {kb(figures['index_chunks'])}, filters {kb(figures['filters'])}\n")
    print("| step | requests | on the wire (gzip) | decoded |")
    print("| --- | ---: | ---: | ---: |")
    for step in steps:
        print(f"| {step.label} | {len(step.requests)} | {kb(step.wire)} | {kb(step.decoded)} |")
    first = steps[1]
    print(f"\nFirst query: {first.status}")
    print("Its requests:")
    for url, wire, decoded in first.requests:
        print(f"  {wire:>9,} B wire {decoded:>9,} B decoded  {url.split('/', 3)[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
