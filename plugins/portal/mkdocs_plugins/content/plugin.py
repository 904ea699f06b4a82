"""``portal/content``: read and validate every article once, and publish them at their URLs."""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import copy_file

from portal.caching import cache_dir, lock
from portal.caching.articles import ArticleCache
from portal.caching.files import FileCache
from portal.caching.keys import global_key, portal_code_hash, unknown_plugins
from portal.caching.pages import PageCache
from portal.clock import build_time
from portal.i18n import labels_for
from portal.mkdocs_plugins.content.config import ContentConfig
from portal.mkdocs_plugins.engine import use_native_watcher
from portal.model.entities import Article, Category
from portal.parallel import in_threads
from portal.planning.plan import REUSABLE_KINDS
from portal.problems import Problem, render_report
from portal.processes import release_freed_memory
from portal.reading.slugs import heading_id
from portal.reading.snapshot import Snapshot, SnapshotRules, take_snapshot
from portal.rendering.csp import add_policy
from portal.rendering.sanitize import HtmlSanitizer, may_hold_raw_html
from portal.site import SiteContent, load_site
from portal.writing.output_folder import OutputFolderError, Sources, check_output_folder, write_manifest
from portal.writing.preview_folder import PreviewFolder, clear_for_rendering
from portal.writing.previous_site import clear_for_build

log = get_plugin_logger("portal.content")

# Options that name this build's folders, not what pages show.
_PER_BUILD_OPTIONS = frozenset({"docs_dir", "site_dir", "config_file_path", "dev_addr", "watch", "strict", "plugins"})
# plan.collected: summaries of the cache entries this build (or a render worker) stored.
_STORED = "page-cache-stored"


def _quiet_reused_links(record: logging.LogRecord) -> bool:
    """MkDocs notes every link to a page it does not render; a reused page is published all the same."""
    return "which is excluded from the built site" not in record.getMessage()


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """The preview builds over its last output on purpose and removes what is stale (writing.preview_folder),
    and ``build.py build`` over the site before last, which it clears first (writing.previous_site)."""
    message = record.getMessage()
    return "A 'dirty' build is being performed" not in message and "The directory contains stale files" not in message


def _output_path(config: MkDocsConfig, dest_uri: str) -> str:
    """A page's path in the output folder, as the preview folder knows placed and rendered pages."""
    return f"{config.site_dir}/{dest_uri}"


def _custom_dir(config: MkDocsConfig) -> Path | None:
    custom = getattr(config.theme, "custom_dir", None)
    return Path(custom) if custom else None


class ContentPlugin(BasePlugin[ContentConfig]):
    """Owns the content model (``self.site``) that the pages and feeds plugins read.

    Articles are read in ``on_pre_build`` rather than ``on_files`` because
    MkDocs empties the output folder between the two: failing before that
    keeps the previous site intact when the content is wrong.
    """

    def __init__(self) -> None:
        self.site: SiteContent | None = None
        self.command = "build"
        self._sanitizer: HtmlSanitizer | None = None
        self._snapshot: Snapshot | None = None
        self._source_dir: str | None = None
        self._config: MkDocsConfig | None = None
        self._release_pages = False
        self._dirty = False
        self._preview: PreviewFolder | None = None  # under `build.py serve`: its folder, kept between builds
        self._placed: dict[str, str] = {}  # this build's reused pages: destination → fingerprint
        self._rendered: dict[str, str] = {}  # under serve: pages this build rendered and cached, destination → fingerprint
        self._files: Files | None = None
        self._kept_articles: ArticleCache | None = None  # under serve: parsed articles, from one build to the next
        self._copies: list[File] = []  # the editors' photos and files, copied on threads at the end
        self._locked: Path | None = None  # the cache folder whose build lock this build holds
        self._packed: dict[str, bytes] = {}  # pages converted, not yet rendered: their HTML, compressed
        self._over_previous = False  # build.py builds over the site before last (writing.previous_site)
        self.cleared_previous_site = False  # ...and this build cleared it before writing anything
        self._kept: set[str] = set()  # files of that site left in place: relative paths
        self._file_cache: FileCache | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # `build.py serve` keeps the preview's folder between builds (MkDocs' dirty build).
        self._dirty = dirty and command == "serve"
        self._preview = None
        self._kept_articles = None
        build_log = logging.getLogger("mkdocs.commands.build")
        if self._dirty:
            build_log.addFilter(_quiet_dirty_warning)
        else:
            build_log.removeFilter(_quiet_dirty_warning)

    def build_over_previous_site(self) -> None:
        """``build.py build`` builds this time in the site before last (MkDocs' "dirty" build), not an empty folder.

        The folder is cleared in ``on_files`` of every file the new site does not take as it
        is, before anything is written (:mod:`portal.writing.previous_site`).
        """
        self._over_previous = True
        self.cleared_previous_site = False
        logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)

    def _end_building_over(self) -> None:
        if self._over_previous and not self._dirty:
            logging.getLogger("mkdocs.commands.build").removeFilter(_quiet_dirty_warning)
        self._over_previous = False
        self._kept = set()
        self._file_cache = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # MkDocs polls every watched folder twice a second: at 20,000 files that halves the speed of each rebuild.
        if self.config.enabled:
            use_native_watcher(server)
        return server

    # -- events ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Reset here, not in __init__: `mkdocs serve` reuses the instance.
        self.site = None
        if self.config.enabled and not config.use_directory_urls:
            raise PluginError(
                "portal/content cần địa chỉ dạng thư mục (tin-tuc/slug/): bỏ 'use_directory_urls: false' khỏi mkdocs.yml."
            )
        # Heading anchors fold đ → d like every slug (the toc extension's own slugify drops
        # "đ"); done here so mkdocs.yml stays free of !!python tags. An explicit setting wins.
        if "toc" in config.markdown_extensions:
            config.mdx_configs.setdefault("toc", {}).setdefault("slugify", heading_id)
        if "{slug}" not in self.config.article_url_format or not self.config.article_url_format.endswith("/"):
            raise PluginError("article_url_format phải chứa {slug} và kết thúc bằng '/', ví dụ 'tin-tuc/{slug}/'.")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        try:
            now = build_time(self.config.now, self.config.timezone)
        except ValueError as error:
            raise PluginError(str(error)) from None
        preview = self.command == "serve"
        keep_going = self.config.keep_going if self.config.keep_going is not None else preview
        project = self._project_dir(config)
        self._hold_lock(cache_dir(project))
        if not preview and not self._over_previous:  # MkDocs empties site_dir next: make sure it is ours (build.py's own are)
            sources = Sources(project=project, docs=Path(config.docs_dir), theme=_custom_dir(config))
            try:
                check_output_folder(Path(config.site_dir), sources)
            except OutputFolderError as error:
                raise PluginError(str(error)) from None
        # Everything is read from one checked snapshot of the content folder: MkDocs lists
        # and copies its files, so nothing outside content/ and no file changed mid-build is published.
        self._source_dir = config.docs_dir
        self._config = config
        rules = SnapshotRules(
            docs_label=self._docs_label(config),
            max_text_mb=float(self.config.max_text_mb),
            max_photo_mb=float(self.config.max_photo_mb),
            allow_active_files=tuple(self.config.allow_active_files),
        )
        self._remove_snapshot()
        if self._dirty and self.config.enabled:
            if self._preview is None or self._preview.site_dir != Path(config.site_dir):
                self._preview = PreviewFolder(Path(config.site_dir))
            self._preview.start()
        self._snapshot = take_snapshot(Path(config.docs_dir), cache_dir(project), rules)
        config.docs_dir = str(self._snapshot.root)
        self.site = load_site(
            self._snapshot.root,
            self.categories,
            articles_dir=self.config.articles_dir,
            article_url_format=self.config.article_url_format,
            related_count=self.config.related_count,
            zone=self.config.timezone,
            docs_label=rules.docs_label,
            now=now,
            include_drafts=self.config.preview_drafts if self.config.preview_drafts is not None else preview,
            source_dir=Path(self._source_dir),
            file_problems=self._snapshot.problems,
            article_cache=self._article_cache(config, rules.docs_label) if self.config.cache else None,
            files=self._snapshot.files,
            identities=self._snapshot.identities,
        )
        language = config.theme.get("language", "vi")
        if self.site.errors and not keep_going:
            # One report with every problem of every file, warnings included.
            raise PluginError(render_report(self.site.problems, language))
        if self.site.errors:
            # Preview: the same report, but the server stays up with the broken files left out.
            log.error(render_report(self.site.problems, language))
        else:
            for problem in self.site.warnings:
                log.warning(problem.render(language))
        index = self.site.index
        log.info(
            f"{len(index.articles)} bài viết, {len(index.drafts)} bản nháp, "
            f"{len(index.scheduled)} hẹn giờ, {len(index.expired)} hết hạn (tính đến {now:%d/%m/%Y %H:%M})"
        )
        for article in index.scheduled.values():
            log.info(f"Hẹn giờ: {article.path} sẽ đăng lúc {article.date:%H:%M %d/%m/%Y}")

    # Early (+50) so the pages and feeds plugins see articles already routed.
    @event_priority(50)
    def _route_articles(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        self._restore_docs_dir(config)  # MkDocs has listed the snapshot; watchers and messages see content/
        if not self.config.enabled or self.site is None:
            return files
        index = self.site.index
        # Drafts, scheduled and expired articles, and files that failed validation
        # (kept going in preview) are not pages: no URL, no sitemap or search entry.
        prefix = self.config.articles_dir.strip("/") + "/"
        unpublished = [
            file for file in files
            if file.src_uri.startswith(prefix) and file.src_uri.endswith(".md") and file.src_uri not in index.by_src_uri
        ]
        for file in unpublished:
            files.remove(file)
        for article in index.articles:
            file = files.get_file_from_path(article.src_uri)
            if file is None:  # pragma: no cover - the file was read from the same folder
                continue
            # Route by slug, not by folder: moving a file between folders keeps its URL.
            file.dest_uri = posixpath.join(article.url, "index.html")
            file.url = article.url
            file.abs_dest_path = os.path.join(config.site_dir, file.dest_uri)  # no Path per article: 0.1 s at 10,000
            # Articles never go in the nav: thousands of nav entries are rendered into every page.
            file.inclusion = InclusionLevel.NOT_IN_NAV
        self._claim_editor_files(files, config)
        return files

    # Last (-100): every plugin has added its pages and claimed its files by now. Before the
    # nav, so that MkDocs makes no Page object for the pages taken from the cache (about
    # 0.1 ms each: seconds at 20,000 pages).
    @event_priority(-100)
    def _plan_pages(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        self._report_collisions(config)
        # A plugin the portal does not know may read a page's text after it is written.
        self._release_pages = self.config.enabled and not unknown_plugins(config.plugins.keys())
        self._copies = []
        self._packed = {}
        self._rendered = {}
        if self.config.enabled and self.site is not None:
            self.site.plan.add_article_pages()
            self._reuse_cached_pages(config, files)
            self._files = files
            if self._release_pages:  # pages taken from the cache never read their article's text
                self._release_bodies(self.site.plan.reused)
            if self._release_pages and self.command != "serve":
                self._copy_editor_files_later(files)
            if self._over_previous:
                self._clear_previous_site(config)
            if self._building_preview:
                clear_for_rendering(
                    file.abs_dest_path for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                )
            # Pages reused or rendered by another process are excluded from MkDocs' rendering,
            # and MkDocs notes every link to them; they are published all the same.
            logging.getLogger("mkdocs.structure.pages").addFilter(_quiet_reused_links)
        return files

    on_files = CombinedEvent(_route_articles, _plan_pages)

    # First (+100): before any plugin loads a template.
    @event_priority(100)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Compiled templates are kept between builds (Jinja checks each against its source's
        # checksum): Material's templates take about a second to compile in every process.
        if self.config.enabled and self.config.cache and env.bytecode_cache is None:
            folder = self._cache_dir(config) / "templates"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(folder))
            except OSError:
                pass  # a read-only cache folder only costs the compile time
        # The site's own addresses for every page's header and footer (and the 404 page), from
        # the plan: one writer, and a link only to pages some plugin really builds.
        if self.config.enabled and self.site is not None:
            plan = self.site.plan
            if self._release_pages:  # nor do pages another render process writes (portal/parallel, on_nav)
                self._release_bodies(plan.rendered_elsewhere)
            env.globals["portal_urls"] = {
                "home": "",
                "search": plan.urls.search,
                "archive": plan.archive.url if plan.archive is not None else None,
                "topics": plan.topics.url if plan.topics is not None else None,
                "subscribe": plan.urls.subscribe,
            }
        return env

    # First (+100): the page's text, before any plugin reads it.
    @event_priority(100)
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        article = self.article_for(page)
        if article is not None:
            # The front matter is already parsed: hand MkDocs the body only, so it does not
            # parse the YAML a second time. The leading blank line stops MkDocs from reading
            # a first "Word: text" line as metadata. Set here, for the pages this process
            # renders, not in on_files for every article: at 50,000 articles the copies
            # cost half a gigabyte that pages taken from the cache or rendered by another
            # process never read.
            page.file.content_string = "\n" + article.body
        return page

    # Early (+50) so that other plugins and the theme see the article's metadata.
    @event_priority(50)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        article = self.article_for(page)
        if article is not None:
            page.meta = self._page_meta(article)
        # Material prints page.meta title and description without escaping (its
        # Jinja has no autoescape): a sapo quoting a programme name ("…") would
        # break the <meta> tag. Hand it HTML-safe values, for every page.
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        return markdown

    # First (+100): clean the editors' HTML before other plugins add their own markup.
    @event_priority(100)
    def _sanitize(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.config.trust_raw_html or page.file.generated_by is not None:
            return html
        hosts = tuple(self.config.iframe_hosts)
        if self._sanitizer is None or self._sanitizer.iframe_hosts != frozenset(hosts):
            self._sanitizer = HtmlSanitizer(hosts)
        if may_hold_raw_html(page.markdown or ""):
            removed = self._sanitizer.findings(html)
            if removed:
                path = f"{self._docs_label(config)}/{page.file.src_uri}"
                params = {"removed": ", ".join(removed), "hosts": ", ".join(hosts) or "-"}
                log.warning(Problem(path, "unsafe_html", params, severity="warning").render(config.theme.get("language", "vi")))
        return self._sanitizer.clean(html)

    # Last (-100): every plugin has read the page's Markdown by now.
    @event_priority(-100)
    def _hold_until_rendered(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Keep only what the page's template needs, packed, until MkDocs renders it.

        MkDocs converts the Markdown of every page first and renders their
        templates afterwards: each page's text was alive three times over (the
        article, the file and the page's Markdown) beside its HTML, about 40 kB an
        article, all at once (2 GB at 50,000 articles on one core). The HTML is
        kept compressed and unpacked in on_page_context, just before its template.
        """
        if not self._release_pages or self.article_for(page) is None:
            return html  # other pages are few, and some templates read their Markdown's title from the page
        page.file.content_string = ""
        page.markdown = None
        self._release_bodies((page.file.src_uri,))
        self._packed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    on_page_content = CombinedEvent(_sanitize, _hold_until_rendered)

    # First (+100): the page's HTML back, before any plugin or template reads it.
    @event_priority(100)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        packed = self._packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
        return context

    # Last (-100): the policy lists the inline scripts that the theme and every plugin wrote.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        output = self._with_policy(output)
        plan = self.site.plan if self.site is not None else None
        if plan is not None and plan.cache is not None:
            planned = plan.pages.get(page.file.src_uri)
            if planned is not None and planned.kind in REUSABLE_KINDS and planned.fingerprint:
                # The bytes MkDocs is about to write (it encodes the same way).
                summary = plan.cache.store(planned.fingerprint, output.encode("utf-8", errors="xmlcharrefreplace"))
                if summary is not None:  # for the cache's index (a render worker hands it back)
                    plan.collected.setdefault(_STORED, {})[planned.fingerprint] = summary
                if self._building_preview:  # the same bytes as the entry: the next save leaves the file where it is
                    self._rendered[_output_path(config, page.file.dest_uri)] = planned.fingerprint
        if self._release_pages and page.file.inclusion.is_not_in_nav():
            # Written next and never read again by a known plugin: keeping every page's text
            # until the end of the build cost about 25 kB a page (1.2 GB at 50,000 articles).
            # Pages in the menu keep theirs: every page shows their titles, taken from it.
            page.file.content_string = ""
            page.markdown = None
            page.content = None
            page.toc = get_toc([])
            self._release_bodies((page.file.src_uri,))
        return output

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        return self._with_policy(output_content) if template_name.endswith(".html") else output_content

    # Early (+90), once the render workers are done (+100): while Pagefind indexes (portal/search, +95
    # to -90), the cached pages and the editors' files are linked into the site.
    @event_priority(90)
    def _place_outputs(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            if self._release_pages and self.command != "serve" and self._rendered_many:
                # What rendering let go, before Pagefind's peak. Not in the preview: it indexes one
                # year in the background, and a full collection took a fifth of a second of each save;
                # nor after a warm build, which let little go (the same fifth of a second, for nothing).
                release_freed_memory()
            self._place_reused_pages(config)
            self._copy_editor_files(config)

    # Last (-100): after feeds, sitemaps and the search index are written.
    @event_priority(-100)
    def _finish_outputs(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        try:
            self._report_collisions(config)  # files claimed while they were written (sitemap parts)
            self._prune_page_cache()
            if self._building_preview:
                self._remove_stale_preview_files()
            if self.command != "serve":
                write_manifest(Path(config.site_dir))
        finally:
            self._remove_snapshot()
            self._files = None
            self._release_lock()
            self._end_building_over()

    on_post_build = CombinedEvent(_place_outputs, _finish_outputs)

    def on_build_error(self, *, error: Exception) -> None:
        self._end_building_over()
        if self._config is not None:
            self._restore_docs_dir(self._config)
        self._remove_snapshot()
        self._files = None
        self._release_lock()
        if self._preview is not None:
            self._preview.forget()  # the next preview build walks its folder for what is stale

    def on_shutdown(self) -> None:
        self._remove_snapshot()
        self._release_lock()
        logging.getLogger("mkdocs.commands.build").removeFilter(_quiet_dirty_warning)

    def _with_policy(self, output: str) -> str:
        # `mkdocs serve` injects its live-reload script after this event: no policy in the preview.
        if not self.config.enabled or not self.config.content_security_policy or self.command == "serve":
            return output
        return add_policy(output, self.config.iframe_hosts)

    # -- what other plugins read ----------------------------------------------

    @property
    def categories(self) -> list[Category]:
        declared = self.config.categories
        return [
            Category(
                slug=item.slug.strip(),
                name=item.name.strip(),
                order=item.order if item.order is not None else position,
                description=item.description.strip(),
            )
            for position, item in enumerate(declared, start=1)
        ]

    def labels(self, config: MkDocsConfig) -> dict[str, str]:
        """The portal's interface words in the site's language, with the configured overrides."""
        return labels_for(config.theme.get("language", "vi"), self.config.labels)

    def cache_file(self, config: MkDocsConfig, name: str) -> Path | None:
        """Where a plugin keeps ``name`` in the build cache; None with the cache off (``--no-cache``)."""
        return self._cache_dir(config) / name if self.config.cache else None

    def article_for(self, page: Page) -> Article | None:
        if self.site is None:
            return None
        return self.site.index.by_src_uri.get(page.file.src_uri)

    # -- helpers -------------------------------------------------------------

    def _claim_editor_files(self, files: Files, config: MkDocsConfig) -> None:
        """Every file from the content folder, at its output path: generated outputs may not replace them."""
        assert self.site is not None and self._snapshot is not None
        outputs = self.site.outputs
        label = self._docs_label(config)
        root = str(self._snapshot.root)
        articles = self.site.index.by_src_uri
        for file in files:
            # Articles are claimed by their source; other files only if they come from the snapshot (not the theme).
            article = file.src_uri in articles
            if not article and (file.generated_by is not None or not (file.abs_src_path or "").startswith(root)):
                continue  # the theme's own files, or pages other plugins generate
            source = f"{label}/{file.src_uri}"
            outputs.claim_editor_file(file.dest_uri, source, ("bài viết " if article else "tệp ") + source)

    def _article_cache(self, config: MkDocsConfig, docs_label: str) -> ArticleCache:
        """Parsed articles by file hash, for one set of reading settings (categories, zone, the portal's code)."""
        settings = repr((
            [(c.slug, c.name, c.order, c.description) for c in self.categories],
            docs_label, str(self.config.timezone), self.config.articles_dir, portal_code_hash(),
        ))
        cache = ArticleCache(self._cache_dir(config) / "articles", settings)
        if self.command == "serve":
            # The preview keeps its parsed articles in memory: unpickling them took a second at 10,000.
            if self._kept_articles is not None and self._kept_articles.folder == cache.folder:
                cache = self._kept_articles
            cache.start_build()
            self._kept_articles = cache
        return cache

    def _reuse_cached_pages(self, config: MkDocsConfig, files: Files) -> None:
        """Fingerprint every page; take unchanged pages from the cache instead of rendering them.

        A reused page's file stays known to MkDocs (links to it resolve as in a
        clean build) but is excluded from rendering; on_post_build puts the
        cached bytes in its place.
        """
        assert self.site is not None and self._snapshot is not None
        plan = self.site.plan
        plan.cache = None
        plan.reused = {}
        if not self.config.cache:
            return
        unknown = unknown_plugins(config.plugins.keys())
        if unknown:
            log.warning(
                "Bộ nhớ đệm tắt trong lần xây dựng này: Cổng không biết plugin "
                + ", ".join(f"'{name}'" for name in unknown)
                + " có thay đổi trang theo cách nào, nên dựng lại mọi trang."
            )
            return
        articles = self.site.index.by_src_uri
        static_pages = {
            name: hashlib.sha256((self._snapshot.root / name).read_bytes()).hexdigest()
            for name in sorted(self._snapshot.files)
            if name.endswith(".md") and name not in articles and not name.startswith(self.config.articles_dir.strip("/") + "/")
        }
        key = global_key(
            config_items={k: config[k] for k in config if k not in _PER_BUILD_OPTIONS},
            plugins=dict(config.plugins),
            theme_dirs=config.theme.dirs,
            static_pages=static_pages,
            command=self.command,
        )
        plan.fingerprint_pages(key, self._snapshot.files)
        plan.cache = PageCache(self._cache_dir(config) / f"pages-{self.command}")
        for page in plan.pages.values():
            if page.kind not in REUSABLE_KINDS or not plan.cache.usable(page.fingerprint, plan.cache_requires.get(page.kind, ())):
                continue
            file = files.get_file_from_path(page.src_uri)
            if file is None:
                continue
            file.inclusion = InclusionLevel.EXCLUDED
            plan.reused[page.src_uri] = page
        log.info(f"Bộ nhớ đệm: dùng lại {len(plan.reused)} trang, dựng {len(plan.pages) - len(plan.reused)} trang.")

    def _clear_previous_site(self, config: MkDocsConfig) -> None:
        """Leave in the site before last only the reused pages and photos already in place; remove the rest.

        Before anything is written (writing.previous_site): a kept file is the very
        cache entry the plan reuses, and nothing is ever written through one.
        """
        assert self.site is not None
        plan = self.site.plan
        keep: dict[str, tuple[int, int]] = {}
        if plan.cache is not None:
            for page in plan.reused.values():
                found = plan.cache.page_identity(page.fingerprint)
                if found is not None:
                    keep[page.dest_uri] = found
        if self._copies and self.config.cache:
            self._file_cache = FileCache(self._cache_dir(config) / "files")
            for file in self._copies:
                found = self._file_cache.copy_identity(file.abs_src_path)  # type: ignore[arg-type]
                if found is not None:
                    keep[file.dest_uri] = found
        cleared = clear_for_build(Path(config.site_dir), keep, self.site.outputs.folders)
        self._kept = cleared.kept
        self.cleared_previous_site = True
        log.info(f"Xây dựng trên trang trước: giữ {len(cleared.kept)} tệp, bỏ {cleared.removed} tệp.")

    def _place_reused_pages(self, config: MkDocsConfig) -> None:
        plan = self.site.plan if self.site is not None else None
        self._placed = {}
        logging.getLogger("mkdocs.structure.pages").removeFilter(_quiet_reused_links)
        if plan is None or plan.cache is None:
            return
        self._placed = {_output_path(config, page.dest_uri): page.fingerprint for page in plan.reused.values()}
        # The preview's folder still holds the pages the last build placed there, and the site
        # before last those its clearing kept.
        preview = self._preview if self._building_preview else None
        missing = [
            (_output_path(config, page.dest_uri), page.fingerprint) for page in plan.reused.values()
            if page.dest_uri not in self._kept
        ]
        cache = plan.cache
        in_threads(
            lambda item: cache.place(item[1], item[0]),
            [item for item in missing if preview is None or not preview.is_placed(*item)],
        )

    def _release_bodies(self, src_uris: Iterable[str]) -> None:
        """Let go of the Markdown text of articles whose page this process does not render (any more)."""
        articles = self.site.index.by_src_uri if self.site is not None else {}
        for src_uri in src_uris:
            article = articles.get(src_uri)
            if article is not None:
                article.release_body()

    def _prune_page_cache(self) -> None:
        """Index what the render workers stored; drop entries no page of this build has (search has read its records)."""
        plan = self.site.plan if self.site is not None else None
        if plan is None or plan.cache is None:
            return
        plan.cache.remember(plan.collected.get(_STORED, {}))
        plan.cache.prune({page.fingerprint for page in plan.pages.values() if page.fingerprint})

    def _copy_editor_files_later(self, files: Files) -> None:
        """Take the editors' photos and other files from MkDocs' serial copy; :meth:`_copy_editor_files` copies them.

        Copying 10,000 photos one by one took two seconds of every build. The files
        stay known to MkDocs (links to them resolve as before); MkDocs notes each link
        to a file it does not copy, which the same filter as for reused pages quiets.
        """
        assert self._snapshot is not None
        root = str(self._snapshot.root) + os.sep
        for file in files:
            if (
                not file.is_documentation_page() and file.generated_by is None and file.inclusion.is_included()
                and (file.abs_src_path or "").startswith(root)
            ):
                file.inclusion = InclusionLevel.EXCLUDED
                self._copies.append(file)

    def _copy_editor_files(self, config: MkDocsConfig) -> None:
        copies, self._copies = self._copies, []
        if not copies:
            return
        if not self.config.cache:
            in_threads(lambda file: copy_file(file.abs_src_path, file.abs_dest_path), copies)
            return
        # Copied once into the cache, then hard-linked into each new site (caching.files).
        cache = self._file_cache or FileCache(self._cache_dir(config) / "files")
        kept = self._kept
        in_threads(lambda file: cache.place(file.abs_src_path, file.abs_dest_path), [f for f in copies if f.dest_uri not in kept])
        cache.save()

    @property
    def _rendered_many(self) -> bool:
        """Whether this build rendered (not took from the cache) at least 1,000 pages, or a tenth of its pages."""
        plan = self.site.plan if self.site is not None else None
        if plan is None:
            return False
        rendered = len(plan.pages) - len(plan.reused)
        return rendered >= min(1_000, max(1, len(plan.pages) // 10))

    @property
    def _building_preview(self) -> bool:
        return self._preview is not None and self._preview.since is not None

    def _remove_stale_preview_files(self) -> None:
        """The preview built over its last output: remove what this build neither wrote nor kept."""
        if self._files is None or self.site is None or self._preview is None:
            return
        reused = self.site.plan.reused
        produced = {file.dest_uri for file in self._files if file.inclusion.is_in_serve() or file.src_uri in reused}
        produced.update(self.site.outputs.owners)
        removed = self._preview.finish(produced, self.site.outputs.folders, {**self._placed, **self._rendered})
        if removed:
            log.debug(f"Xem trước: bỏ {removed} tệp không còn thuộc trang.")

    def _report_collisions(self, config: MkDocsConfig) -> None:
        if self.site is None:
            return
        problems = self.site.outputs.problems()
        if not problems:
            return
        report = render_report(problems, config.theme.get("language", "vi"))
        if self.command == "serve":  # the preview stays up; the editor's file was kept
            log.error(report)
            return
        raise PluginError(report)

    def _restore_docs_dir(self, config: MkDocsConfig) -> None:
        if self._source_dir is not None:
            config.docs_dir = self._source_dir

    def _hold_lock(self, folder: Path) -> None:
        """One build of this project at a time: they share the cache and the kept snapshot (caching.lock)."""
        if self._locked is not None:  # a build that ended without on_post_build or on_build_error
            self._release_lock()
        try:
            lock.acquire(folder)
        except lock.BuildLockError as error:
            raise PluginError(str(error)) from None
        self._locked = folder

    def _release_lock(self) -> None:
        if self._locked is not None:
            lock.release(self._locked)
            self._locked = None

    def _remove_snapshot(self) -> None:
        if self._snapshot is not None:
            # With the cache on, the next build brings this snapshot up to date instead of linking every file again.
            self._snapshot.remove(keep=bool(self.config.cache))
            self._snapshot = None

    @classmethod
    def _cache_dir(cls, config: MkDocsConfig) -> Path:
        return cache_dir(cls._project_dir(config))

    @staticmethod
    def _project_dir(config: MkDocsConfig) -> Path:
        """The folder of mkdocs.yml: the build cache (.cache/cong) lives there."""
        if config.config_file_path:
            return Path(config.config_file_path).resolve().parent
        return Path(config.docs_dir).resolve().parent

    def _docs_label(self, config: MkDocsConfig) -> str:
        """The content folder as editors see it: relative to mkdocs.yml."""
        docs = Path(self._source_dir or config.docs_dir)
        root = Path(config.config_file_path).parent if config.config_file_path else docs.parent
        try:
            return docs.relative_to(root).as_posix()
        except ValueError:
            return docs.as_posix()

    @staticmethod
    def _page_meta(article: Article) -> dict[str, Any]:
        return {
            "title": article.title,
            "description": article.summary,
            "template": "article.html",
            "hide": ["navigation"],
            "portal_category": article.category,
            "portal_article": article.slug,
            "portal_draft": article.draft,
        }
