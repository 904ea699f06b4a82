"""``portal/feeds``: write the site and category feeds, and link them from every page."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.mkdocs_plugins import content_plugin
from portal.mkdocs_plugins.feeds.config import FeedsConfig
from portal.writing.feeds import FeedSpec, render_atom, render_rss

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"


class FeedsPlugin(BasePlugin[FeedsConfig]):
    def __init__(self) -> None:
        self._links: dict[str | None, list[dict[str, str]]] = {}

    # -- events ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._links = {}
        if not self.config.enabled:
            return config
        # Feed readers need absolute links: refuse to build feeds that point nowhere.
        if not config.site_url:
            raise PluginError(
                "portal/feeds cần địa chỉ của trang web để tạo RSS/Atom: thêm "
                "'site_url: https://ten-mien-cua-cong/' vào mkdocs.yml."
            )
        if self.config.length < 1:
            raise PluginError("portal/feeds: length phải là số nguyên dương, ví dụ 50.")
        return config

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return env
        # Every page's feed links, computed once: the site's, and each category's on top.
        content = content_plugin(config, "portal/feeds")
        categories = content.site.index.categories if content.site else []
        self._links = {None: self.links_for(None, config)}
        self._links.update({c.slug: self.links_for(c.slug, config) for c in categories})
        # Pages without a page context (404.html) still link the site feeds.
        env.globals["feed_links"] = self._links[None]
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if not self.config.enabled:
            return context
        context["feed_links"] = self._links.get(page.meta.get("portal_category"), self._links.get(None, []))
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        content = content_plugin(config, "portal/feeds")
        assert content.site is not None
        index = content.site.index
        language = config.theme.get("language", "vi")
        labels = content.labels(config)
        site_title = self.config.title or config.site_name
        common = {"site_url": config.site_url, "language": language, "categories": index.category_by_slug}

        site_feed = FeedSpec(
            title=site_title,
            description=config.site_description or labels["feed_description"].format(site=site_title),
            page_url="",
            feed_url=self.config.rss_file,
            articles=index.latest(self.config.length),
        )
        self._write(config, self.config.rss_file, render_rss(site_feed, **common))
        site_feed.feed_url = self.config.atom_file
        self._write(config, self.config.atom_file, render_atom(site_feed, **common))

        if self.config.category_feeds:
            pages = config.plugins.get("portal/pages")
            category_url_format = pages.config.category_url_format if pages is not None else "chuyen-muc/{slug}/"
            for category in index.categories:
                spec = FeedSpec(
                    title=f"{site_title} – {category.name}",
                    description=category.description
                    or labels["category_feed_description"].format(name=category.name, site=site_title),
                    page_url=category_url_format.format(slug=category.slug),
                    feed_url=self.config.category_rss_format.format(slug=category.slug),
                    articles=index.by_category.get(category.slug, [])[: self.config.length],
                )
                self._write(config, spec.feed_url, render_rss(spec, **common))

    # -- helpers -------------------------------------------------------------

    def links_for(self, category_slug: str | None, config: MkDocsConfig) -> list[dict[str, str]]:
        """The ``<link rel="alternate">`` feeds of a page: the site's, plus its category's."""
        content = content_plugin(config, "portal/feeds")
        labels = content.labels(config)
        site_url = config.site_url or ""
        links = [
            {"type": RSS_TYPE, "title": labels["rss_site"], "href": urljoin(site_url, self.config.rss_file)},
            {"type": ATOM_TYPE, "title": labels["atom_site"], "href": urljoin(site_url, self.config.atom_file)},
        ]
        if category_slug and self.config.category_feeds:
            category = content.site.index.category_by_slug.get(category_slug) if content.site else None
            if category is not None:
                links.append(
                    {
                        "type": RSS_TYPE,
                        "title": labels["rss_category"].format(name=category.name),
                        "href": urljoin(site_url, self.config.category_rss_format.format(slug=category.slug)),
                    }
                )
        return links

    @staticmethod
    def _write(config: MkDocsConfig, relative: str, data: bytes) -> None:
        path = os.path.join(config.site_dir, *relative.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
