"""Finished pages by fingerprint, reused through hard links.

An entry is a folder named by the page's fingerprint holding the page's
bytes and what plugins attached to it (the search record), and, written
last, ``entry.json`` with each file's size, SHA-256 and modification time.
An entry without it (a build killed while writing) or whose files no longer
have that size and time (a published file edited in place through its hard
link, a cut file) is ignored and the page is rendered again.

``index.json`` holds every entry's summary, so a build checks 20,000 pages
with one read and a ``stat`` per file. It is only a shortcut: an entry it
does not know is checked through its own ``entry.json``, and a stale line
(an entry rewritten after the index was saved) fails the size and time check.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from portal.caching import write_cache_file
from portal.hardlinks import link_or_copy

PAGE = "page.html"
ENTRY = "entry.json"
INDEX = "index.json"
Summary = dict[str, list[object]]  # file name -> [size, sha256, mtime_ns]


class PageCache:
    """Pages of one kind of build (``build`` or ``serve``) under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._pending: dict[str, dict[str, bytes]] = {}
        self._index: dict[str, Summary] | None = None
        self._pages: dict[str, tuple[int, int]] = {}  # fingerprint → (inode, device) of its page, as checked
        self.stored = 0

    def folder(self, fingerprint: str) -> Path:
        return self.root / fingerprint[:2] / fingerprint

    def _folder(self, fingerprint: str) -> str:
        return f"{self.root}/{fingerprint[:2]}/{fingerprint}"

    def _summaries(self) -> dict[str, Summary]:
        if self._index is None:
            try:
                loaded = json.loads((self.root / INDEX).read_text(encoding="utf-8"))
                self._index = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._index = {}
        return self._index

    def summary(self, fingerprint: str) -> Summary | None:
        """An entry's files as stored: from the index, else from the entry's own ``entry.json``."""
        index = self._summaries()
        files = index.get(fingerprint)
        if isinstance(files, dict):
            return files
        try:
            files = json.loads(Path(self._folder(fingerprint), ENTRY).read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(files, dict):
            return None
        index[fingerprint] = files
        return files

    def remember(self, summaries: dict[str, Summary]) -> None:
        """Entries stored by render workers (other processes), for the index saved by :meth:`prune`."""
        self._summaries().update(summaries)

    def usable(self, fingerprint: str, required: Iterable[str] = ()) -> bool:
        """Whether a complete, unaltered entry with ``required`` attachments exists.

        Each file must still have the size and modification time it had when
        stored (no page is read: at 20,000 pages that would cost seconds). A page
        edited in place through a hard link gets a new modification time.
        """
        files = self.summary(fingerprint)
        if files is None or PAGE not in files or any(name not in files for name in required):
            return False
        folder = self._folder(fingerprint)
        for name, recorded in files.items():
            try:
                info = os.stat(f"{folder}/{name}")
                size, mtime = recorded[0], recorded[2]  # type: ignore[index]
            except (OSError, IndexError, TypeError, KeyError):
                return False
            if info.st_size != size or info.st_mtime_ns != mtime:
                return False
            if name == PAGE:
                self._pages[fingerprint] = (info.st_ino, info.st_dev)
        return True

    def page_identity(self, fingerprint: str) -> tuple[int, int] | None:
        """The (inode, device) of an entry's page that :meth:`usable` checked: a site file that is it needs no placing."""
        return self._pages.get(fingerprint)

    def attach(self, fingerprint: str, name: str, data: bytes) -> None:
        """Keep ``data`` with the page until :meth:`store` writes the entry."""
        self._pending.setdefault(fingerprint, {})[name] = data

    def read(self, fingerprint: str, name: str) -> bytes | None:
        try:
            return (self.folder(fingerprint) / name).read_bytes()
        except OSError:
            return None

    def store(self, fingerprint: str, page: bytes) -> Summary | None:
        """Write the entry (page and attachments) into a temporary folder, then rename it into place.

        Returns the entry's summary (None if it could not be written), which a render
        worker hands back to the parent for the index.
        """
        files = {**self._pending.pop(fingerprint, {}), PAGE: page}
        final = self.folder(fingerprint)
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=final.parent))
        try:
            summary: Summary = {}
            for name, data in sorted(files.items()):
                (staging / name).write_bytes(data)
                summary[name] = [len(data), _sha256(data), (staging / name).stat().st_mtime_ns]
            (staging / ENTRY).write_text(json.dumps({"files": summary}, sort_keys=True), encoding="utf-8")
            if final.exists():
                shutil.rmtree(final, ignore_errors=True)
            os.rename(staging, final)
            self.stored += 1
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # a full disk never breaks the build: the page is just not cached
            return None
        self._summaries()[fingerprint] = summary
        return summary

    def place(self, fingerprint: str, destination: str) -> None:
        """Put the cached page at ``destination`` (hard link, or copy across file systems).

        A destination that already holds a file (the preview keeps its folder between
        builds) is left alone when it is this very entry, else replaced in one rename:
        never written through, since it may be a hard link to another cache entry.
        """
        source = f"{self._folder(fingerprint)}/{PAGE}"
        # The page's folder first: in a new site it never exists, and a failed link
        # then a second one cost three times as much (a second of 10,000 pages).
        _make_folder(os.path.dirname(destination))
        try:
            link_or_copy(source, destination)
        except FileExistsError:
            there, here = os.stat(source), os.stat(destination)
            if (there.st_ino, there.st_dev) != (here.st_ino, here.st_dev):
                partial = f"{destination}.{os.getpid()}.tmp"
                link_or_copy(source, partial)
                os.replace(partial, destination)

    def prune(self, keep: set[str]) -> int:
        """Remove entries this build did not use, so the cache stays the size of one site; save the index."""
        removed = 0
        for bucket in os.scandir(self.root) if self.root.is_dir() else ():
            if not bucket.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(bucket.path):
                if entry.name not in keep:
                    shutil.rmtree(entry.path, ignore_errors=True)
                    removed += 1
        index = {fingerprint: files for fingerprint, files in self._summaries().items() if fingerprint in keep}
        # Without an index the next build reads each entry.json.
        write_cache_file(self.root / INDEX, json.dumps(index, sort_keys=True, separators=(",", ":")).encode("utf-8"))
        return removed


def _make_folder(folder: str) -> None:
    """``os.makedirs`` for the common case of one missing level (a page's own folder), in one call."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        pass


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
