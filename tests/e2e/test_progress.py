"""`build.py build` shows its progress: plain Vietnamese lines in CI logs, a bar on request, nothing with --quiet.

The unit tests (tests/unit/test_progress_reporter.py) cover the text and the choice
between bar and lines; these run real builds and read what an operator reads.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import REPO, Site
from portal.progress import INTERVAL_VARIABLE

ARTICLES = 30
LINE = re.compile(r"^(Đang|Đã) (dựng|ghi) trang: ([\d.]+)/([\d.]+) \((\d+)%\), (.+)$")


def build_py(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    """Like ``site.run_build_py``, but keeps carriage returns (``text=True`` would turn them into newlines)."""
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "-f", str(site.write_config()), "build", *args],
        capture_output=True,
        cwd=site.root,
        timeout=300,
    )
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def number(text: str) -> int:
    return int(text.replace(".", ""))


def progress_lines(stderr: str) -> dict[str, list[tuple[str, int, int, int, str]]]:
    """The progress lines of each stage: (Đang|Đã, done, total, percent, the rest)."""
    stages: dict[str, list[tuple[str, int, int, int, str]]] = {}
    for line in stderr.splitlines():
        match = LINE.match(line)
        if match:
            stages.setdefault(match[2], []).append((match[1], number(match[3]), number(match[4]), int(match[5]), match[6]))
    return stages


@pytest.fixture
def news(site: Site) -> Site:
    for n in range(ARTICLES):
        site.article(f"bai-{n:02d}", title=f"Bài số {n}", date=f"2025-01-{1 + n % 28:02d} 08:00")
    return site


@pytest.fixture
def ci(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """What CI looks like to build.py: CI=true, standard error captured (not a terminal)."""
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv(INTERVAL_VARIABLE, raising=False)
    return monkeypatch


def test_ci_logs_get_a_line_per_page_at_interval_zero_counting_up_to_the_total(news: Site, ci: pytest.MonkeyPatch) -> None:
    ci.setenv(INTERVAL_VARIABLE, "0")
    result = build_py(news)
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr and "\r" not in result.stdout, "no carriage return in a CI log"
    stages = progress_lines(result.stderr)
    assert list(stages) == ["dựng", "ghi"], result.stderr
    for name, lines in stages.items():
        total = lines[-1][2]
        assert total > ARTICLES, (name, total)  # the articles, the home page, the category pages…
        assert all(line[2] == total for line in lines), name
        # At interval 0, a line at every page: 1, 2, … total - 1, then the stage's end.
        assert [line[1] for line in lines] == list(range(1, total + 1)), name
        assert all(word == "Đang" for word, *_ in lines[:-1]) and lines[-1][0] == "Đã", name
        assert [line[3] for line in lines[:-1]] == sorted(line[3] for line in lines[:-1]) and max(line[3] for line in lines[:-1]) < 100
        assert lines[-1][1:4] == (total, total, 100) and lines[-1][4].startswith("mất "), lines[-1]
        assert all(rest.startswith(("còn khoảng ", "còn dưới 1 giây", "đang ước tính")) for *_, rest in lines[:-1]), name
    assert stages["dựng"][-1][2] == stages["ghi"][-1][2]
    # Both stages end before the build's last messages.
    assert result.stderr.index("Đã ghi trang") < result.stderr.index("Documentation built")


def test_a_short_build_prints_one_line_per_stage(news: Site, ci: pytest.MonkeyPatch) -> None:
    ci.setenv(INTERVAL_VARIABLE, "3600")
    result = build_py(news)
    assert result.returncode == 0, result.stderr
    stages = progress_lines(result.stderr)
    assert [[line[0] for line in lines] for lines in stages.values()] == [["Đã"], ["Đã"]], result.stderr
    total = stages["ghi"][0][2]
    assert f"Đã dựng trang: {total}/{total} (100%), mất " in result.stderr


def test_not_a_terminal_gets_plain_lines_even_outside_ci(news: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv(INTERVAL_VARIABLE, "3600")
    result = build_py(news)
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr
    assert list(progress_lines(result.stderr)) == ["dựng", "ghi"], result.stderr


@pytest.mark.parametrize("option", [["--quiet"], ["-q"], ["--progress", "off"]])
def test_quiet_prints_no_progress(news: Site, ci: pytest.MonkeyPatch, option: list[str]) -> None:
    ci.setenv(INTERVAL_VARIABLE, "0")
    result = build_py(news, *option)
    assert result.returncode == 0, result.stderr
    assert "dựng trang" not in result.stderr and "ghi trang" not in result.stderr, result.stderr
    assert "Đã xây dựng xong" in result.stdout


def test_a_bar_when_asked_for(news: Site, ci: pytest.MonkeyPatch) -> None:
    result = build_py(news, "--progress", "bar")
    assert result.returncode == 0, result.stderr
    assert "\r" in result.stderr
    bar = re.findall(r"Ghi trang: 100%\|[^|]*\| (\d+)/(\d+) trang, mất ", result.stderr)
    assert bar and bar[-1][0] == bar[-1][1], result.stderr
    assert "Dựng trang: 100%" in result.stderr
    assert not progress_lines(result.stderr), "a bar, not lines"


def test_an_unknown_progress_mode_is_refused(news: Site) -> None:
    result = build_py(news, "--progress", "loud")
    assert result.returncode == 2
    assert "--progress" in result.stderr and "auto" in result.stderr


def test_builds_not_made_by_build_py_stay_silent(news: Site, ci: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    ci.setenv(INTERVAL_VARIABLE, "0")
    news.build()  # build_site() from a script: progress is build.py's choice
    assert not progress_lines(capfd.readouterr().err)
    config = news.write_config()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], capture_output=True, text=True, cwd=news.root, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert not progress_lines(result.stderr), result.stderr


def test_a_portal_can_list_the_plugin_for_plain_mkdocs_build(news: Site, ci: pytest.MonkeyPatch) -> None:
    ci.setenv(INTERVAL_VARIABLE, "0")
    news.extra_plugins = [{"portal/progress": {"interval": 3600}}]
    config = news.write_config()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True, text=True, cwd=news.root, timeout=300
    )
    assert result.returncode == 0, result.stderr
    stages = progress_lines(result.stderr)
    assert [[line[0] for line in lines] for lines in stages.values()] == [["Đã"], ["Đã"]], result.stderr  # its own interval wins
    quiet = build_py(news, "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert not progress_lines(quiet.stderr), "build.py's --quiet turns the listed plugin off too"
    again = build_py(news)
    assert list(progress_lines(again.stderr)) == ["dựng", "ghi"], "listed once, counted once"
    assert len(progress_lines(again.stderr)["ghi"]) == 1
