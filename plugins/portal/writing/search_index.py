"""Full-text search: what each article gives the index, and the Pagefind run that writes it.

The index is written by Pagefind (https://pagefind.app): the reader's browser
downloads only the pieces a query needs. Pagefind is fed *records* built here
(:class:`SearchRecord`), not the article pages, because what Pagefind would
store from a page is far too big for a Vietnamese portal (measured at 10,000
articles: one query word's index chunk was 944 kB). The records are shaped so
that a first query stays small (``scripts/measure_search.py``):

* **Each word once per article, tone marks and ``đ`` folded** (``Đường`` →
  ``duong``, :func:`fold`): every occurrence and position of a word is what
  made the index big, and Vietnamese query words are common syllables found in
  almost every article. Folded words also answer a reader who types without
  marks (``doi ngoai`` finds ``đối ngoại``): Pagefind folds tone marks itself
  but not ``đ``, and it sizes its index chunks by the unmarked words only, so
  marked words made chunks of twenty common words at once.
* **Words in a fixed order** (most common in the whole portal first,
  :func:`order_words`): a word then sits at nearly the same position in every
  article, which compresses to almost nothing.
* **Title and sapo words a second time, with their tone marks** (``đ`` written
  ``d``: the search page does the same to the query): they count twice, so
  articles about the query rank first, and a query typed with marks ranks the
  exact form first.

What is lost: phrase search (``"..."``) and ranking by how often a word occurs
in the body. The results page shows the sapo as the excerpt (the record's
words are a bag, not text).

Pagefind runs as ``pagefind --service`` (the protocol of its Python and Node
APIs), which handles one request at a time, in the order sent, so that pages
are numbered in the order given: newest first. Its Python client waits 0.1 s
per answer (17 minutes for 10,000 articles), hence the small client here,
which sends records ahead of their answers.

This module does not import MkDocs: the ``portal/search`` plugin calls it.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from portal.hardlinks import link_or_copy
from portal.writing.previous_site import clear_for_build

BUNDLE_DIR = "pagefind"
"""Folder of the index inside the built site (Pagefind's default)."""

_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")
# Pagefind's ready-made search UIs: the portal has its own results page and never loads them.
UNUSED_UI_PREFIXES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


class SearchIndexError(RuntimeError):
    """The index could not be built; the message says why and what to do (Vietnamese)."""


# -- words -------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without tone marks, vowel marks or the bar of ``đ``: what a reader types without a Vietnamese keyboard.

    ``Đường`` → ``duong``, ``Nghệ An`` → ``nghe an``. Works on NFC or NFD input alike.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d"))


@functools.lru_cache(maxsize=1 << 18)
def _fold_word(word: str) -> str:
    """:func:`fold` for one word, remembered: a portal has some tens of thousands of distinct words."""
    return fold(word)


def marked(word: str) -> str:
    """A word as the index keeps its tone marks: lower case, NFC, ``đ`` written ``d`` (``Đường`` → ``dường``).

    Pagefind folds tone marks when it looks a word up but treats ``đ`` as a
    letter of its own; writing it ``d`` puts ``dường`` next to ``duong`` in the
    index. The search page rewrites the query the same way.
    """
    return unicodedata.normalize("NFC", word.casefold()).replace("đ", "d")


def words(texts: Iterable[str]) -> list[str]:
    """The distinct words of ``texts``, lower case and NFC, in order of first appearance."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(unicodedata.normalize("NFC", text).casefold()):
            seen.setdefault(sys.intern(word), None)
    return list(seen)


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, good enough to find words in (tags dropped, entities decoded)."""
    return html.unescape(_TAG.sub(" ", fragment))


def excerpt_text(sapo: str, body: str, length: int) -> str:
    """What a result shows under its title: the sapo, else the start of the body, at most ``length`` words."""
    tokens = (sapo.strip() or body).split()
    if len(tokens) <= length:
        return " ".join(tokens)
    return " ".join(tokens[:length]).rstrip(",;:–-") + " …"


# -- records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchRecord:
    """One article as the index sees it.

    Attributes:
        url: site-relative address (``tin-tuc/slug/``).
        title, excerpt, date: shown in the result (``date`` as the reader reads it).
        sort: local date and time, sortable (``2025-03-02T08:00``).
        category, month: the filters (category slug, ``YYYY-MM``).
        words: every distinct word of the article (:func:`words`).
        emphasis: the distinct words of the title and sapo, which count twice.
    """

    url: str
    title: str
    excerpt: str
    date: str
    sort: str
    category: str
    month: str
    words: tuple[str, ...]
    emphasis: tuple[str, ...]


def word_ranks(records: Iterable[SearchRecord]) -> dict[str, int]:
    """Each folded word's rank: the one in most articles first (ties by the word), the order of :func:`order_words`."""
    counts: Counter[str] = Counter()
    for record in records:
        counts.update({_fold_word(word) for word in record.words})
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {word: rank for rank, (word, _) in enumerate(ordered)}


def order_words(record: SearchRecord, ranks: dict[str, int]) -> str:
    """The text Pagefind indexes for ``record``: its folded words by rank, then its title and sapo words with marks."""
    folded = sorted({_fold_word(word) for word in record.words}, key=lambda word: (ranks.get(word, len(ranks)), word))
    emphasis = dict.fromkeys(marked(word) for word in record.emphasis)
    return " ".join([*folded, *emphasis])


# -- the Pagefind run --------------------------------------------------------------------------


@dataclass
class IndexReport:
    """What a Pagefind run did, for the build log and the benchmark."""

    seconds: float
    pages: int = 0
    words: int = 0
    bundle_bytes: int = 0
    stable: bool = True
    output: str = field(default="", repr=False)


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind[bin]`` package (or ``PAGEFIND_BINARY_PATH``)."""
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise SearchIndexError(
            "Chưa cài Pagefind (công cụ tạo chỉ mục tìm kiếm): chạy '.venv/bin/pip install -e .' "
            "hoặc 'pip install \"pagefind[bin]\"', hoặc tắt plugin portal/search trong mkdocs.yml."
        ) from error
    executable = get_executable()
    if executable is None or not Path(executable).is_file():
        raise SearchIndexError(
            "Không tìm thấy chương trình Pagefind: cài 'pip install \"pagefind[bin]\"' "
            "hoặc đặt biến môi trường PAGEFIND_BINARY_PATH trỏ tới tệp pagefind."
        )
    return Path(executable)


# Records sent before their answers are read. Pagefind handles requests one at a time, in the
# order sent (pages keep their numbers); not waiting for each answer lets it index one record while
# this process prepares the next (one year of a warm build at 10,000 articles: 3.8 → 2.9 s).
_IN_FLIGHT = 64


class _Service:
    """``pagefind --service``: base64 JSON messages ending in a comma, answered in the order sent."""

    def __init__(self, executable: Path, timeout: float) -> None:
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the service; closed in close())
        try:
            self._process = subprocess.Popen(
                [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log
            )
        except OSError as error:
            self._log.close()
            raise SearchIndexError(f"Không chạy được Pagefind ({executable}): {error}") from error
        self._buffer = b""
        self._next_id = 0  # the last request sent
        self._answered = 0  # the last request answered
        self.timed_out = False
        self._watchdog = threading.Timer(timeout, self._expire)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _expire(self) -> None:
        self.timed_out = True
        self._process.kill()

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send ``payload`` and wait for its answer."""
        self.send(payload)
        return self.receive()

    def send(self, payload: dict[str, Any]) -> None:
        """Send ``payload`` without waiting: Pagefind answers in the order it was sent (:meth:`receive`)."""
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()
        except OSError as error:
            raise SearchIndexError(self._failure("Pagefind dừng giữa chừng")) from error

    def receive(self) -> dict[str, Any]:
        """The answer to the oldest request not yet answered."""
        assert self._process.stdout is not None
        parts = [self._buffer]
        try:
            while b"," not in parts[-1]:
                chunk = self._process.stdout.read1(1 << 20)
                if not chunk:
                    raise EOFError
                parts.append(chunk)
        except (OSError, EOFError) as error:
            raise SearchIndexError(self._failure("Pagefind dừng giữa chừng")) from error
        answer, self._buffer = b"".join(parts).split(b",", 1)
        self._answered += 1
        response = json.loads(base64.b64decode(answer))
        result = response.get("payload") or {}
        if result.get("type") == "Error" or response.get("message_id") != self._answered:
            raise SearchIndexError(self._failure(f"Pagefind báo lỗi: {result.get('message', response)}"))
        return result

    def _failure(self, what: str) -> str:
        if self.timed_out:
            return f"{what}: quá thời gian cho phép."
        self._log.seek(0)
        tail = "\n".join(self._log.read().decode("utf-8", "replace").strip().splitlines()[-15:])
        return f"{what}." + (f"\n{tail}" if tail else "")

    def close(self) -> str:
        self._watchdog.cancel()
        if self._process.stdin is not None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.seek(0)
        output = self._log.read().decode("utf-8", "replace")
        self._log.close()
        return output


def build_index(bundle: Path, records: Sequence[SearchRecord], *, language: str, timeout: float = 1800) -> IndexReport:
    """Write the index of ``records`` to the folder ``bundle``, pages numbered in the order given.

    Give the newest article first: Pagefind lists results of equal score in
    page order. Filter chunks are then rewritten in a stable order
    (:func:`stabilise_bundle`) and Pagefind's ready-made UIs, which the portal
    does not use, are removed.
    """
    executable = pagefind_executable()
    started = time.perf_counter()
    shutil.rmtree(bundle, ignore_errors=True)
    ranks = word_ranks(records)
    service = _Service(executable, timeout)
    try:
        index_id = service.request({"type": "NewIndex", "config": {"force_language": language}})["index_id"]
        for number, record in enumerate(records):
            if number >= _IN_FLIGHT:  # the answer to an earlier record, so that answers never fill the pipe
                service.receive()
            service.send(
                {
                    "type": "AddRecord",
                    "index_id": index_id,
                    "url": "/" + record.url.lstrip("/"),
                    "content": order_words(record, ranks),
                    "language": language,
                    "meta": {"title": record.title, "excerpt": record.excerpt, "date": record.date},
                    "filters": {"category": [record.category], "month": [record.month]},
                    "sort": {"date": record.sort},
                }
            )
        for _ in range(min(len(records), _IN_FLIGHT)):
            service.receive()
        # The files come back in the answer and are written here: the service's own
        # WriteFiles can answer before it has finished writing (pagefind.js cut short).
        files = service.request({"type": "GetFiles", "index_id": index_id})["files"]
    finally:
        output = service.close()
    for file in files:
        path = bundle / file["path"]
        if path.name.startswith(UNUSED_UI_PREFIXES) or bundle.resolve() not in path.resolve().parents:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(file["content"]))
    stable = stabilise_bundle(bundle)
    report = IndexReport(seconds=time.perf_counter() - started, pages=len(records), words=len(ranks), stable=stable, output=output)
    report.bundle_bytes = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
    return report


# -- stable output ---------------------------------------------------------------------------------
#
# Pagefind 1.5 writes each filter's values, and the list of filters in its
# metadata file, in hash-map order, which changes from run to run (upstream:
# "TODO: Change filter indexes to BTree to give them a stable hash"). Two
# builds of the same content would then differ in a few index files and their
# names. The files are gzip'd CBOR behind a short signature; we sort their
# lists and rename them after their new content, which is what Pagefind itself
# does. Everything else Pagefind writes is already stable.


def stabilise_bundle(bundle: Path) -> bool:
    """Rewrite the filter chunks and the metadata file of a Pagefind bundle in a stable order.

    Everything is decoded and re-encoded in memory first; files are touched only
    when the whole bundle was understood. Returns False (bundle left as Pagefind
    wrote it: correct, only not byte-stable) if a future Pagefind changed the format.
    """
    entry_path = bundle / "pagefind-entry.json"
    if not entry_path.is_file():
        return True
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    remove: list[Path] = []
    write: dict[Path, bytes] = {}
    try:
        for language, info in entry.get("languages", {}).items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            signature, meta = _read_chunk(meta_path)
            renamed: list[list[str]] = []
            for name, chunk_hash in meta[3]:
                old = bundle / "filter" / f"{chunk_hash}.pf_filter"
                chunk_signature, chunk = _read_chunk(old)
                if chunk[0] != name:
                    return False
                chunk[1] = sorted(chunk[1], key=lambda value: value[0])
                data = _encode_chunk(chunk_signature, chunk)
                new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
                remove.append(old)
                write[bundle / "filter" / f"{new_hash}.pf_filter"] = data
                renamed.append([name, new_hash])
            meta[3] = sorted(renamed)
            data = _encode_chunk(signature, meta)
            new_meta_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
            remove.append(meta_path)
            write[bundle / f"pagefind.{new_meta_hash}.pf_meta"] = data
            info["hash"] = new_meta_hash
    except (OSError, ValueError, LookupError, TypeError, AttributeError, cbor2.CBORError):
        # Unreadable chunks, or a shape this code does not know.
        return False
    for path in remove:
        path.unlink()
    for path, data in write.items():
        _write_gzip(path, data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def _read_chunk(path: Path) -> tuple[bytes, list]:
    raw = gzip.decompress(path.read_bytes())
    start = raw.index(b"pagefind_dcd") + len(b"pagefind_dcd")
    return raw[:start], cbor2.loads(raw[start:])


def _encode_chunk(signature: bytes, value: list) -> bytes:
    return signature + cbor2.dumps(value)


def _write_gzip(path: Path, data: bytes) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(data)


# -- one index per year (or half-year) ------------------------------------------------------------
#
# One Pagefind index for a whole portal grows with it: its page list, loaded by
# every first query, and the Pagefind process's memory (2.2 GB at 10,000
# articles) grow linearly. So each calendar year gets an index of its own under
# pagefind/<year>/ (a year of more than YEAR_SPLIT_LIMIT articles, two:
# pagefind/<year>-1/ and -2/), built in its own Pagefind process (memory bounded
# by one period's articles) and kept in the build cache by a hash of its
# records: a publish re-indexes only the period whose records changed. The
# results page loads the newest periods and merges them (Pagefind's multisite
# search, one WebAssembly module for all), and merges older ones on demand.


# Pagefind holds about 0.26 MB per article of the index it builds (1.3 GB for a year of 5,000
# articles, beside the build's own 1.2 GB at 50,000 articles): a year with more articles than
# this is indexed as two halves, January-June and July-December (pagefind/<year>-1/, -2/).
YEAR_SPLIT_LIMIT = 2_500
# Periods are indexed two at a time while none holds more than this many articles (two such Pagefind
# processes stay under 1.2 GB; halves of a split year, about 2,500 articles, go one at a time).
PARALLEL_PERIOD_LIMIT = 2_200


def period_names(
    month_counts: Mapping[str, int], split_above: int = YEAR_SPLIT_LIMIT, current_year: str | None = None
) -> dict[str, str]:
    """The index (period) of each month ``YYYY-MM``: its quarter in the current year (of the build's
    clock), its half-year in a year of more than ``split_above`` articles, else its year.

    Names sort newest first as text (``2026-q3`` > ``2026-q1`` > ``2025-2`` > ``2025-1`` >
    ``2024``), which the results page relies on. A period depends on its year's count and the
    clock's year only: publishing one article changes at most the names of its own year's
    indexes. The current year is cut in quarters because a publish re-indexes the period its
    article falls in, and Pagefind takes about 3 ms per article of it: a quarter, not the
    year so far. Once the year is over its quarters become one index again (or two halves).
    """
    years: Counter[str] = Counter()
    for month, count in month_counts.items():
        years[month[:4]] += count

    def name(month: str) -> str:
        year, number = month[:4], int(month[5:7])
        if year == current_year:
            return f"{year}-q{(number - 1) // 3 + 1}"
        if years[year] > split_above:
            return f"{year}-{1 if number <= 6 else 2}"
        return year

    return {month: name(month) for month in month_counts}


def period_key(records: Sequence[SearchRecord], language: str) -> str:
    """What a period's bundle depends on: its records in order, the language, Pagefind's version, this module."""
    digest = hashlib.sha256()
    digest.update(f"{_pagefind_version()}|{language}|{_module_hash()}".encode())
    for record in records:
        digest.update(json.dumps([record.url, record.title, record.excerpt, record.date, record.sort, record.category,
                                  record.month, record.words, record.emphasis], ensure_ascii=False).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass
class PeriodsReport:
    """What indexing by period did: how many periods were indexed again and how many came from the cache."""

    periods: list[str] = field(default_factory=list)
    indexed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    pages: int = 0
    words: int = 0  # distinct words of the years indexed again
    bundle_bytes: int = 0
    seconds: float = 0.0
    stable: bool = True


def build_period_indexes(
    site_dir: Path,
    records: Sequence[SearchRecord],
    *,
    language: str,
    cache_dir: Path | None = None,
    timeout: float = 1800,
    keys: Mapping[str, str] | None = None,
    cached_records: Callable[[str], Iterable[SearchRecord]] | None = None,
    periods: Mapping[str, str] | None = None,
) -> PeriodsReport:
    """Write one bundle per period to ``site_dir/pagefind/<period>/``, reusing cached bundles whose records did not change.

    ``records`` newest first, as :func:`build_index` wants them; each period keeps that order.
    ``periods`` names each month's period (:func:`period_names`; by default, from ``records``).
    With the build cache, ``keys`` gives each period a key from its pages' fingerprints and
    ``records`` holds only the pages rendered in this build (``periods`` must then be given,
    from every article): the records of pages taken from the cache (``cached_records(period)``)
    are read only for a period that is indexed again, so a build that changed one period
    reads one period's records.
    """
    started = time.perf_counter()
    root = site_dir / BUNDLE_DIR
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        root.unlink()
    root.mkdir(parents=True, exist_ok=True)
    if periods is None:
        periods = period_names(Counter(record.month for record in records))
    groups: dict[str, list[SearchRecord]] = {}
    for record in records:
        groups.setdefault(periods[record.month], []).append(record)
    report = PeriodsReport(periods=sorted({*groups, *(keys or ())}, reverse=True), pages=len(records))
    # A folder built over (the preview's, the site before last: portal.writing.previous_site) may
    # hold periods that are gone, a partial bundle, or anything else: only this build's periods stay.
    for entry in os.scandir(root):
        if entry.name not in report.periods:
            _remove(entry.path)
    keep: set[str] = set()
    to_index: list[tuple[str, list[SearchRecord], Path | None]] = []
    to_place: list[tuple[str, list[SearchRecord], Path]] = []
    for period in report.periods:
        group = groups.get(period, [])
        key = _keyed(keys[period], language) if keys is not None and period in keys else period_key(group, language)
        keep.add(key)
        cached = cache_dir / key if cache_dir is not None else None
        if cached is not None and (cached / ".complete").is_file():
            to_place.append((period, group, cached))
        else:
            to_index.append((period, group, cached))

    def with_cached_records(period: str, group: list[SearchRecord]) -> list[SearchRecord]:
        if cached_records is None:
            return group
        more = list(cached_records(period))
        report.pages += len(more)
        return sorted([*group, *more], key=lambda record: (record.sort, record.url), reverse=True)

    def index_period(period: str, group: list[SearchRecord], cached: Path | None) -> IndexReport:
        target = root / period
        partial = root / f".{period}.partial"  # renamed once whole: the preview's search never loads half a bundle
        try:
            single = build_index(partial, group, language=language, timeout=timeout)
            _remove(str(target))  # the period as an earlier build left it: never written through
            os.rename(partial, target)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        if cached is not None:
            _store_tree(target, cached)
        return single

    # Two Pagefind processes at once when a period is small enough that two fit in memory
    # (about 0.26 GB per 1,000 articles each): a first build of 10,000 articles indexes ten years.
    to_index = [(period, with_cached_records(period, group), cached) for period, group, cached in to_index]
    parallel = len(to_index) > 1 and max(len(group) for _, group, _ in to_index) <= PARALLEL_PERIOD_LIMIT
    indexing: list[tuple[str, Future[IndexReport]]] = []
    with ThreadPoolExecutor(max_workers=2 if parallel else 1, thread_name_prefix="pagefind") as pool:
        indexing += [(task[0], pool.submit(index_period, *task)) for task in to_index]
        # Unchanged years are linked into the site while Pagefind indexes the changed ones; a
        # damaged cache entry is indexed again.
        for period, group, cached in to_place:
            placed = _place_tree(cached, root / period)
            if placed is not None:
                report.reused.append(period)
                report.bundle_bytes += placed
            else:
                indexing.append((period, pool.submit(index_period, period, with_cached_records(period, group), cached)))
    for period, result in sorted(indexing, key=lambda item: item[0], reverse=True):
        single = result.result()
        report.stable = report.stable and single.stable
        report.indexed.append(period)
        report.words += single.words
        report.bundle_bytes += single.bundle_bytes
    report.reused.sort(reverse=True)
    if cache_dir is not None and cache_dir.is_dir():
        for entry in cache_dir.iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _keyed(pages_key: str, language: str) -> str:
    """A year's cache key from its pages' fingerprints, with what else the bundle depends on."""
    return hashlib.sha256(f"{_pagefind_version()}|{language}|{_module_hash()}|{pages_key}".encode()).hexdigest()


def _place_tree(source: Path, target: Path) -> int | None:
    """Hard-link (or copy) a cached bundle into the site: its size in bytes, or None if the entry is damaged.

    The size comes from the entry's list, whose every size was just checked: the
    build's report needs no walk of the 20,000 files of a 20,000-article index.
    In a ``target`` that already holds some of them (a folder built over), each file
    that is the entry's own stays; everything else there is removed, never written
    through (:func:`portal.writing.previous_site.clear_for_build`), and what is missing linked.
    """
    try:
        manifest = json.loads((source / ".complete").read_text(encoding="utf-8"))
        identities: dict[str, tuple[int, int]] = {}
        for relative, size in manifest.items():
            info = os.stat(f"{source}/{relative}")
            if info.st_size != size:
                return None
            identities[relative] = (info.st_ino, info.st_dev)
        kept: set[str] = set()
        if os.path.isdir(target) and not os.path.islink(target):
            kept = clear_for_build(target, identities).kept
        elif os.path.lexists(target):
            _remove(str(target))
        made: set[str] = set()
        base, into = str(source), str(target)
        for relative in manifest:
            if relative in kept:
                continue
            folder = os.path.dirname(relative)
            if folder not in made:
                os.makedirs(os.path.join(into, folder), exist_ok=True)
                made.add(folder)
            link_or_copy(f"{base}/{relative}", f"{into}/{relative}")
    except (OSError, ValueError, AttributeError, TypeError):
        shutil.rmtree(target, ignore_errors=True)
        return None
    return sum(manifest.values())


def _remove(path: str) -> None:
    """Remove a file or folder of the index as an earlier build left it (unlinked, never written through)."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def _store_tree(bundle: Path, cached: Path) -> None:
    """Keep a period's bundle in the cache (linked aside, renamed into place; a failure only skips caching)."""
    staging = cached.with_name(cached.name + f".tmp-{os.getpid()}")
    try:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(bundle, staging, copy_function=link_or_copy)
        files = {p.relative_to(staging).as_posix(): p.stat().st_size for p in sorted(staging.rglob("*")) if p.is_file()}
        (staging / ".complete").write_text(json.dumps(files, sort_keys=True), encoding="utf-8")
        shutil.rmtree(cached, ignore_errors=True)
        os.rename(staging, cached)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def _pagefind_version() -> str:
    try:
        from importlib import metadata

        return metadata.version("pagefind_bin")
    except Exception:  # noqa: BLE001 - unknown version: still a key, just never shared across versions
        return "unknown"


@functools.lru_cache(maxsize=1)
def _module_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
