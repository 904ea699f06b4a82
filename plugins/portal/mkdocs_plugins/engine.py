"""The one place that reaches into MkDocs beyond its documented events and structures.

MkDocs 1.6 is frozen, so these calls will not move under us; keeping them here
(and tested in tests/unit/test_engine_adapter.py) means a change of engine
(ProperDocs) is checked in one file.

- :func:`use_native_watcher`: ``mkdocs serve`` watches files with watchdog's
  *polling* observer, which walks every watched folder twice a second in
  Python threads. With 20,000 files under ``content/`` those walks take a core
  and the interpreter lock away from the build: a save took twice as long to
  show as the build itself. The preview swaps it for the operating system's
  notifications (inotify on Linux), listening to changes only: with them, a
  template *read* during the build would otherwise count as a change and start
  the next build.
"""

from __future__ import annotations

import logging
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

log = logging.getLogger("mkdocs.plugins.portal.engine")

# What an editor's save, new file, deletion or rename produces; not opening or reading.
CHANGE_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
]


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, reporting changes only (whatever filter the caller asks)."""

    def schedule(
        self, event_handler: FileSystemEventHandler, path: Any, *, recursive: bool = False, **kwargs: Any
    ) -> ObservedWatch:
        kwargs["event_filter"] = CHANGE_EVENTS
        return super().schedule(event_handler, path, recursive=recursive, **kwargs)


def use_native_watcher(server: Any) -> bool:
    """Move every path ``server`` (MkDocs' ``LiveReloadServer``) watches onto a :class:`ChangesObserver`.

    Call it from ``on_serve``, before the server starts. Returns False (and leaves
    the polling observer) when the system refuses notifications, e.g. when the
    inotify watch limit is reached: the preview then works as before, only slower.
    """
    watched: dict[str, int] = dict(getattr(server, "_watched_paths", {}))
    if not isinstance(getattr(server, "observer", None), BaseObserver):
        return False
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    polling = server.observer
    server.observer = ChangesObserver()
    try:
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
    except OSError as error:
        log.info(f"Xem trước: không dùng được thông báo thay đổi của hệ thống ({error}); quay lại dò tệp định kỳ.")
        for path in list(getattr(server, "_watched_paths", {})):
            while path in server._watched_paths:
                server.unwatch(path)
        server.observer = polling
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
        return False
    return True
