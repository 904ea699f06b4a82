"""A deterministic git history for the synthetic corpus.

The portal dates "Cập nhật" and sitemap ``lastmod`` from one ``git log`` over
``content/`` (``portal.reading.git_dates``), and Hugo's ``enableGitInfo`` does
the same, so a corpus without history leaves that cost out of every figure.

The history is one commit per day of articles, dated that day (author and
committer), with each article's lead photo added in the same commit as the
article. It is written in one ``git fast-import`` stream rather than one
``git commit`` per day: ~3,650 days at 50,000 articles would otherwise start
some 10,000 processes. Same inputs, same dates, same messages: same hashes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

AUTHOR_NAME = "Ban biên tập"
AUTHOR_EMAIL = "bientap@example.vn"
BRANCH = "main"
# Whatever the user's global config says, these commits are unsigned and run no hooks.
_CONFIG = (
    "-c", "commit.gpgsign=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", f"user.name={AUTHOR_NAME}",
    "-c", f"user.email={AUTHOR_EMAIL}",
)  # fmt: skip


class GitError(RuntimeError):
    """git is missing or a git command failed; carries its stderr."""


@dataclass(frozen=True)
class Commit:
    """One commit of the generated history: when (aware), what it says, which files."""

    when: datetime
    message: str
    paths: tuple[str, ...]  # relative to the repository root, "/"-separated


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """os.environ without GIT_* variables, which could point git at another repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    env.update(extra or {})
    return env


def git(
    root: Path,
    *args: str,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git -C root ARGS``; raise GitError with its stderr when it fails."""
    try:
        proc = subprocess.run(
            ["git", *_CONFIG, "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            env=clean_env(env),
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed (needed for --git)") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {' '.join(args[:2])} failed in {root}: {detail}")
    return proc


def _stamp(when: datetime) -> str:
    """``<unix seconds> +HHMM``, the date format of fast-import and of GIT_*_DATE."""
    if when.tzinfo is None:
        raise ValueError(f"commit time must be aware: {when!r}")
    offset = when.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{int(when.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def init_repo(root: Path, ignored: Iterable[str]) -> None:
    """``git init`` on branch main with a .gitignore listing ``ignored`` (outputs, caches)."""
    git(root.parent, "init", "-q", "-b", BRANCH, str(root))
    (root / ".gitignore").write_text("".join(f"{p}\n" for p in ignored), encoding="utf-8")


def import_history(root: Path, commits: Iterable[Commit]) -> int:
    """Write ``commits`` (oldest first) onto main with one fast-import; return how many.

    Files are read from the work tree, so the history ends at exactly what is on
    disk; identical bytes (the reused photos) are stored once. The index is then
    loaded from HEAD so later ``git commit`` calls see a clean tree.
    """
    cmd = ["git", *_CONFIG, "-C", str(root), "fast-import", "--quiet", "--done"]
    try:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env()
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed (needed for --git)") from exc
    assert proc.stdin is not None
    marks: dict[bytes, int] = {}
    count = 0
    try:
        out = proc.stdin
        for commit in commits:
            changes: list[bytes] = []
            for path in commit.paths:
                data = (root / path).read_bytes()
                key = hashlib.sha1(data).digest()
                mark = marks.get(key)
                if mark is None:
                    mark = marks[key] = len(marks) + 1
                    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
                    out.write(data + b"\n")
                changes.append(b"M 100644 :%d %s\n" % (mark, path.encode("utf-8")))
            message = commit.message.encode("utf-8")
            who = f"{AUTHOR_NAME} <{AUTHOR_EMAIL}> {_stamp(commit.when)}".encode()
            out.write(b"commit refs/heads/%s\n" % BRANCH.encode())
            out.write(b"author %s\ncommitter %s\n" % (who, who))
            out.write(b"data %d\n%s\n" % (len(message), message))
            out.writelines(changes)
            out.write(b"\n")
            count += 1
        out.write(b"done\n")
        out.close()
    except BrokenPipeError:
        pass  # fast-import died: its stderr says why, below
    stderr = proc.stderr.read() if proc.stderr else b""
    if proc.wait() != 0:
        raise GitError(f"git fast-import failed: {stderr.decode('utf-8', 'replace')}")
    if count:
        git(root, "reset", "-q")  # index := HEAD, so the tree is clean
    return count


def commit_all(root: Path, message: str, when: datetime, pathspec: str = ".") -> None:
    """Stage everything under ``pathspec`` and commit it at ``when`` (author and committer)."""
    stamp = _stamp(when)
    git(root, "add", "-A", "--", pathspec)
    git(
        root,
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        message,
        env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
    )
