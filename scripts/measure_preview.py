#!/usr/bin/env python3
"""How long an editor waits in ``build.py serve`` between saving an article and seeing it.

Generates a corpus (``gen_corpus.py``), starts the real preview server, waits
for its first build, then saves an edit to one article (and, separately, a new
draft) and polls the page until the change is served. Prints the figures; it
asserts nothing (timings belong in the README, never in tests).

    .venv/bin/python scripts/measure_preview.py -n 10000
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(check: object, timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10000, help="articles (default 10000)")
    parser.add_argument("--edits", type=int, default=3, help="edits to time (median printed)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for the first build")
    parser.add_argument(
        "--pause", type=float, default=10,
        help="seconds between a change shown and the next save (an editor reads the page; the preview's search "
        "index is written meanwhile, and a save that comes sooner waits for it)",
    )
    args = parser.parse_args(argv)

    out = Path(tempfile.mkdtemp(prefix="measure-preview-"))
    server = None
    try:
        subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus.py"), str(out), "-n", str(args.n)], check=True,
                       capture_output=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        log = (out / "serve.log").open("w")
        server = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "-f", str(out / "mkdocs.yml"), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=out, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PORTAL_NOW": "2026-07-01 12:00"},
        )
        first = wait_for(lambda: "<html" in fetch(base), args.timeout)
        print(f"## Preview at {args.n:,} articles\n\n- first build and start: {first:.1f} s" if first else "- no first build")
        if first is None:
            return 1
        articles = sorted((out / "content" / "tin-tuc").rglob("*.md"))
        target = articles[len(articles) // 2]
        slug = target.stem
        original = target.read_text(encoding="utf-8")
        times = []
        for number in range(args.edits):
            marker = f"Dấu sửa số {number} lúc {time.time_ns()}"
            target.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            seen = wait_for(lambda m=marker: m in fetch(f"{base}tin-tuc/{slug}/"), 600)
            times.append(seen if seen is not None else float("nan"))
            print(f"- edit {number + 1}: shown {seen:.1f} s after the save" if seen else f"- edit {number + 1}: not shown")
            time.sleep(args.pause)
        draft = out / "content" / "tin-tuc" / "2026" / "ban-nhap-do.md"
        draft.parent.mkdir(parents=True, exist_ok=True)
        draft.write_text("---\ntitle: Bản nháp đo thời gian\ndate: 2026-06-30 08:00\ncategory: thoi-su\ndraft: true\n---\nNội dung.\n",
                         encoding="utf-8")
        seen = wait_for(lambda: "Bản nháp đo thời gian" in fetch(f"{base}tin-tuc/ban-nhap-do/"), 600)
        print(f"- a new draft: shown {seen:.1f} s after the save" if seen else "- a new draft: not shown")
        ordered = sorted(t for t in times if t == t)
        if ordered:
            print(f"- median edit: {ordered[len(ordered) // 2]:.1f} s")
        return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
