"""``portal/pages``: generate the home and category pages and give every page its data.

Templates only display: everything they show (the lead story, a category
page's slice, an article's related list) is put in the page context here,
from the content model built once by ``portal/content``.
"""

from __future__ import annotations

from typing import Any

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.generating.home import HomePage, home_page
from portal.generating.listings import ListingPage, category_listing
from portal.i18n import format_date
from portal.mkdocs_plugins import content_plugin
from portal.mkdocs_plugins.pages.config import PagesConfig
from portal.model.entities import Article

HOME_SRC_URI = "index.md"


class PagesPlugin(BasePlugin[PagesConfig]):
    def __init__(self) -> None:
        self.listings: dict[str, ListingPage] = {}
        self.first_pages: list[str] = []
        self.home: HomePage | None = None

    # -- events ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.listings = {}
        self.first_pages = []
        self.home = None
        if self.config.per_page < 1:
            raise PluginError("portal/pages: per_page phải là số nguyên dương, ví dụ 20.")
        return config

    # Late (-50): after portal/content (+50) has routed the articles.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        content = content_plugin(config, "portal/pages")
        assert content.site is not None
        index = content.site.index
        labels = content.labels(config)
        for category in index.categories:
            pages = category_listing(
                category,
                index.by_category.get(category.slug, []),
                url_format=self.config.category_url_format,
                per_page=self.config.per_page,
                page_url_format=self.config.page_url_format,
            )
            for listing in pages:
                self._add_generated(files, config, listing.src_uri, self._listing_meta(listing, labels))
                self.listings[listing.src_uri] = listing
            self.first_pages.append(pages[0].src_uri)
        self.home = home_page(
            index, latest_count=self.config.home_latest_count, block_count=self.config.home_category_count
        )
        home = files.get_file_from_path(HOME_SRC_URI)
        if home is None:
            # In the nav (unlike category pages, which on_nav places): it heads the menu.
            meta = {"title": labels["home"], "template": "home.html", "hide": ["navigation", "toc"]}
            self._add_generated(files, config, HOME_SRC_URI, meta, InclusionLevel.UNDEFINED)
        return files

    @event_priority(-50)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self.config.nav_categories:
            return nav
        category_pages = [files.get_file_from_path(src).page for src in self.first_pages]
        items = list(nav.items)
        position = next((i + 1 for i, item in enumerate(items) if getattr(item, "is_homepage", False)), 0)
        items[position:position] = [page for page in category_pages if page is not None]
        pages = _walk_pages(items)
        for previous, current in zip([None, *pages], pages):
            current.previous_page = previous
            if previous is not None:
                previous.next_page = current
        if pages:
            pages[-1].next_page = None
        return Navigation(items, pages)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # An editor-written index.md is still the home page: give it the home template.
        if self.config.enabled and page.file.src_uri == HOME_SRC_URI:
            page.meta.setdefault("template", "home.html")
            page.meta.setdefault("hide", ["navigation", "toc"])
        return markdown

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return env
        content = content_plugin(config, "portal/pages")
        language = config.theme.get("language", "vi")
        zone = content.config.timezone
        formatted: dict[tuple[str, str], str] = {}

        def portal_date(article: Article, style: str = "short") -> str:
            # An article appears in ~10 related lists: format its date once per style, not per page.
            key = (article.slug, style)
            if key not in formatted:
                formatted[key] = format_date(article.date, style, language, zone, with_time=article.has_time)
            return formatted[key]

        env.filters["portal_date"] = portal_date
        env.globals["portal_labels"] = content.labels(config)
        env.globals["portal_categories"] = content.site.index.category_by_slug if content.site else {}
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if not self.config.enabled:
            return context
        content = content_plugin(config, "portal/pages")
        assert content.site is not None
        index = content.site.index
        src_uri = page.file.src_uri
        article = content.article_for(page)
        if article is not None:
            context["article"] = article
            context["category"] = index.category_by_slug[article.category]
            context["category_url"] = self.config.category_url_format.format(slug=article.category)
            context["related"] = index.related.get(article.slug, [])
        elif src_uri in self.listings:
            listing = self.listings[src_uri]
            context["listing"] = listing
            context["category"] = index.category_by_slug[listing.key]
            context["category_url"] = listing.pages[0].url
        elif src_uri == HOME_SRC_URI and self.home is not None:
            context["home"] = self.home
            context["category_urls"] = {
                c.slug: self.config.category_url_format.format(slug=c.slug) for c in index.categories
            }
        return context

    # -- helpers -------------------------------------------------------------

    @staticmethod
    def _listing_meta(listing: ListingPage, labels: dict[str, str]) -> dict[str, Any]:
        title = listing.title
        if listing.number > 1:
            title += " – " + labels["page_of"].format(number=listing.number, total=listing.total)
        return {
            "title": title,
            "description": listing.description,
            "template": "category.html",
            "hide": ["navigation", "toc"],
            "portal_category": listing.key,
        }

    @staticmethod
    def _add_generated(
        files: Files,
        config: MkDocsConfig,
        src_uri: str,
        meta: dict[str, Any],
        inclusion: InclusionLevel = InclusionLevel.NOT_IN_NAV,
    ) -> None:
        """Add a generated page; its front matter goes through YAML so no title can break it."""
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            raise PluginError(
                f"Tệp '{src_uri}' trong thư mục nội dung trùng địa chỉ với trang chuyên mục được tạo tự động: "
                "đổi tên hoặc xóa tệp đó."
            )
        files.append(File.generated(config, src_uri, content=text, inclusion=inclusion))


def _walk_pages(items: list[Any]) -> list[Page]:
    """Pages of a nav tree in reading order (sections flattened)."""
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif getattr(item, "children", None):
            found.extend(_walk_pages(item.children))
    return found
