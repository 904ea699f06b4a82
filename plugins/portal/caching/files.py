"""The editors' photos and files, copied once and then hard-linked into each new site.

Every build writes a fresh site (``build.py build`` swaps it in whole), and
copying 10,000 lead photos (200 MB) into it took two seconds of every publish,
bound by the disk, not the processor. Here each file is copied once into
``.cache/cong/files/``, named by the SHA-256 of its bytes (two equal photos
share one copy), and every build links that copy into the site.

A file is known by its identity on disk: device, inode, size, modification
and change times (``ctime`` cannot be set back by any tool), so an edited
or replaced photo is copied again; a cached copy whose size or modification
time changed (edited in place through a published hard link) is never linked
again. Entries no build used are removed, so the cache stays the size of one
site. Thread-safe: builds place files from several threads.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path

from portal.caching import file_identity, write_cache_file
from portal.hardlinks import link_or_copy

INDEX = "index.json"
_CHUNK = 1 << 20


class FileCache:
    """Copies of the editors' files under ``root``, placed by hard links."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            loaded = json.loads((root / INDEX).read_text(encoding="utf-8"))
            self._index: dict[str, list[object]] = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            self._index = {}
        self._used: dict[str, list[object]] = {}
        self._lock = threading.Lock()
        self._folders: set[str] = set()  # made in this build's site
        self.copied = 0

    def copy_identity(self, source: str) -> tuple[int, int] | None:
        """The (inode, device) of the cache's intact copy of ``source``, if it has one (marked used).

        A site file that is this copy already holds ``source``'s bytes: it needs no placing.
        """
        key = file_identity(os.stat(source))
        entry = self._index.get(key)
        info = self._checked(entry) if entry is not None else None
        if entry is None or info is None:
            return None
        with self._lock:
            self._used[key] = entry
        return (info.st_ino, info.st_dev)

    def place(self, source: str, destination: str) -> None:
        """Put ``source``'s bytes at ``destination`` (a new path), from the cache when it has them."""
        key = file_identity(os.stat(source))
        entry = self._index.get(key)
        if entry is None or self._checked(entry) is None:
            entry = self._store(source)
        with self._lock:
            self._used[key] = entry
        cached = f"{self.root}/{entry[0]}"
        folder = os.path.dirname(destination)
        if folder not in self._folders:  # photos share a few folders: one makedirs each, not one per photo
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            link_or_copy(cached, destination)
        except FileExistsError:  # replaced, never written through: it may be a link to another entry
            os.unlink(destination)
            self.place(source, destination)

    def save(self) -> None:
        """Keep the entries this build used, remove the others, and write the index."""
        names = {str(entry[0]) for entry in self._used.values()}
        for path in self.root.iterdir():
            if path.name == INDEX or path.name in names:
                continue
            if path.name.startswith(".") and not _older_than_a_day(path):
                continue  # another build's copy in progress
            path.unlink(missing_ok=True)
        # Without an index the next build copies again.
        write_cache_file(self.root / INDEX, json.dumps(self._used, sort_keys=True).encode("utf-8"))

    def _intact_name(self, name: str) -> bool:
        """An entry stored earlier under ``name`` that still has the bytes of its name (checked once per build)."""
        path = self.root / name
        if not path.is_file():
            return False
        digest = hashlib.sha256()
        with open(path, "rb") as reader:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == name

    def _checked(self, entry: list[object]) -> os.stat_result | None:
        """The cached copy's ``stat`` if it still has the size and time it was stored with, else None."""
        try:
            info = os.stat(f"{self.root}/{entry[0]}")
        except (OSError, IndexError):
            return None
        return info if [info.st_size, info.st_mtime_ns] == entry[1:3] else None

    def _store(self, source: str) -> list[object]:
        """Copy ``source`` into the cache under the hash of its bytes."""
        digest = hashlib.sha256()
        handle, partial = tempfile.mkstemp(prefix=".tmp-", dir=self.root)
        try:
            with open(source, "rb") as reader, os.fdopen(handle, "wb") as writer:
                while chunk := reader.read(_CHUNK):
                    digest.update(chunk)
                    writer.write(chunk)
            name = digest.hexdigest()
            if self._intact_name(name):
                os.unlink(partial)  # the same bytes are there already (another photo, another thread)
            else:
                os.replace(partial, self.root / name)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        info = os.stat(self.root / name)
        with self._lock:
            self.copied += 1
        return [name, info.st_size, info.st_mtime_ns]


def _older_than_a_day(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > 86_400
    except OSError:
        return False
