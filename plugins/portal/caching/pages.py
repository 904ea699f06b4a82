"""Finished pages by fingerprint, reused through hard links.

An entry is a folder named by the page's fingerprint holding the page's
bytes and what plugins attached to it (the search record), and, written
last, ``entry.json`` with each file's size, SHA-256 and modification time.
An entry without it (a build killed while writing) or whose files no longer
have that size and time (a published file edited in place through its hard
link, a cut file) is ignored and the page is rendered again.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

PAGE = "page.html"
ENTRY = "entry.json"


class PageCache:
    """Pages of one kind of build (``build`` or ``serve``) under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._pending: dict[str, dict[str, bytes]] = {}
        self.stored = 0

    def folder(self, fingerprint: str) -> Path:
        return self.root / fingerprint[:2] / fingerprint

    def usable(self, fingerprint: str, required: Iterable[str] = ()) -> bool:
        """Whether a complete, unaltered entry with ``required`` attachments exists.

        Each file must still have the size and modification time it had when
        stored (no page is read: at 20,000 pages that would cost seconds). A page
        edited in place through a hard link gets a new modification time.
        """
        folder = self.folder(fingerprint)
        try:
            entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
            files: dict[str, list[object]] = entry["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return False
        if PAGE not in files or any(name not in files for name in required):
            return False
        for name, recorded in files.items():
            try:
                info = (folder / name).stat()
                size, mtime = recorded[0], recorded[2]
            except (OSError, IndexError, TypeError):
                return False
            if info.st_size != size or info.st_mtime_ns != mtime:
                return False
        return True

    def attach(self, fingerprint: str, name: str, data: bytes) -> None:
        """Keep ``data`` with the page until :meth:`store` writes the entry."""
        self._pending.setdefault(fingerprint, {})[name] = data

    def read(self, fingerprint: str, name: str) -> bytes | None:
        try:
            return (self.folder(fingerprint) / name).read_bytes()
        except OSError:
            return None

    def store(self, fingerprint: str, page: bytes) -> None:
        """Write the entry (page and attachments) into a temporary folder, then rename it into place."""
        files = {**self._pending.pop(fingerprint, {}), PAGE: page}
        final = self.folder(fingerprint)
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=final.parent))
        try:
            summary = {}
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

    def place(self, fingerprint: str, destination: Path) -> None:
        """Put the cached page at ``destination`` (hard link, or copy across file systems)."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        source = self.folder(fingerprint) / PAGE
        try:
            os.link(source, destination)
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EACCES, errno.ENOTSUP, errno.EEXIST):
                raise
            if error.errno == errno.EEXIST:
                destination.unlink()
            shutil.copyfile(source, destination)

    def prune(self, keep: set[str]) -> int:
        """Remove entries this build did not use, so the cache stays the size of one site."""
        removed = 0
        for bucket in self.root.iterdir() if self.root.is_dir() else ():
            if not bucket.is_dir():
                continue
            for entry in bucket.iterdir():
                if entry.name not in keep:
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
        return removed


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
