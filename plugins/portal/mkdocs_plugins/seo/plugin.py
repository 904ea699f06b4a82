"""``portal/seo``: real last-change dates, sitemaps, robots.txt, JSON-LD and the article tools.

Events only; the work is in ``portal.reading.git_dates`` (one ``git log``
per build), ``portal.generating.structured_data`` and
``portal.writing.sitemaps``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.generating.structured_data import Publisher, news_article, script_json, share_links, social_meta
from portal.i18n import format_date
from portal.mkdocs_plugins import content_plugin, generated_owner
from portal.mkdocs_plugins.seo.config import SeoConfig
from portal.model.index import ContentIndex
from portal.reading.git_dates import GitDates, read_git_dates
from portal.writing.outputs import write_output
from portal.writing.sitemaps import (
    MAX_URLS,
    NewsEntry,
    SitemapEntry,
    absolute_url,
    newest,
    recent_articles,
    render_news,
    render_robots,
    sitemap_files,
    w3c_datetime,
)

log = get_plugin_logger("portal.seo")

NAME = "portal/seo"
MKDOCS_SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
OWNER = generated_owner("sitemap và robots.txt", "sitemap_file, news_sitemap_file của portal/seo")


class SeoPlugin(BasePlugin[SeoConfig]):
    def __init__(self) -> None:
        self.git = GitDates(available=False)
        self._files: Files | None = None
        self._git_reading: tuple[threading.Thread, dict[str, Any]] | None = None

    # -- events ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Reset here, not in __init__: `mkdocs serve` reuses the instance.
        self.git = GitDates(available=False)
        self._files = None
        if not self.config.enabled:
            return config
        if not config.site_url:
            raise PluginError(
                "portal/seo cần địa chỉ của trang web cho sitemap và dữ liệu có cấu trúc: thêm "
                "'site_url: https://ten-mien-cua-cong/' vào mkdocs.yml."
            )
        if not 1 <= self.config.max_sitemap_urls <= MAX_URLS:
            raise PluginError(f"portal/seo: max_sitemap_urls phải từ 1 đến {MAX_URLS}.")
        if self.config.news_days < 1:
            raise PluginError("portal/seo: news_days phải là số nguyên dương, ví dụ 2.")
        # MkDocs renders sitemap.xml (and .gz) from a theme template that stamps every
        # URL with the build date; on_post_build writes ours instead.
        config.theme.static_templates.discard(MKDOCS_SITEMAP)
        self._git_reading = self._read_git_dates_meanwhile(config) if self.config.git_dates else None
        return config

    @staticmethod
    def _read_git_dates_meanwhile(config: MkDocsConfig) -> tuple[threading.Thread, dict[str, Any]]:
        """Start reading git's history now, so that ``git log`` runs while portal/content reads the articles.

        The editors' folder (``docs_dir`` before portal/content swaps in its snapshot), not
        the snapshot: git knows the former. Joined in ``on_pre_build``.
        """
        content = content_plugin(config, NAME)
        folder, zone = Path(config.docs_dir), content.config.timezone
        cache_file = content.cache_file(config, "git-dates.pickle")
        result: dict[str, Any] = {}

        def read() -> None:
            try:
                result["dates"] = read_git_dates(folder, zone, cache_file)
            except BaseException as error:  # noqa: BLE001 - raised again in the build's thread
                result["error"] = error

        thread = threading.Thread(target=read, name="portal-git-dates", daemon=True)
        thread.start()
        return thread, result

    # After portal/content (+50) has claimed the editors' files: robots.txt may be theirs.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        outputs = content_plugin(config, NAME).site.outputs  # type: ignore[union-attr]
        outputs.claim(self.config.sitemap_file, OWNER)
        outputs.claim(self.config.news_sitemap_file, OWNER)
        if self.config.robots_txt and not outputs.is_editor_file(ROBOTS):  # content/robots.txt is kept instead
            outputs.claim(ROBOTS, OWNER)
        return files

    # After portal/content's on_pre_build (priority 0) has read the articles.
    @event_priority(-50)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.config.git_dates:
            return
        content = content_plugin(config, NAME)
        reading, self._git_reading = self._git_reading, None
        if content.site is None or reading is None:
            return
        thread, result = reading
        thread.join()
        if "error" in result:
            raise result["error"]
        self.git = result["dates"]
        if not self.git.available:
            log.info(f"Ngày cập nhật bài viết lấy từ front matter (updated): {self.git.reason}.")
            return
        for article in content.site.index.articles:
            history = self.git.get(article.src_uri)
            article.revised = history.revised if history is not None else None

    # Last: every plugin has added its pages by now (on_env follows on_files and on_nav).
    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        self._files = files
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if not self.config.enabled:
            return context
        content = content_plugin(config, NAME)
        article = content.article_for(page)
        if article is None or content.site is None:
            return context
        zone = content.config.timezone
        language = config.theme.get("language", "vi")
        site_url = config.site_url or ""
        page_url = absolute_url(site_url, page.url)
        category = content.site.index.category_by_slug[article.category]
        context["portal_seo"] = social_meta(article, site_url=site_url, zone=zone)
        context["portal_jsonld"] = script_json(
            news_article(
                article, category, page_url=page_url, site_url=site_url,
                publisher=self._publisher(config), language=language, zone=zone,
            )
        )
        modified = article.modified.astimezone(zone)
        context["portal_tools"] = {
            "show_tools": self.config.article_tools,
            "url": page_url,
            "reading_minutes": article.reading_minutes,
            "updated": article.is_updated,
            "modified_iso": w3c_datetime(modified),
            "modified_text": format_date(modified, "short", language, zone, with_time=modified.time() != time(0)),
            "share": share_links(page_url, article.title),
        }
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        content = content_plugin(config, NAME)
        if content.site is None or self._files is None:
            return
        index = content.site.index
        zone = content.config.timezone
        site_url = config.site_url or ""

        entries = sorted(self._sitemap_entries(config, index), key=lambda entry: entry.loc)
        for part in sitemap_files(
            entries, site_url=site_url, path=self.config.sitemap_file, max_urls=self.config.max_sitemap_urls, zone=zone
        ):
            self._write(config, part.path, part.data, content)

        # The build's clock decides what is "recent" (PORTAL_NOW makes it reproducible);
        # a build without one measures from the newest article.
        reference = index.now or (index.articles[0].date if index.articles else None)
        recent = recent_articles(index.articles, reference=reference, days=self.config.news_days) if reference else []
        news = [NewsEntry(absolute_url(site_url, a.url), a.title, a.date) for a in recent]
        publication = self.config.publication_name or config.site_name
        language = config.theme.get("language", "vi")
        sitemaps = [self.config.sitemap_file]
        # A sitemap needs at least one <url> (sitemaps.org schema): with nothing
        # recent there is no news sitemap, and robots.txt does not name one.
        if news:
            data = render_news(news, publication=publication, language=language, zone=zone)
            self._write(config, self.config.news_sitemap_file, data, content)
            sitemaps.append(self.config.news_sitemap_file)
        else:
            log.info(f"Không có bài nào trong {self.config.news_days} ngày qua: không ghi {self.config.news_sitemap_file}.")

        if self.config.robots_txt:
            if self._files.get_file_from_path(ROBOTS) is not None:
                log.info(f"Giữ nguyên {ROBOTS} do biên tập viên viết trong thư mục nội dung.")
            else:
                robots = render_robots(site_url, sitemaps)
                self._write(config, ROBOTS, robots.encode("utf-8"), content)

    # -- helpers -------------------------------------------------------------

    def _publisher(self, config: MkDocsConfig) -> Publisher:
        site_url = config.site_url or ""
        logo = self.config.logo
        logo_url = (logo if "://" in logo else absolute_url(site_url, logo.lstrip("/"))) if logo else None
        return Publisher(name=self.config.publisher or config.site_name, url=site_url, logo_url=logo_url)

    def _sitemap_entries(self, config: MkDocsConfig, index: ContentIndex) -> Iterable[SitemapEntry]:
        """Every page with its last change: an article's ``modified``, a listing's newest listed
        article, otherwise the file's last commit; unknown (no lastmod) for a generated page
        that says nothing. A page opts out with ``sitemap: false`` in its front matter; a plugin
        may date its generated pages with ``portal_lastmod`` (a datetime) in their meta.
        """
        assert self._files is not None
        site_url = config.site_url or ""
        plan = content_plugin(config, NAME).site.plan  # type: ignore[union-attr]
        # Pages taken from the build cache, or rendered by another process, have no Page here but are published.
        reused = plan.reused.keys() | plan.rendered_elsewhere
        # Once per article: a listing page dates itself by the articles it lists (~20 each, 100,000 at 10,000 articles).
        modified = {article: article.modified for article in index.articles}
        for file in self._files.documentation_pages(inclusion=lambda level: level.is_included() or level.is_excluded()):
            page = file.page
            if page is None and file.src_uri not in reused:
                continue
            meta = page.meta if page is not None else {}
            if meta.get("sitemap") is False:
                continue
            url = page.url if page is not None else file.url
            article = index.by_src_uri.get(file.src_uri)
            if article is not None:
                yield SitemapEntry(absolute_url(site_url, url), modified.get(article) or article.modified)
                continue
            listed = plan.listed_articles(file.src_uri)
            history = self.git.get(file.src_uri) if file.abs_src_path else None
            hook = meta.get("portal_lastmod")
            lastmod = newest(
                [
                    max((modified.get(a) or a.modified for a in listed), default=None),
                    history.last if history is not None else None,
                    hook if isinstance(hook, datetime) else None,
                ]
            )
            yield SitemapEntry(absolute_url(site_url, url), lastmod)

    @staticmethod
    def _write(config: MkDocsConfig, relative: str, data: bytes, content: Any) -> None:
        """Write a sitemap or robots.txt, never over an editor's file (the collision is reported)."""
        outputs = content.site.outputs
        if outputs.claim(relative, OWNER):  # sitemap parts are known only now
            write_output(config.site_dir, relative, data)
