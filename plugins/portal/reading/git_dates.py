"""When each content file was last changed, from git history, in one pass.

An article's "Cập nhật" date and its sitemap ``lastmod`` should follow real
edits, not the build clock. Asking git once per file costs one process per
article (minutes at 50,000 articles), so this runs a single
``git log --name-only`` over the content folder and keeps, per file, its
newest and oldest commit time.

Without usable history (no repository, git not installed, a shallow clone as
CI jobs make by default) there is no answer, and callers fall back to the
front matter: a shallow clone would otherwise date every file to the one
commit it holds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from pathlib import Path

from portal.caching import write_cache_file

# Separates commits in the log: the byte cannot occur in a path git prints with -z.
_COMMIT_MARK = "\x01"
_LOG_FORMAT = "--format=" + "%x01%ct"
GIT_TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class FileHistory:
    """What git knows about one file.

    Attributes:
        last: time of the newest commit that touched the file.
        first: time of the oldest commit that touched it (the one that added it,
            as far as the history reaches).
        commits: how many commits touched it.
    """

    last: datetime
    first: datetime
    commits: int = 1

    @property
    def revised(self) -> datetime | None:
        """The last change after the file was added, or None if it was committed once.

        The commit that adds an article publishes it; it is not an update.
        Importing 3,000 old articles in one commit therefore does not mark
        them all "Cập nhật" today; fixing a typo in a later commit does.
        """
        return self.last if self.commits > 1 else None


@dataclass
class GitDates:
    """Per-file history of a folder, or why there is none.

    Attributes:
        files: path relative to the folder (``/``-separated, NFC) → its history.
        available: False when git could not be used; ``reason`` says why.
    """

    files: dict[str, FileHistory] = field(default_factory=dict)
    available: bool = True
    reason: str = ""

    def get(self, relative_path: str) -> FileHistory | None:
        return self.files.get(unicodedata.normalize("NFC", relative_path))


def parse_log(output: str, zone: tzinfo = timezone.utc) -> dict[str, FileHistory]:
    """Parse ``git log -z --format=%x01%ct --name-only`` output (newest commit first).

    Each commit is a ``\\x01<unix time>`` token followed by the paths it
    touched, every token ended by NUL (git puts a newline before the first path).
    """
    history: dict[str, FileHistory] = {}
    moment: datetime | None = None
    for token in output.split("\0"):
        if token.startswith(_COMMIT_MARK):
            stamp = token[1:].strip()
            moment = datetime.fromtimestamp(int(stamp), zone) if stamp.isdigit() else None
            continue
        path = token.lstrip("\n")
        if not path or moment is None:
            continue
        path = unicodedata.normalize("NFC", path)
        known = history.get(path)
        if known is None:
            history[path] = FileHistory(last=moment, first=moment)
        else:
            # Older commits come later in the log: only the first (oldest) end moves.
            history[path] = FileHistory(last=known.last, first=moment, commits=known.commits + 1)
    return history


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    return subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        env=env,
        timeout=GIT_TIMEOUT_SECONDS,
        check=False,
    )


def read_git_dates(folder: Path, zone: tzinfo = timezone.utc, cache_file: Path | None = None) -> GitDates:
    """The history of every file under ``folder``, from one ``git log``.

    Never raises for a missing or unusable repository: the result says
    ``available=False`` with a reason the caller can log. With ``cache_file``
    the history is kept there under the commit it was read at: the history of a
    commit never changes, and the log took a quarter of a second of every
    build at 10,000 articles (uncommitted edits are not in it either way).
    """
    try:
        shallow = _git(folder, "rev-parse", "--is-shallow-repository")
    except FileNotFoundError:
        return GitDates(available=False, reason="không tìm thấy chương trình git")
    except (OSError, subprocess.TimeoutExpired) as error:
        return GitDates(available=False, reason=f"không chạy được git ({error})")
    if shallow.returncode != 0:
        return GitDates(available=False, reason="thư mục nội dung không nằm trong kho git")
    if shallow.stdout.strip() == b"true":
        return GitDates(available=False, reason="kho git là bản sao nông (shallow clone), thiếu lịch sử")
    key = None
    head = None
    if cache_file is not None:
        try:
            head = _git(folder, "rev-parse", "--verify", "-q", "HEAD")
        except (OSError, subprocess.TimeoutExpired):
            pass  # read the log, without the cache
    if cache_file is not None and head is not None and head.returncode == 0:
        key = hashlib.sha256(f"{head.stdout.decode().strip()}|{folder.resolve()}|{zone}|{_LOG_FORMAT}".encode()).hexdigest()
        cached = _cached(cache_file, key)
        if cached is not None:
            return GitDates(files=cached)
    try:
        log = _git(folder, "-c", "core.quotepath=off", "log", "-z", _LOG_FORMAT, "--name-only", "--relative", "--no-renames", "--", ".")
    except (OSError, subprocess.TimeoutExpired) as error:
        return GitDates(available=False, reason=f"không chạy được git log ({error})")
    if log.returncode != 0:
        detail = log.stderr.decode("utf-8", "replace").strip().splitlines()
        return GitDates(available=False, reason="git log lỗi: " + (detail[0] if detail else f"mã {log.returncode}"))
    files = parse_log(log.stdout.decode("utf-8", "surrogateescape"), zone)
    if cache_file is not None and key is not None:
        _keep(cache_file, key, files)
    return GitDates(files=files)


def _cached(cache_file: Path, key: str) -> dict[str, FileHistory] | None:
    try:
        stored_key, files = pickle.loads(cache_file.read_bytes())  # noqa: S301 - written by _keep
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return files if stored_key == key and isinstance(files, dict) else None


def _keep(cache_file: Path, key: str, files: dict[str, FileHistory]) -> None:
    write_cache_file(cache_file, pickle.dumps((key, files), protocol=pickle.HIGHEST_PROTOCOL))  # else: the log next time


def newest(moments: Iterable[datetime | None]) -> datetime | None:
    """The latest of some optional instants, or None when there is none."""
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None
