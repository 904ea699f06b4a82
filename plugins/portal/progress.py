"""Progress of a long build: a bar on a terminal, a plain line every few seconds in CI logs.

Plain Python, no MkDocs: the ``portal/progress`` plugin only tells a
:class:`Progress` when a stage starts (with its total) and when one more item
is done. How it is shown is decided here, once per build:

- ``bar``: a tqdm bar on standard error, with counts and the time left; log
  messages printed meanwhile are written above it, never into it.
- ``lines``: a plain line at most every ``interval`` seconds, and one at the
  end of each stage (``Đang dựng trang: 5.000/15.341 (33%), còn khoảng 1 phút
  20 giây``). No carriage return ever: a CI log keeps every line.
- ``auto``: lines in CI (the ``CI`` environment variable), on anything that is
  not a terminal and on a dumb terminal; a bar otherwise.
- ``off``: silent.

``PORTAL_PROGRESS_INTERVAL`` (seconds, ``0`` for a line at every item) sets
the interval of plain lines when the caller does not.
"""

from __future__ import annotations

import io
import logging
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

INTERVAL_VARIABLE = "PORTAL_PROGRESS_INTERVAL"
DEFAULT_INTERVAL = 5.0
MODES = ("auto", "bar", "lines", "off")
FALLBACK_WIDTH = 100  # columns of a bar where the terminal does not tell its width

__all__ = [
    "DEFAULT_INTERVAL",
    "INTERVAL_VARIABLE",
    "MODES",
    "Progress",
    "choose_mode",
    "final_line",
    "format_count",
    "format_duration",
    "in_ci",
    "progress_line",
    "read_interval",
    "time_left",
]


# -- text -------------------------------------------------------------------


def format_count(number: int) -> str:
    """A count as Vietnamese writes it: ``15.341`` (a dot between thousands)."""
    return f"{number:,}".replace(",", ".")


def format_duration(seconds: float) -> str:
    """A duration in words: ``45 giây``, ``1 phút 20 giây``, ``12 phút``, ``1 giờ 5 phút``, ``dưới 1 giây``."""
    if seconds < 1:
        return "dưới 1 giây"
    total = round(seconds)
    if total < 60:
        return f"{total} giây"
    if total < 600:
        minutes, rest = divmod(total, 60)
        return f"{minutes} phút" + (f" {rest} giây" if rest else "")
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} phút"
    hours, rest = divmod(minutes, 60)
    return f"{hours} giờ" + (f" {rest} phút" if rest else "")


def time_left(done: int, total: int, elapsed: float) -> str:
    """``còn khoảng …`` at the average pace so far; in the first second, that it is still being estimated."""
    if done <= 0 or elapsed < 1:
        return "đang ước tính thời gian còn lại"
    remaining = max(total - done, 0) * elapsed / done
    return "còn dưới 1 giây" if remaining < 1 else f"còn khoảng {format_duration(remaining)}"


def _counts(done: int, total: int) -> str:
    percent = 100 if done >= total else min(round(done * 100 / total), 99)  # 100% only when it is all done
    return f"{format_count(done)}/{format_count(total)} ({percent}%)"


def progress_line(label: str, done: int, total: int, elapsed: float) -> str:
    """``Đang dựng trang: 5.000/15.341 (33%), còn khoảng 1 phút 20 giây``: a stage under way."""
    return f"Đang {label}: {_counts(done, total)}, {time_left(done, total, elapsed)}"


def final_line(label: str, done: int, total: int, elapsed: float) -> str:
    """``Đã dựng trang: 15.341/15.341 (100%), mất 2 phút 3 giây``: a stage that ended."""
    return f"Đã {label}: {_counts(done, total)}, mất {format_duration(elapsed)}"


# -- choosing how to show it -----------------------------------------------------


def in_ci(environ: Mapping[str, str]) -> bool:
    """Whether the ``CI`` variable says this runs in CI (``CI=true``, ``CI=1``; not ``CI=false``)."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def choose_mode(requested: str, stream: IO[str] | None, environ: Mapping[str, str]) -> str:
    """``bar``, ``lines`` or ``off`` for a requested mode (one of :data:`MODES`)."""
    if requested not in MODES:
        raise ValueError(f"chế độ hiển thị tiến độ '{requested}' không hợp lệ: chọn một trong {', '.join(MODES)}")
    if stream is None or environ.get("PORTAL_WORKER"):  # a forked render worker: the parent shows progress
        return "off"
    if requested != "auto":
        return requested
    if in_ci(environ) or environ.get("TERM") == "dumb":
        return "lines"
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        terminal = False
    return "bar" if terminal else "lines"


def read_interval(value: float | None, environ: Mapping[str, str]) -> float:
    """Seconds between plain lines: ``value``, else ``PORTAL_PROGRESS_INTERVAL``, else 5.

    A variable that is not a number of seconds (or is negative) is ignored:
    how often progress is printed never stops a build.
    """
    if value is not None:
        return max(float(value), 0.0)
    text = environ.get(INTERVAL_VARIABLE, "").strip()
    if text:
        try:
            seconds = float(text)
        except ValueError:
            seconds = -1.0
        if seconds >= 0 and math.isfinite(seconds):
            return seconds
    return DEFAULT_INTERVAL


# -- the reporter -----------------------------------------------------------------


@dataclass
class _Stage:
    label: str
    total: int
    unit: str
    started: float
    done: int = 0
    last_line: float = 0.0
    bar: Any = None


class Progress:
    """Reports the stages of one build; every method is a no-op when it is off.

    Args:
        mode: one of :data:`MODES`.
        stream: where to write (default: standard error, as it is when the reporter is made).
        interval: seconds between plain lines (default: :func:`read_interval`).
        environ: the environment to read ``CI``, ``TERM`` and the interval from (default: ``os.environ``).
        clock: a monotonic clock in seconds (tests pass a fake one).
        loggers: names of the loggers whose console handlers are kept above the bar
            while it is shown (``""`` is the root logger).
    """

    def __init__(
        self,
        mode: str = "auto",
        *,
        stream: IO[str] | None = None,
        interval: float | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        loggers: Iterable[str] = ("",),
    ) -> None:
        environ = os.environ if environ is None else environ
        self.stream = sys.stderr if stream is None else stream
        self.mode = choose_mode(mode, self.stream, environ)
        self.interval = read_interval(interval, environ)
        self._clock = clock
        self._loggers = tuple(loggers)
        self._stage: _Stage | None = None
        self._wrapped: list[tuple[logging.Logger, logging.Handler, logging.Handler]] = []

    @property
    def enabled(self) -> bool:
        return self.mode != "off"

    def stage(self, label: str, total: int, unit: str = "trang") -> None:
        """Start a stage (``dựng trang``: lines read ``Đang dựng trang…``) of ``total`` items; ends the open one."""
        if not self.enabled:
            return
        self.finish()
        now = self._clock()
        stage = _Stage(label=label, total=max(int(total), 0), unit=unit, started=now, last_line=now)
        if stage.total == 0:
            return  # nothing to count: no bar, no line
        if self.mode == "bar":
            stage.bar = _make_bar(stage, self.stream)
            self._keep_logs_above_the_bar()
        self._stage = stage

    def tick(self, count: int = 1) -> None:
        """``count`` more items of the current stage are done; the stage ends by itself at its total."""
        stage = self._stage
        if stage is None:
            return
        stage.done = min(stage.done + count, stage.total)
        if stage.bar is not None:
            stage.bar.update(stage.done - stage.bar.n)
        elif stage.done < stage.total:
            now = self._clock()
            if now - stage.last_line >= self.interval:
                stage.last_line = now
                self._write(progress_line(stage.label, stage.done, stage.total, now - stage.started))
        if stage.done >= stage.total:
            self.finish()

    def finish(self) -> None:
        """End the current stage: its last line (or the bar, left at its last count)."""
        stage, self._stage = self._stage, None
        if stage is None:
            return
        if stage.bar is not None:
            self._close_bar(stage)
        else:
            self._write(final_line(stage.label, stage.done, stage.total, self._clock() - stage.started))

    def abort(self) -> None:
        """The build failed: close the bar so the errors start on a line of their own; no final line."""
        stage, self._stage = self._stage, None
        if stage is not None and stage.bar is not None:
            self._close_bar(stage)

    # -- output ---------------------------------------------------------------

    def _write(self, line: str) -> None:
        try:
            self.stream.write(line + "\n")
            self.stream.flush()
        except (OSError, ValueError):  # a closed pipe (`… | head`), a closed stream: progress never stops a build
            self.mode, self._stage = "off", None

    def _close_bar(self, stage: _Stage) -> None:
        try:
            stage.bar.close()
        finally:
            self._restore_logs()

    def _keep_logs_above_the_bar(self) -> None:
        """Route the console handlers of ``loggers`` through tqdm, which clears the bar, logs, and redraws it."""
        for name in self._loggers:
            logger = logging.getLogger(name)
            for index, handler in enumerate(logger.handlers):
                if isinstance(handler, logging.StreamHandler) and _is_console(handler):
                    wrapper = _AboveTheBar(handler)
                    logger.handlers[index] = wrapper
                    self._wrapped.append((logger, wrapper, handler))

    def _restore_logs(self) -> None:
        wrapped, self._wrapped = self._wrapped, []
        for logger, wrapper, handler in wrapped:
            logger.handlers = [handler if h is wrapper else h for h in logger.handlers]


def _is_console(handler: logging.Handler) -> bool:
    return isinstance(handler, logging.StreamHandler) and handler.stream in (sys.stdout, sys.stderr)


class _AboveTheBar(logging.Handler):
    """A console handler that writes while the bar is cleared (its level, filters and format unchanged)."""

    def __init__(self, inner: logging.StreamHandler) -> None:  # type: ignore[type-arg]
        super().__init__(inner.level)
        self.inner = inner

    def handle(self, record: logging.LogRecord) -> bool:  # type: ignore[override]
        from tqdm import tqdm

        with tqdm.external_write_mode(file=self.inner.stream):
            return bool(self.inner.handle(record))

    def emit(self, record: logging.LogRecord) -> None:  # pragma: no cover - handle() delegates
        self.inner.emit(record)


def _terminal_is_sized(stream: IO[str]) -> bool:
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return False
    return size.columns > 0 and size.lines > 0


def _make_bar(stage: _Stage, stream: IO[str]) -> Any:
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc]
        monitor_interval = 0  # no monitoring thread

        @property
        def format_dict(self) -> dict[str, Any]:
            values = super().format_dict
            done, total = values["n"], values["total"] or 0
            values["counts"] = f"{format_count(done)}/{format_count(total)}"
            elapsed = values["elapsed"]
            values["left"] = time_left(done, total, elapsed) if done < total else f"mất {format_duration(elapsed)}"
            return values

    label = stage.label[:1].upper() + stage.label[1:]
    # Follow the terminal's width as it is resized; a terminal that reports no width
    # (a pseudo-terminal nobody sized, `script` without a terminal) or no terminal gets 100 columns.
    sized = _terminal_is_sized(stream)
    return Bar(
        total=stage.total,
        desc=label,
        unit=stage.unit,
        file=stream,
        leave=True,
        dynamic_ncols=sized,
        ncols=None if sized else FALLBACK_WIDTH,
        nrows=None if sized else 24,  # tqdm hides a bar below a terminal of 0 rows
        disable=False,
        bar_format="{desc}: {percentage:3.0f}%|{bar}| {counts} {unit}, {left}",
    )
