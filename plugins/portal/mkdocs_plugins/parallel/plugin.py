"""``portal/parallel``: render pages on every core during ``build.py build``.

Documented MkDocs events only. After every plugin has planned its pages and
the cache has picked the pages to reuse (``on_files``), the build forks (``on_nav``): each
process keeps the pages in the nav (every page's menu needs them read) and
renders its share of the others; the rest stay known to MkDocs, so links to
them resolve as in a serial build, but are excluded from its rendering. At
``on_post_build`` (first) a worker hands what plugins collected per page
(``plan.collected``, e.g. search records) to the parent and exits; the parent
waits, merges, and lets the plugins write feeds, sitemaps and the search
index as usual. Warnings a worker logged count for ``--strict`` in the parent.

``build.py build --jobs N`` adds it (default: every core); ``serve`` and plain
``mkdocs build`` stay serial.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from portal.mkdocs_plugins import add_plugin, content_plugin
from portal.parallel import Workers, default_jobs, shards

NAME = "portal/parallel"
log = get_plugin_logger("portal.parallel")


class ParallelConfig(Config):
    jobs = c.Type(int, default=0)  # 0: every core


class ParallelPlugin(BasePlugin[ParallelConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.workers: Workers | None = None
        self._serving = False
        self._warnings = _WarningCount()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        self._serving = True
        return server

    @event_priority(-100)  # after portal/content has planned every page and chosen the pages to reuse
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.workers = None
        jobs = self.config.jobs or default_jobs()
        if self._serving or jobs < 2:
            return None
        plan = content_plugin(config, NAME).site.plan  # type: ignore[union-attr]
        in_nav = {page.file.src_uri for page in nav.pages}  # every page's menu shows their titles: read everywhere
        candidates = [f.src_uri for f in files.documentation_pages() if f.src_uri not in in_nav]
        if len(candidates) < 2 * jobs:
            return None  # a small site: forking costs more than it saves
        parts = shards(candidates, jobs)
        logging.getLogger("mkdocs").addHandler(self._warnings)
        # Results are handed over inside the output folder: a killed build leaves them where the next
        # build removes its staging folder, not in /tmp.
        Path(config.site_dir).mkdir(parents=True, exist_ok=True)
        self.workers = Workers(jobs, Path(tempfile.mkdtemp(prefix=".cong-workers-", dir=config.site_dir)))
        number = self.workers.fork()
        mine = set(parts[number])
        for src_uri in candidates:
            if src_uri not in mine:
                file = files.get_file_from_path(src_uri)
                if file is not None:
                    file.inclusion = InclusionLevel.EXCLUDED
                    plan.rendered_elsewhere.add(src_uri)
        return None

    @event_priority(100)  # before every other plugin's on_post_build: a worker stops here
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        workers = self.workers
        if workers is None:
            return
        plan = content_plugin(config, NAME).site.plan  # type: ignore[union-attr]
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if workers.is_worker:
            workers.finish_worker({"collected": plan.collected, "warnings": self._warnings.count})
        results, failures = workers.collect()
        self.workers = None
        if failures:
            raise PluginError("Không dựng xong trang: " + "; ".join(failures) + ". Xem lỗi ở trên.")
        for result in results:
            for name, values in result["collected"].items():
                plan.collected.setdefault(name, {}).update(values)
            for _ in range(result["warnings"]):
                # Counted again in this process, so that --strict stops the build as a serial one would.
                log.warning("(cảnh báo ở trên, từ một tiến trình dựng trang)")

    def on_build_error(self, *, error: Exception) -> None:
        workers, self.workers = self.workers, None
        if workers is None:
            return
        if workers.is_worker:
            print(f"Tiến trình dựng trang {workers.number}: {error}", file=sys.stderr)
            workers.finish_worker({"collected": {}, "warnings": 0}, status=1)
        workers.stop()


class _WarningCount(logging.Handler):
    """Warnings logged while this process renders its share (a worker reports them to the parent)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def register(config: MkDocsConfig, jobs: int) -> ParallelPlugin:
    """Render this build on ``jobs`` processes (0: every core), through MkDocs' plugin collection."""
    return add_plugin(config, NAME, ParallelPlugin(), {"jobs": jobs})  # type: ignore[no-any-return]
