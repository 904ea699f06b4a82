"""``portal/search``: full-text search with Pagefind, a results page and a search box on every page.

Each article page, once rendered, gives one search record (its words, title,
sapo, date, category); the results page is generated; Pagefind indexes the
records once the whole site is written. The work itself is in
:mod:`portal.writing.search_index`.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.i18n import format_date
from portal.mkdocs_plugins import add_generated_page, content_plugin, generated_owner
from portal.mkdocs_plugins.search.config import SearchConfig
from portal.writing.search_index import (
    BUNDLE_DIR,
    SearchIndexError,
    SearchRecord,
    build_period_indexes,
    excerpt_text,
    html_text,
    period_names,
    words,
)

log = get_plugin_logger("portal.search")


RECORD = "search.json"
RECENT_YEARS = 2  # a first query searches at least the two newest periods (years or half-years)...
RECENT_ARTICLES = 10_000  # ...and more until they hold this many articles (README "Search")


def recent_periods(periods: list[str], counts: Counter[str]) -> int:
    """How many of the newest periods a first query searches: two, then more until they hold RECENT_ARTICLES.

    A small portal is then searched whole; a large one searches about the
    newest 10,000 articles first, whatever the size of its archive.
    """
    total = 0
    for number, period in enumerate(periods, start=1):
        total += counts[period]
        if number >= RECENT_YEARS and total >= RECENT_ARTICLES:
            return number
    return len(periods)
COLLECTED = "portal/search"


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.page_src_uri = ""
        self._serving = False
        self._in_background = False  # the preview's builds after its first do not wait for the index
        self._indexing: threading.Thread | None = None  # Pagefind at work while other plugins write
        self._failure: BaseException | None = None

    # -- events ------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._in_background = False

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._wait_for_index()  # the last preview build's index is written before the next build starts

    def on_shutdown(self) -> None:
        self._wait_for_index()

    def on_build_error(self, *, error: Exception) -> None:
        self._wait_for_index()  # before build.py removes the staging folder it writes into

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.page_src_uri = ""
        if not self.config.enabled:
            return config
        url = self.config.search_url
        if not url.endswith("/") or url.startswith("/") or "{" in url:
            raise PluginError("portal/search: search_url phải là đường dẫn thư mục, không có '/' ở đầu, ví dụ 'tim-kiem/'.")
        if self.config.per_page < 1 or self.config.excerpt_length < 5:
            raise PluginError("portal/search: per_page phải ≥ 1 (ví dụ 10) và excerpt_length ≥ 5 (ví dụ 30).")
        if "material/search" in config.plugins or "search" in config.plugins:
            log.warning(
                "Plugin 'search' của MkDocs/Material tải cả chỉ mục (~8 MB mỗi 1.000 bài): "
                "bỏ nó khỏi mkdocs.yml, portal/search thay thế."
            )
        self.page_src_uri = url + "index.md"
        return config

    # Late (-50): after portal/content (+50) has routed the articles, like portal/pages.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        content = content_plugin(config, "portal/search")
        assert content.site is not None
        content.site.plan.urls = content.site.plan.urls.with_(search=self.config.search_url, search_bundle=BUNDLE_DIR + "/")
        content.site.plan.cache_requires.setdefault("article", set()).add(RECORD)  # a page reused from the cache brings its search record
        labels = content.labels(config)
        # Pagefind writes its whole folder at the end: nothing of the editors' may be published in it.
        content.site.outputs.claim_folder(BUNDLE_DIR, generated_owner("thư mục chỉ mục tìm kiếm pagefind/"))  # type: ignore[union-attr]
        meta = {"title": labels["search_title"], "template": "portal-search.html", "hide": ["navigation", "toc"]}
        add_generated_page(files, config, self.page_src_uri, meta)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        # Every page's header (404.html included) needs the results page's address.
        env.globals["portal_search"] = (
            {"url": self.config.search_url, "header": self.config.header_form} if self.config.enabled else None
        )
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if not self.config.enabled:
            return context
        content = content_plugin(config, "portal/search")
        article = content.article_for(page)
        if article is not None:
            record = self._record(article, page, content, config)
            # In the plan, not in this plugin: a render worker hands it back to the parent (portal/parallel).
            content.site.plan.collected.setdefault(COLLECTED, {})[page.url] = record
            content.site.plan.attach(page.file.src_uri, RECORD, json.dumps(asdict(record), ensure_ascii=False).encode("utf-8"))
        elif page.file.src_uri == self.page_src_uri:
            context["search_page"] = self._page_data(content, config)
        return context

    # Early (+95), right after the render workers handed their records over (+100): Pagefind, a
    # process of its own, indexes on one core while this one places reused pages (portal/content,
    # +90) and writes feeds and sitemaps.
    @event_priority(95)
    def _start_index(self, *, config: MkDocsConfig) -> None:
        self._wait_for_index()
        self._failure = None
        if not self.config.enabled:
            return
        content = content_plugin(config, "portal/search")
        plan = content.site.plan  # type: ignore[union-attr]
        records: dict[str, SearchRecord] = plan.collected.setdefault(COLLECTED, {})
        # Newest first: Pagefind lists results of equal score in this order.
        ordered = sorted(records.values(), key=lambda record: (record.sort, record.url), reverse=True)
        # One bundle per year (or half-year); unchanged periods come from the build cache when it is
        # on, keyed by their pages' fingerprints, and only a period indexed again reads its cached records.
        cache_dir = plan.cache.root.parent / f"search-{plan.cache.root.name}" if plan.cache is not None else None
        periods = self._periods(content)
        keys = reused = None
        if plan.cache is not None:
            keys, reused = self._keys(plan, content.config.timezone, periods)

        def cached_records(period: str) -> list[SearchRecord]:
            loaded = []
            for src_uri in (reused or {}).get(period, ()):
                data = plan.attachment(src_uri, RECORD)
                if data is not None:
                    fields = json.loads(data)
                    loaded.append(SearchRecord(
                        **{**fields, "words": tuple(fields["words"]), "emphasis": tuple(fields["emphasis"])}
                    ))
            return loaded

        def index() -> None:
            try:
                report = build_period_indexes(
                    Path(config.site_dir), ordered, language=config.theme.get("language", "vi") or "vi",
                    cache_dir=cache_dir, keys=keys, cached_records=cached_records if keys is not None else None,
                    periods=periods,
                )
            except BaseException as error:  # noqa: BLE001 - handed to _finish_index, in the build's thread
                self._failure = error
                if self._serving:  # the preview stays up; its search shows the last index
                    log.error(str(error) if isinstance(error, SearchIndexError) else f"Chỉ mục tìm kiếm: {error!r}")
                return
            self._report(report, len(plan.index.articles))

        self._indexing = threading.Thread(target=index, name="portal-search-index", daemon=True)
        self._indexing.start()

    # Late (-90): before portal/content lists every file written (-100). The preview waits for its
    # first index only (every year is indexed then): after that the browser reloads as soon as
    # the pages are written, and the next build waits for the index instead.
    @event_priority(-90)
    def _finish_index(self, *, config: MkDocsConfig) -> None:
        if self._in_background:
            return
        self._in_background = self._serving
        self._wait_for_index()
        failure, self._failure = self._failure, None
        if isinstance(failure, SearchIndexError):
            raise PluginError(str(failure)) from failure
        if failure is not None:
            raise failure

    on_post_build = CombinedEvent(_start_index, _finish_index)

    def _wait_for_index(self) -> None:
        indexing, self._indexing = self._indexing, None
        if indexing is not None:
            indexing.join()

    @staticmethod
    def _report(report: Any, articles: int) -> None:
        if not report.stable:
            log.info(
                "Không sắp lại được thứ tự bộ lọc của Pagefind (định dạng mới?): "
                "chỉ mục vẫn đúng nhưng hai lần build có thể khác nhau từng byte."
            )
        quarters = sum(1 for period in report.periods if "-q" in period)  # "2026-q3": a quarter
        halves = sum(1 for period in report.periods if "-" in period) - quarters  # "2025-1": a half-year
        years = len(report.periods) - halves - quarters
        periods = f"{len(report.periods)} năm"
        if halves or quarters:
            parts = [f"{count} {unit}" for count, unit in ((years, "năm"), (halves, "nửa năm"), (quarters, "quý")) if count]
            periods = f"{len(report.periods)} kỳ gồm " + (", ".join(parts[:-1]) + " và " if len(parts) > 1 else "") + parts[-1]
        log.info(
            f"Chỉ mục tìm kiếm: {articles} bài, {periods} ({len(report.indexed)} lập lại, "
            f"{len(report.reused)} dùng lại), {report.bundle_bytes / 1e6:.1f} MB trong {BUNDLE_DIR}/, {report.seconds:.1f} s"
        )

    # -- helpers -------------------------------------------------------------

    def _periods(self, content: Any) -> dict[str, str]:
        """Each month's index (its year, its half-year in a large year, its quarter in the current year), from every article."""
        zone = content.config.timezone
        index = content.site.index if content.site else None
        months = Counter(f"{a.date.astimezone(zone):%Y-%m}" for a in (index.articles if index else []))
        current = f"{index.now.astimezone(zone):%Y}" if index is not None and index.now is not None else None
        return period_names(months, max(1, self.config.split_year_above), current)

    @staticmethod
    def _keys(plan: Any, zone: Any, periods: dict[str, str]) -> tuple[dict[str, str], dict[str, list[str]]]:
        """Each period's key (its article pages' text fingerprints) and its pages taken from the cache.

        A record is made from the article and its rendered text, both covered by the
        page's text fingerprint (not by the lists around it): equal text fingerprints
        give equal records.
        """
        prints: dict[str, list[str]] = {}
        reused: dict[str, list[str]] = {}
        for page in plan.pages.values():
            if page.kind != "article":
                continue
            period = periods[f"{page.articles[0].date.astimezone(zone):%Y-%m}"]
            prints.setdefault(period, []).append(f"{page.url}={page.text_fingerprint}")
            if page.src_uri in plan.reused:
                reused.setdefault(period, []).append(page.src_uri)
        keys = {period: hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest() for period, parts in prints.items()}
        return keys, reused

    def _record(self, article: Any, page: Page, content: Any, config: MkDocsConfig) -> SearchRecord:
        """What the index gets from one article: every word it shows, and what a result displays."""
        zone = content.config.timezone
        local = article.date.astimezone(zone)
        language = config.theme.get("language", "vi")
        body = html_text(page.content or "")
        texts = [article.title, article.summary, article.image_caption, article.author, *article.tags]
        if article.source is not None:
            texts.append(article.source.name)
        texts.append(body)
        return SearchRecord(
            url=page.url,
            title=article.title,
            excerpt=excerpt_text(article.summary, body, self.config.excerpt_length),
            date=format_date(article.date, "short", language, zone, with_time=False),
            sort=local.strftime("%Y-%m-%dT%H:%M"),
            category=article.category,
            month=f"{local:%Y-%m}",
            words=tuple(words(texts)),
            emphasis=tuple(words([article.title, article.summary])),
        )

    def _page_data(self, content: Any, config: MkDocsConfig) -> dict[str, Any]:
        """What the results page needs: categories for the filter and links, the months that have articles."""
        index = content.site.index if content.site else None
        urls = content.site.plan.urls if content.site else None
        categories = [
            {"slug": c.slug, "name": c.name, "url": urls.category_url(c.slug) if urls else ""}
            for c in (index.categories if index else [])
        ]
        of_month = self._periods(content)
        zone = content.config.timezone
        period_counts = Counter(of_month[f"{a.date.astimezone(zone):%Y-%m}"] for a in (index.articles if index else []))
        periods = sorted(period_counts, reverse=True)
        months: list[str] = []
        if index and index.articles:
            months = [f"{a.date.astimezone(zone):%Y-%m}" for a in (index.articles[-1], index.articles[0])]
        return {
            "categories": categories,
            "bundle": BUNDLE_DIR + "/",
            # One index per year or half-year, newest first; a first query searches the newest (see recent_periods).
            "periods": periods,
            "recent": recent_periods(periods, period_counts),
            "first_month": months[0] if months else "",
            "last_month": months[1] if months else "",
            "per_page": self.config.per_page,
        }
