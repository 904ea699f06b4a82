"""Full-text search: what each article tells the index, and the Pagefind run that builds it.

The index is built by Pagefind (https://pagefind.app) from the finished HTML,
so the reader downloads only the chunks a query needs instead of one index of
the whole site. Measured with Pagefind 1.5.2 (see ``tests/e2e/test_search.py``):

* it folds tone marks and vowel marks itself (``nghe an`` finds ``Nghệ An``,
  ``ngoai`` finds ``ngoại``), and ranks a query typed with marks on the exact
  form first;
* it does **not** fold ``đ`` to ``d`` (``đ`` is a letter, not ``d`` plus a
  mark), so ``duong`` would not find ``đường``. Each article therefore carries
  its distinct ``đ`` words folded to ASCII (:func:`d_words`) in a Pagefind
  *metadata* field: metadata is searchable but, unlike hidden body text, never
  appears in the excerpts.

This module does not import MkDocs: the ``portal/search`` plugin calls it.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import subprocess
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import cbor2

BUNDLE_DIR = "pagefind"
"""Folder of the index inside the built site (Pagefind's default)."""

D_WORDS_META = "dfold"
"""Pagefind metadata key holding an article's ``đ`` words folded to ``d``."""

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
_STATS = re.compile(r"Indexed (\d+) (pages?|words?|filters?)\b")


class SearchIndexError(RuntimeError):
    """The index could not be built; the message says why and what to do (Vietnamese)."""


def fold(text: str) -> str:
    """Lower case without tone marks, vowel marks or the bar of ``đ``: what a reader types without a Vietnamese keyboard.

    ``Đường`` → ``duong``, ``Nghệ An`` → ``nghe an``. Works on NFC or NFD input alike.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d"))


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, good enough to find words in (tags dropped, entities decoded)."""
    return html.unescape(_TAG.sub(" ", fragment))


def d_words(texts: Iterable[str]) -> list[str]:
    """The distinct words containing ``đ``/``Đ`` in ``texts``, folded (:func:`fold`) and sorted.

    Only these words need help: Pagefind folds every other Vietnamese mark
    itself. Sorted so that the page, and so the index, is the same on every build.
    """
    found: set[str] = set()
    for text in texts:
        text = unicodedata.normalize("NFC", text)
        if "đ" not in text and "Đ" not in text:
            continue
        found.update(fold(word) for word in _WORD.findall(text) if "đ" in word or "Đ" in word)
    return sorted(found)


def article_glob(article_url_format: str) -> str:
    """The Pagefind ``--glob`` that reaches article pages only: ``tin-tuc/{slug}/`` → ``tin-tuc/**/*.html``.

    Article pages also carry ``data-pagefind-body``; the glob keeps Pagefind
    from even reading the thousands of category pages.
    """
    prefix = article_url_format.split("{", 1)[0]
    prefix = prefix[: prefix.rfind("/") + 1] if "/" in prefix else ""
    return f"{prefix}**/*.html"


@dataclass
class IndexReport:
    """What a Pagefind run did, for the build log and the benchmark."""

    seconds: float
    pages: int = 0
    words: int = 0
    filters: int = 0
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


def build_index(site_dir: Path, *, glob: str, language: str, timeout: float = 1800) -> IndexReport:
    """Run Pagefind over the built site; the index goes to ``site_dir/pagefind/``.

    ``language`` is forced so that every article lands in one index, whatever
    ``lang`` a page declares: the search page loads the index of its own language.
    Filter chunks are then rewritten in a stable order (:func:`stabilise_bundle`).
    """
    executable = pagefind_executable()
    command = [
        str(executable),
        "--site", str(site_dir),
        "--output-subdir", BUNDLE_DIR,
        "--glob", glob,
        "--force-language", language,
    ]  # fmt: skip
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Không chạy được Pagefind ({executable}): {error}") from error
    output = (done.stdout or "") + (done.stderr or "")
    if done.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise SearchIndexError(f"Pagefind báo lỗi khi tạo chỉ mục tìm kiếm (mã {done.returncode}):\n{tail}")
    bundle = site_dir / BUNDLE_DIR
    stable = stabilise_bundle(bundle)
    report = IndexReport(seconds=time.perf_counter() - started, stable=stable, output=output)
    counts = {what.rstrip("s"): int(number) for number, what in _STATS.findall(output)}
    report.pages, report.words, report.filters = counts.get("page", 0), counts.get("word", 0), counts.get("filter", 0)
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
