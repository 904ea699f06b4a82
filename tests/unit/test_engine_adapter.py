"""The adapter to MkDocs internals (portal.mkdocs_plugins.engine): the preview's file watcher."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from portal.mkdocs_plugins.engine import ChangesObserver, use_native_watcher
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver


class Recorder(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)


def wait_for(condition, seconds: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_the_preview_watches_with_native_notifications_and_keeps_every_path(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(content))
    server.watch(str(config))
    assert isinstance(server.observer, PollingObserver)  # MkDocs 1.6's default, which this replaces
    assert use_native_watcher(server)
    assert isinstance(server.observer, ChangesObserver)
    assert set(server._watched_paths) == {str(content), str(config)}
    server.unwatch(str(content))  # still MkDocs' own bookkeeping
    assert set(server._watched_paths) == {str(config)}


def test_reading_a_file_is_no_change_and_saving_one_is(tmp_path: Path) -> None:
    article = tmp_path / "bai.md"
    article.write_text("Nội dung.\n", encoding="utf-8")
    recorder = Recorder()
    observer = ChangesObserver()
    observer.schedule(recorder, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.3)
        for _ in range(20):  # a build reads every article and template
            article.read_bytes()
        time.sleep(0.5)
        assert [e for e in recorder.events if not e.is_directory] == []
        article.write_text("Nội dung đã sửa.\n", encoding="utf-8")
        assert wait_for(lambda: any(e.src_path == str(article) for e in recorder.events))
        (tmp_path / "moi.md").write_text("x", encoding="utf-8")
        assert wait_for(lambda: any(e.event_type == "created" for e in recorder.events))
    finally:
        observer.stop()
        observer.join()
