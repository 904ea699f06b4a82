"""``portal/progress``: counts the pages MkDocs builds and hands the counts to :class:`portal.progress.Progress`.

Documented MkDocs events only, and nothing about the portal: the total is the
documentation pages MkDocs is about to read (``on_nav``, after every plugin
has added its generated pages), ``on_page_content`` counts the pages read and
converted (stage *dựng trang*), ``on_post_page`` the pages written through
the theme (stage *ghi trang*), ``on_post_build`` ends, ``on_build_error``
closes the bar so errors start on a line of their own.

``build.py build`` adds it to every build (:func:`register`; ``--progress``,
``--quiet``); a portal may also list ``- portal/progress`` in mkdocs.yml to see
progress under plain ``mkdocs build``. It is silent under ``serve``.
"""

from __future__ import annotations

from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.mkdocs_plugins import add_plugin
from portal.mkdocs_plugins.progress.config import ProgressConfig
from portal.progress import MODES, Progress

NAME = "portal/progress"
READ = "dựng trang"
WRITE = "ghi trang"
# The loggers whose console output goes above the bar: MkDocs' (build.py, `mkdocs build`) and ProperDocs'.
LOGGERS = ("mkdocs", "properdocs", "")

__all__ = ["NAME", "ProgressPlugin", "register"]


class ProgressPlugin(BasePlugin[ProgressConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self._serving = False
        self._pages_to_write: int | None = None

    # -- events ------------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self._serving = command == "serve"

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        self._serving = True  # also under `mkdocs serve --clean`, which starts as a 'build'
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        interval = self.config.interval
        if interval is not None and not interval >= 0:
            raise PluginError(f"'{NAME}': 'interval' là số giây giữa hai dòng tiến độ, không được âm (đang là {interval}).")
        self.progress = None
        self._pages_to_write = None
        return None

    @event_priority(-100)  # after every plugin that adds pages
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.config.enabled and not self._serving:
            self.progress = Progress(self.config.mode, interval=self.config.interval, loggers=LOGGERS)
            if self.progress.enabled:
                self.progress.stage(READ, len(files.documentation_pages()))
            else:
                self.progress = None
        return None

    @event_priority(-100)  # once every plugin is done with the page
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.progress is not None:
            self.progress.tick()
        return None

    @event_priority(-100)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.progress is not None:
            self.progress.finish()
            # The stage starts with the first page written: the theme's assets are copied before,
            # and counting that time would make the first estimates far too long.
            self._pages_to_write = len(files.documentation_pages())
        return None

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.progress is not None:
            if self._pages_to_write is not None:
                self.progress.stage(WRITE, self._pages_to_write)
                self._pages_to_write = None
            self.progress.tick()
        return None

    @event_priority(100)  # before the slow post-build work of other plugins (search index, feeds)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.finish()

    def on_build_error(self, *, error: Exception) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.abort()


def register(config: MkDocsConfig, mode: str) -> ProgressPlugin:
    """Show this build's progress in ``mode`` (one of :data:`portal.progress.MODES`).

    Adds the plugin to a loaded config through MkDocs' plugin collection,
    which registers its events; when mkdocs.yml already lists it, an explicit
    mode (anything but ``auto``) overrides the one written there.
    """
    if mode not in MODES:
        raise ValueError(f"chế độ hiển thị tiến độ '{mode}' không hợp lệ: chọn một trong {', '.join(MODES)}")
    listed = config.plugins.get(NAME)
    if isinstance(listed, ProgressPlugin):
        if mode != "auto":
            listed.config.mode = mode
            listed.config.enabled = mode != "off"
        return listed
    return add_plugin(config, NAME, ProgressPlugin(), {"mode": mode})  # type: ignore[no-any-return]
