"""The build's progress reporter (portal.progress): its Vietnamese text, bar or lines, and silence."""

from __future__ import annotations

import io
import logging
import sys

import pytest
from portal.progress import (
    DEFAULT_INTERVAL,
    INTERVAL_VARIABLE,
    Progress,
    choose_mode,
    final_line,
    format_count,
    format_duration,
    in_ci,
    progress_line,
    read_interval,
    time_left,
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# -- text --------------------------------------------------------------------


@pytest.mark.parametrize(("number", "text"), [(0, "0"), (5, "5"), (999, "999"), (5000, "5.000"), (15341, "15.341"), (1234567, "1.234.567")])
def test_counts_group_thousands_with_a_dot(number: int, text: str) -> None:
    assert format_count(number) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "dưới 1 giây"),
        (0.4, "dưới 1 giây"),
        (1, "1 giây"),
        (45, "45 giây"),
        (59.4, "59 giây"),
        (60, "1 phút"),
        (80, "1 phút 20 giây"),
        (599, "9 phút 59 giây"),
        (725, "12 phút"),  # past ten minutes, seconds are noise
        (3599, "1 giờ"),
        (3900, "1 giờ 5 phút"),
        (7200, "2 giờ"),
    ],
)
def test_durations_read_in_vietnamese(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_time_left_is_the_average_pace_so_far() -> None:
    assert time_left(5000, 15341, 40) == "còn khoảng 1 phút 23 giây"  # 10,341 pages at 8 ms
    assert time_left(100, 200, 30) == "còn khoảng 30 giây"
    assert time_left(199, 200, 10) == "còn dưới 1 giây"


def test_time_left_is_not_guessed_before_there_is_a_pace() -> None:
    assert time_left(0, 200, 5) == "đang ước tính thời gian còn lại"
    assert time_left(3, 200, 0.2) == "đang ước tính thời gian còn lại"


def test_lines_of_a_stage_under_way_and_ended() -> None:
    assert progress_line("dựng trang", 5000, 15341, 40) == "Đang dựng trang: 5.000/15.341 (33%), còn khoảng 1 phút 23 giây"
    assert final_line("dựng trang", 15341, 15341, 123) == "Đã dựng trang: 15.341/15.341 (100%), mất 2 phút 3 giây"
    assert final_line("ghi trang", 30, 30, 0.3) == "Đã ghi trang: 30/30 (100%), mất dưới 1 giây"


def test_a_hundred_percent_only_when_everything_is_done() -> None:
    assert "(99%)" in progress_line("ghi trang", 15340, 15341, 60)
    assert "(0%)" in progress_line("ghi trang", 1, 15341, 60)


# -- bar or lines --------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, False), ({"CI": "true"}, True), ({"CI": "1"}, True), ({"CI": "false"}, False), ({"CI": ""}, False), ({"CI": "0"}, False)],
)
def test_ci_is_read_from_the_ci_variable(environ: dict[str, str], expected: bool) -> None:
    assert in_ci(environ) is expected


@pytest.mark.parametrize(
    ("requested", "terminal", "environ", "expected"),
    [
        ("auto", True, {}, "bar"),
        ("auto", True, {"CI": "true"}, "lines"),  # a CI log keeps every line: never a bar
        ("auto", False, {}, "lines"),  # piped, redirected to a file
        ("auto", True, {"TERM": "dumb"}, "lines"),
        ("bar", False, {"CI": "true"}, "bar"),  # asked for explicitly
        ("lines", True, {}, "lines"),
        ("off", True, {}, "off"),
    ],
)
def test_bar_on_a_terminal_lines_elsewhere(requested: str, terminal: bool, environ: dict[str, str], expected: str) -> None:
    stream = Terminal() if terminal else io.StringIO()
    assert choose_mode(requested, stream, environ) == expected


def test_a_stream_that_cannot_tell_gets_lines_and_no_stream_gets_nothing() -> None:
    class Bare:
        def write(self, text: str) -> int:
            return len(text)

    assert choose_mode("auto", Bare(), {}) == "lines"  # type: ignore[arg-type]
    closed = io.StringIO()
    closed.close()
    assert choose_mode("auto", closed, {}) == "lines"
    assert choose_mode("auto", None, {}) == "off"  # pythonw: no standard error


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="auto, bar, lines, off"):
        choose_mode("loud", io.StringIO(), {})


def test_the_interval_of_plain_lines() -> None:
    assert read_interval(None, {}) == DEFAULT_INTERVAL == 5
    assert read_interval(None, {INTERVAL_VARIABLE: "0"}) == 0
    assert read_interval(None, {INTERVAL_VARIABLE: "2.5"}) == 2.5
    assert read_interval(10, {INTERVAL_VARIABLE: "0"}) == 10  # the caller's value wins
    for wrong in ("năm", "-1", "nan", "inf", " "):
        assert read_interval(None, {INTERVAL_VARIABLE: wrong}) == DEFAULT_INTERVAL, wrong


# -- the reporter --------------------------------------------------------------


def test_lines_at_most_every_interval_and_one_when_a_stage_ends() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress("lines", stream=out, interval=5, environ={}, clock=clock)
    progress.stage("dựng trang", 10)
    for _ in range(9):
        clock.now += 2
        progress.tick()
    assert out.getvalue().splitlines() == [
        "Đang dựng trang: 3/10 (30%), còn khoảng 14 giây",  # at 6 s
        "Đang dựng trang: 6/10 (60%), còn khoảng 8 giây",  # at 12 s
        "Đang dựng trang: 9/10 (90%), còn khoảng 2 giây",  # at 18 s
    ]
    clock.now += 2
    progress.tick()  # the last one ends the stage
    assert out.getvalue().splitlines()[-1] == "Đã dựng trang: 10/10 (100%), mất 20 giây"
    progress.tick()
    progress.finish()
    assert len(out.getvalue().splitlines()) == 4, "nothing after the end"
    assert "\r" not in out.getvalue()


def test_a_new_stage_ends_the_one_before_with_its_real_count() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress("lines", stream=out, interval=60, environ={}, clock=clock)
    progress.stage("dựng trang", 4)
    progress.tick(3)
    clock.now += 1
    progress.stage("ghi trang", 2)
    progress.tick(2)
    assert out.getvalue().splitlines() == [
        "Đã dựng trang: 3/4 (75%), mất 1 giây",
        "Đã ghi trang: 2/2 (100%), mất dưới 1 giây",
    ]


def test_the_interval_comes_from_the_environment_when_not_given() -> None:
    out = io.StringIO()
    progress = Progress("lines", stream=out, environ={INTERVAL_VARIABLE: "0"}, clock=Clock())
    progress.stage("ghi trang", 3)
    for _ in range(3):
        progress.tick()
    assert [line.split(",")[0] for line in out.getvalue().splitlines()] == [
        "Đang ghi trang: 1/3 (33%)",
        "Đang ghi trang: 2/3 (67%)",
        "Đã ghi trang: 3/3 (100%)",
    ]


def test_silent_when_off() -> None:
    out = Terminal()
    progress = Progress("off", stream=out, interval=0, environ={})
    assert not progress.enabled
    progress.stage("dựng trang", 5)
    progress.tick(5)
    progress.finish()
    progress.abort()
    assert out.getvalue() == ""


def test_an_output_that_breaks_turns_progress_off_instead_of_failing_the_build() -> None:
    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    progress = Progress("lines", stream=Broken(), interval=0, environ={}, clock=Clock())
    progress.stage("ghi trang", 3)
    progress.tick()
    assert not progress.enabled
    progress.tick(2)
    progress.stage("ghi trang", 3)
    progress.finish()


def test_an_empty_stage_prints_nothing() -> None:
    out = io.StringIO()
    progress = Progress("lines", stream=out, interval=0, environ={}, clock=Clock())
    progress.stage("ghi trang", 0)
    progress.tick()
    progress.finish()
    assert out.getvalue() == ""


def test_a_failed_build_gets_no_final_line() -> None:
    out = io.StringIO()
    progress = Progress("lines", stream=out, interval=60, environ={}, clock=Clock())
    progress.stage("ghi trang", 10)
    progress.tick(4)
    progress.abort()
    progress.finish()
    assert out.getvalue() == ""


def test_the_bar_shows_counts_and_time_in_vietnamese() -> None:
    out = io.StringIO()
    progress = Progress("bar", stream=out, environ={})
    progress.stage("dựng trang", 1200)
    for _ in range(1200):
        progress.tick()
    text = out.getvalue()
    assert "\r" in text
    assert "Dựng trang:" in text and "0/1.200 trang" in text
    assert "Dựng trang: 100%" in text and "1.200/1.200 trang, mất" in text
    assert text.endswith("\n"), "the bar is left on its own line"


def test_log_messages_are_written_above_the_bar_and_the_handlers_come_back(capsys: pytest.CaptureFixture[str]) -> None:
    logger = logging.getLogger("portal-test-progress")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    handler.setLevel(logging.WARNING)
    logger.handlers[:] = [handler]
    logger.propagate = False
    try:
        progress = Progress("bar", stream=sys.stderr, environ={}, loggers=["portal-test-progress"])
        progress.stage("ghi trang", 3)
        progress.tick()
        assert logger.handlers != [handler]
        logger.warning("Cảnh báo giữa chừng")
        logger.info("không in: dưới mức của handler")
        progress.tick(2)
        assert logger.handlers == [handler]
    finally:
        logger.handlers[:] = []
    err = capsys.readouterr().err
    lines = err.replace("\r", "\n").splitlines()
    assert "WARNING - Cảnh báo giữa chừng" in lines, err  # a line of its own, not glued to the bar
    assert "không in" not in err
    assert err.index("Cảnh báo") < err.index("3/3 trang")


def test_the_bar_is_closed_when_the_build_fails(capsys: pytest.CaptureFixture[str]) -> None:
    logger = logging.getLogger("portal-test-progress-abort")
    handler = logging.StreamHandler(sys.stderr)
    logger.handlers[:] = [handler]
    try:
        progress = Progress("bar", stream=sys.stderr, environ={}, loggers=["portal-test-progress-abort"])
        progress.stage("ghi trang", 10)
        progress.tick(4)
        progress.abort()
        assert logger.handlers == [handler]
    finally:
        logger.handlers[:] = []
    err = capsys.readouterr().err
    assert "4/10 trang" in err and err.endswith("\n")


# -- the MkDocs adapter ----------------------------------------------------------


class Files:
    def __init__(self, pages: int) -> None:
        self.pages = pages

    def documentation_pages(self) -> list[object]:
        return [object()] * self.pages


def test_the_plugin_counts_both_passes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from portal.mkdocs_plugins.progress.plugin import ProgressPlugin

    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv(INTERVAL_VARIABLE, "3600")
    plugin = ProgressPlugin()
    assert plugin.load_config({}) == ([], [])
    plugin.on_config(None)  # type: ignore[arg-type]
    plugin.on_nav(None, config=None, files=Files(3))  # type: ignore[arg-type]
    for _ in range(3):
        plugin.on_page_content("", page=None, config=None, files=None)  # type: ignore[arg-type]
    plugin.on_env(None, config=None, files=Files(3))  # type: ignore[arg-type]
    for _ in range(3):
        plugin.on_post_page("", page=None, config=None)  # type: ignore[arg-type]
    plugin.on_post_build(config=None)  # type: ignore[arg-type]
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(",")[0] for line in lines] == ["Đã dựng trang: 3/3 (100%)", "Đã ghi trang: 3/3 (100%)"]


def test_the_plugin_is_silent_under_serve(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from portal.mkdocs_plugins.progress.plugin import ProgressPlugin

    monkeypatch.setenv("CI", "true")
    plugin = ProgressPlugin()
    plugin.load_config({})
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(None)  # type: ignore[arg-type]
    plugin.on_nav(None, config=None, files=Files(3))  # type: ignore[arg-type]
    assert plugin.progress is None
    plugin.on_page_content("", page=None, config=None, files=None)  # type: ignore[arg-type]
    plugin.on_post_build(config=None)  # type: ignore[arg-type]
    assert capsys.readouterr().err == ""


def test_the_plugin_refuses_a_negative_interval() -> None:
    from mkdocs.exceptions import PluginError
    from portal.mkdocs_plugins.progress.plugin import ProgressPlugin

    plugin = ProgressPlugin()
    plugin.load_config({"interval": -1})
    with pytest.raises(PluginError, match="interval"):
        plugin.on_config(None)  # type: ignore[arg-type]
