#!/usr/bin/env python3
"""Benchmark the portal build against plain MkDocs + Material on synthetic corpora.

For each size the corpus is generated once (scripts/gen_corpus.py), then built with
the portal config and with the bare peer config, each build in a fresh interpreter so
neither inherits the other's caches or memory. Prints a Markdown table ready to paste
into a README. There are deliberately no timing thresholds: this measures, CI gates.

Usage::

    python scripts/benchmark.py [--sizes 1000 10000] [--repeat 1]
                                [--workdir DIR] [--keep] [--builds portal bare]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import gen_corpus

BUILDS: tuple[str, ...] = ("portal", "bare")
STDERR_TAIL_LINES = 40
HEADER = (
    "| size | build | median wall s | ms per article | peak MB | ratio portal/bare |"
)

# Runs `python -m mkdocs build -q -f CFG` in-process, then records this process's
# peak RSS. RUSAGE_CHILDREN in the parent is a running max over all children, so it
# cannot attribute a peak to one build; a per-build wrapper can.
_WRAPPER = """
import resource, runpy, sys
rss_path, cfg = sys.argv[1], sys.argv[2]
sys.argv = ["mkdocs", "build", "-q", "-f", cfg]
code = 0
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    if isinstance(exc.code, int):
        code = exc.code
    elif exc.code is not None:
        print(exc.code, file=sys.stderr)
        code = 1
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(rss_path, "w") as fh:
    fh.write(str(rss))
sys.exit(code)
"""


class BuildFailed(RuntimeError):
    """A child build exited non-zero; carries what the user needs to see."""


@dataclass
class Result:
    """Measurements of one (size, build) pair across repeats."""

    size: int
    build: str
    walls: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    warnings: int = 0

    @property
    def median_wall(self) -> float:
        """Median, so one noisy repeat on a 2-core box doesn't move the figure."""
        return statistics.median(self.walls)


def _rss_to_mb(raw: int) -> float:
    """ru_maxrss is KiB on Linux but bytes on macOS."""
    return raw / (1024 * 1024) if sys.platform == "darwin" else raw / 1024


def run_build(config: Path, site_dir: Path, label: str) -> tuple[float, float, int]:
    """Build once in a fresh subprocess; return (wall s, peak MB, stderr line count).

    The site dir is removed first (untimed) so every build starts from the same state.
    """
    shutil.rmtree(site_dir, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as fh:
        rss_path = Path(fh.name)
    try:
        cmd = [sys.executable, "-c", _WRAPPER, str(rss_path), str(config)]
        # Material's end-of-life banner would otherwise look like a build warning.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        proc = subprocess.run(
            cmd, cwd=config.parent, env=env, capture_output=True, text=True, check=False
        )
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            tail = "\n".join(proc.stderr.splitlines()[-STDERR_TAIL_LINES:])
            raise BuildFailed(
                f"{label} build failed (exit {proc.returncode}): {config}\n"
                f"--- stderr (last {STDERR_TAIL_LINES} lines) ---\n{tail}"
            )
        raw = rss_path.read_text().strip()
        peak = _rss_to_mb(int(raw)) if raw else float("nan")
    finally:
        rss_path.unlink(missing_ok=True)
    return wall, peak, len(proc.stderr.splitlines())


def build_order(repeat: int, builds: list[str]) -> list[str]:
    """portal, bare, bare, portal, ...: alternate so warm-up/thermal drift cancels."""
    order: list[str] = []
    for i in range(repeat):
        order += builds if i % 2 == 0 else list(reversed(builds))
    return order


def bench_size(
    size: int,
    workdir: Path,
    *,
    repeat: int,
    builds: list[str],
    seed: int,
    repo_config: Path,
) -> list[Result]:
    """Generate one corpus and time every requested build on it."""
    corpus = workdir / f"corpus-{size}"
    stats = gen_corpus.generate(corpus, size, seed, repo_config, force=True)
    log(
        f"[{size}] corpus: {stats.articles} articles, "
        f"{stats.bytes_written / 1e6:.1f} MB in {stats.seconds:.1f} s"
    )
    configs = {
        "portal": (stats.portal_config, stats.out_dir / gen_corpus.SITE_DIR),
        "bare": (stats.bare_config, stats.out_dir / gen_corpus.BARE_SITE_DIR),
    }
    results = {b: Result(size=size, build=b) for b in builds}
    for i, build in enumerate(build_order(repeat, builds), start=1):
        wall, peak, warn = run_build(*configs[build], build)
        res = results[build]
        res.walls.append(wall)
        res.peaks_mb.append(peak)
        res.warnings = max(res.warnings, warn)
        log(f"[{size}] {i}/{repeat * len(builds)} {build}: {wall:.2f} s, {peak:.0f} MB")
    for res in results.values():
        if res.warnings:
            log(f"[{size}] note: {res.build} build wrote {res.warnings} stderr line(s)")
    return [results[b] for b in builds]


def _version(dist: str) -> str:
    """Installed distribution version, or 'not installed'."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def environment_line() -> str:
    """Versions and CPUs, because build times mean little without them."""
    cpus = os.cpu_count() or 0
    return (
        f"Python {platform.python_version()} · MkDocs {_version('mkdocs')} · "
        f"Material {_version('mkdocs-material')} · {cpus} CPU(s) · "
        f"{platform.system()} {platform.machine()}"
    )


def render_table(results: list[Result], repeat: int) -> str:
    """Markdown table; the ratio is portal median wall time over bare's, per size."""
    bare_wall = {r.size: r.median_wall for r in results if r.build == "bare"}
    lines = [
        environment_line(),
        "",
        f"Median of {repeat} run(s); peak MB is the largest peak RSS of a build.",
        "",
        HEADER,
        "| ---: | :--- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        wall = r.median_wall
        per_article = wall * 1000 / r.size if r.size else float("nan")
        peer = bare_wall.get(r.size, 0) if r.build == "portal" else 0
        ratio = f"{wall / peer:.2f}" if peer > 0 else "—"
        lines.append(
            f"| {r.size} | {r.build} | {wall:.2f} | {per_article:.2f} | "
            f"{max(r.peaks_mb):.0f} | {ratio} |"
        )
    return "\n".join(lines)


def log(message: str) -> None:
    """Progress goes to stderr so stdout is just the pasteable table."""
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """CLI options; --builds exists so the bare peer can be measured on its own."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds per config (median)"
    )
    parser.add_argument(
        "--workdir", type=Path, help="where corpora go (default: a temp dir)"
    )
    parser.add_argument("--keep", action="store_true", help="keep corpora and sites")
    parser.add_argument("--builds", nargs="+", choices=BUILDS, default=list(BUILDS))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repo-config", type=Path, default=gen_corpus.REPO_CONFIG)
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(s < 1 for s in args.sizes):
        parser.error("--repeat and --sizes must be >= 1")
    args.builds = list(dict.fromkeys(args.builds))
    return args


def main(argv: list[str] | None = None) -> int:
    """Run every size, print the table; exit 1 on the first failed build."""
    args = parse_args(argv)
    if args.workdir is None:
        workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        owned = [workdir]
    else:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        # Only remove what we create inside a user-supplied folder.
        owned = [workdir / f"corpus-{s}" for s in args.sizes]
    results: list[Result] = []
    try:
        for size in args.sizes:
            results += bench_size(
                size,
                workdir,
                repeat=args.repeat,
                builds=args.builds,
                seed=args.seed,
                repo_config=args.repo_config,
            )
    except BuildFailed as exc:
        log(str(exc))
        if not args.keep:
            log("(rerun with --keep to inspect the corpus)")
        return 1
    except (gen_corpus.ConfigError, FileExistsError, ValueError) as exc:
        log(f"benchmark: error: {exc}")
        return 1
    finally:
        if args.keep:
            log(f"kept: {workdir}")
        else:
            for path in owned:
                shutil.rmtree(path, ignore_errors=True)
    print(render_table(results, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
