"""Git dates: one `git log` parsed into each file's history; no usable history is not an error."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from pathlib import Path

from conftest import git
from portal.reading.dates import VIETNAM
from portal.reading.git_dates import FileHistory, parse_log, read_git_dates


def make_repo(root: Path) -> Path:
    """content/ with an article committed twice, one committed once, and a file never committed."""
    content = root / "content"
    (content / "tin-tuc/2025").mkdir(parents=True)
    git(root, "init", "-q")
    (content / "tin-tuc/2025/sua-lai.md").write_text("v1\n", encoding="utf-8")
    (content / "tin-tuc/2025/Đón đoàn.md").write_text("x\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Đăng bài", date="2025-01-15T10:00:00+07:00")
    (content / "tin-tuc/2025/sua-lai.md").write_text("v2\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Sửa bài", date="2025-01-16T09:30:00+07:00")
    (content / "chua-commit.md").write_text("new\n", encoding="utf-8")
    return content


def test_parse_log_keeps_newest_and_oldest_commit_of_each_path() -> None:
    # Newest commit first, as git log prints it; -z ends every token with NUL.
    decomposed = unicodedata.normalize("NFD", "tin-tuc/Đón đoàn.md")
    output = (
        "\x011737000000\0\ntin-tuc/a.md\0gioi-thieu.md\0"
        "\x011736900000\0\ntin-tuc/a.md\0" + decomposed + "\0"
    )
    history = parse_log(output)
    a = history["tin-tuc/a.md"]
    assert a.last == datetime.fromtimestamp(1737000000, timezone.utc)
    assert a.first == datetime.fromtimestamp(1736900000, timezone.utc)
    assert a.commits == 2 and a.revised == a.last
    assert history["gioi-thieu.md"].revised is None  # committed once: added, not revised
    # Paths are compared in NFC whatever form the commit stored.
    assert "tin-tuc/Đón đoàn.md" in history


def test_a_single_commit_is_not_a_revision() -> None:
    moment = datetime(2025, 1, 15, tzinfo=timezone.utc)
    assert FileHistory(last=moment, first=moment).revised is None


def test_real_repository_in_one_pass(tmp_path: Path) -> None:
    content = make_repo(tmp_path)
    dates = read_git_dates(content, VIETNAM)
    assert dates.available, dates.reason
    revised = dates.get("tin-tuc/2025/sua-lai.md")
    assert revised is not None and revised.commits == 2
    assert revised.last.isoformat() == "2025-01-16T09:30:00+07:00"
    assert revised.first.isoformat() == "2025-01-15T10:00:00+07:00"
    once = dates.get(unicodedata.normalize("NFD", "tin-tuc/2025/Đón đoàn.md"))
    assert once is not None and once.revised is None
    assert dates.get("chua-commit.md") is None


def test_no_repository_is_reported_not_raised(tmp_path: Path) -> None:
    dates = read_git_dates(tmp_path)
    assert not dates.available and "git" in dates.reason and dates.files == {}


def test_shallow_clone_has_no_dates(tmp_path: Path) -> None:
    make_repo(tmp_path / "origin")
    git(tmp_path, "clone", "-q", "--depth", "1", (tmp_path / "origin").as_uri(), "clone")
    dates = read_git_dates(tmp_path / "clone" / "content")
    assert not dates.available and "shallow" in dates.reason


def test_git_not_installed(tmp_path: Path, monkeypatch) -> None:
    make_repo(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    dates = read_git_dates(tmp_path / "content")
    assert not dates.available and "git" in dates.reason


def test_history_is_kept_by_commit_and_read_again_after_the_next(tmp_path: Path, monkeypatch) -> None:
    import portal.reading.git_dates as git_dates

    content = make_repo(tmp_path)
    cache = tmp_path / "cache" / "git-dates.pickle"
    first = read_git_dates(content, VIETNAM, cache)
    logs: list[tuple[str, ...]] = []
    original = git_dates._git

    def counted(folder: Path, *args: str):  # type: ignore[no-untyped-def]
        if "log" in args:
            logs.append(args)
        return original(folder, *args)

    monkeypatch.setattr(git_dates, "_git", counted)
    again = read_git_dates(content, VIETNAM, cache)
    assert again.files == first.files and logs == []  # the same commit: no git log

    (content / "tin-tuc/2025/Đón đoàn.md").write_text("y\n", encoding="utf-8")
    assert read_git_dates(content, VIETNAM, cache).files == first.files  # not committed: not history
    git(tmp_path, "commit", "-q", "-am", "Sửa bài thứ hai", date="2025-01-17T08:00:00+07:00")
    after = read_git_dates(content, VIETNAM, cache)
    assert len(logs) == 1
    revised = after.get("tin-tuc/2025/Đón đoàn.md")
    assert revised is not None and revised.revised is not None
    assert revised.revised.isoformat() == "2025-01-17T08:00:00+07:00"
    cache.write_bytes(b"not a pickle")  # damaged: read from git again, never an error
    assert read_git_dates(content, VIETNAM, cache).files == after.files and len(logs) == 2
