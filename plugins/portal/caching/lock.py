"""One build at a time per project.

Every build of a project shares ``.cache/cong/``: the kept snapshot of the
content folder (taken over by one rename), the page, article and photo caches
(each build prunes what it no longer needs). Two builds at once (a scheduled
build while the last one still runs, ``build.py build`` beside ``build.py
serve``) could take the same snapshot over or prune an entry the other is about
to link. So a build holds ``.cache/cong/build.lock`` from before it reads the
content until its site is in place; a second build waits for it.

The lock is an ``flock`` (:mod:`filelock`): the system lets go of it when its
process ends, however it ends, so a killed build never blocks the next one.
It is re-entrant within a process (``build.py build`` holds it around MkDocs'
build and the swap of the output folder, the content plugin holds it for a
plain ``mkdocs build``), and a forked render worker never lets go of the
parent's lock: an ``flock`` belongs to the open file both processes share.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = "build.lock"

log = logging.getLogger("mkdocs.portal.lock")


class BuildLockError(Exception):
    """The lock file cannot be made (a read-only project folder): the message says so in Vietnamese."""


@dataclass
class _Held:
    lock: FileLock
    pid: int  # the process that took it: a forked worker must not let it go
    depth: int = 1


_held: dict[Path, _Held] = {}


def acquire(cache_dir: Path) -> None:
    """Hold the build lock of the project whose cache is ``cache_dir``, waiting for another build to end."""
    path = (cache_dir / LOCK_NAME).resolve()
    held = _held.get(path)
    if held is not None and held.pid == os.getpid():
        held.depth += 1
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path), thread_local=False)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            # Info, not a warning: under --strict a warning would fail a build that only had to wait.
            log.info(f"Một lần xây dựng khác của dự án này đang chạy (giữ {path}): chờ nó xong rồi mới xây dựng…")
            lock.acquire(timeout=-1)
    except OSError as error:
        raise BuildLockError(
            f"Không tạo được khoá xây dựng {path} ({error.strerror or error}): "
            "cần quyền ghi vào thư mục .cache/cong/ của dự án."
        ) from None
    _held[path] = _Held(lock, os.getpid())


def release(cache_dir: Path) -> None:
    """Let go of one hold; the lock itself when the outermost hold ends. Does nothing in a forked worker."""
    path = (cache_dir / LOCK_NAME).resolve()
    held = _held.get(path)
    if held is None or held.pid != os.getpid():
        return
    held.depth -= 1
    if held.depth == 0:
        del _held[path]
        held.lock.release(force=True)


@contextmanager
def holding(cache_dir: Path) -> Iterator[None]:
    """The build lock, held for the ``with`` block."""
    acquire(cache_dir)
    try:
        yield
    finally:
        release(cache_dir)
