"""``portal/feeds``: write the site, category and topic feeds, link them from every page,
and offer them all on the "Đăng ký nhận tin" page and in one OPML file.

The feeds are listed once per build (``portal.generating.subscribe``): what
is written, what the subscribe page shows and what the OPML file holds is
the same list.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.caching.feeds import FeedCache, feed_key
from portal.generating.subscribe import CatalogueFeed, FeedCatalogue, FeedGroup, SubscribePage
from portal.mkdocs_plugins import add_generated_page, content_plugin, generated_owner
from portal.mkdocs_plugins.feeds.config import FeedsConfig
from portal.urls import absolute_url
from portal.writing.feeds import FeedSpec, render_atom, render_rss
from portal.writing.opml import OpmlFeed, OpmlGroup, render_opml
from portal.writing.outputs import write_output

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"


OWNER = generated_owner("RSS/Atom", "rss_file, atom_file, category_rss_format, topic_rss_format, opml_file của portal/feeds")


class FeedsPlugin(BasePlugin[FeedsConfig]):
    def __init__(self) -> None:
        self._links: dict[str | None, list[dict[str, str]]] = {}
        self._topic_links: dict[str, list[dict[str, str]]] = {}
        self.catalogue: FeedCatalogue | None = None
        self.subscribe: SubscribePage | None = None
        self._subscribe_src_uri: str | None = None

    # -- events ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._links = {}
        self._topic_links = {}
        self.catalogue = None
        self.subscribe = None
        self._subscribe_src_uri = None
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

    # After portal/pages (-50), whose topics the topic feeds follow.
    @event_priority(-60)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        site = content_plugin(config, "portal/feeds").site
        assert site is not None
        self.catalogue = self._catalogue(config)
        site.plan.feeds = self.catalogue
        site.plan.urls = site.plan.urls.with_(
            rss=self.config.rss_file,
            atom=self.config.atom_file,
            category_rss=self.config.category_rss_format,
            topic_rss=self.config.topic_rss_format,
            opml=self.config.opml_file or None,
            subscribe=self.config.subscribe_url.strip("/") + "/" if self.config.subscribe_page else None,
        )
        outputs = site.outputs
        for feed in self.catalogue:
            outputs.claim(feed.feed_url, OWNER)
        if self.config.opml_file:
            outputs.claim(self.config.opml_file, OWNER)
        if self.config.subscribe_page:
            labels = content_plugin(config, "portal/feeds").labels(config)
            self.subscribe = SubscribePage(
                catalogue=self.catalogue, site_url=config.site_url or "", opml_url=self.config.opml_file or None
            )
            self._subscribe_src_uri = self.config.subscribe_url.strip("/") + "/index.md"
            meta = {"title": labels["subscribe"], "template": "subscribe.html", "hide": ["navigation", "toc"]}
            add_generated_page(files, config, self._subscribe_src_uri, meta)
        return files

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
        topic = page.meta.get("portal_topic")
        if topic and self.config.topic_feeds:
            context["feed_links"] = self._links_for_topic(topic, config)
            context["topic_feed_url"] = context["feed_links"][-1]["href"]
        else:
            context["feed_links"] = self._links.get(page.meta.get("portal_category"), self._links.get(None, []))
        if self._subscribe_src_uri is not None and page.file.src_uri == self._subscribe_src_uri:
            context["subscribe"] = self.subscribe
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.catalogue is None:
            return
        content = content_plugin(config, "portal/feeds")
        assert content.site is not None
        index = content.site.index
        common: dict[str, Any] = {
            "site_url": config.site_url,
            "language": config.theme.get("language", "vi"),
            "categories": index.category_by_slug,
            "stylesheet": self._stylesheet_href(config),
        }
        # A feed's bytes depend only on its items and these settings: unchanged feeds come from the build cache.
        cache = FeedCache(content.site.plan.cache.root.parent / f"feeds-{content.site.plan.cache.root.name}") if (
            content.site.plan.cache is not None
        ) else None
        shared = repr(sorted((key, repr(value)) for key, value in common.items()))
        for feed in self.catalogue:
            render = render_atom if feed.kind == "atom" else render_rss
            key = feed_key(feed.kind, feed.spec, shared)
            data = cache.get(key) if cache is not None else None
            if data is None:
                data = render(feed.spec, **common)
                if cache is not None:
                    cache.put(key, data)
            self._write(config, feed.feed_url, data, content)
        if cache is not None:
            cache.prune()
        if self.config.opml_file:
            labels = content.labels(config)
            site_url = config.site_url or ""
            groups = [
                OpmlGroup(
                    title="" if group.key == "site" else group.title,
                    feeds=[
                        OpmlFeed(
                            title=feed.label, xml_url=absolute_url(site_url, feed.feed_url),
                            html_url=absolute_url(site_url, feed.page_url), kind=feed.kind,
                            description=feed.spec.description,
                        )
                        for feed in group.feeds
                    ],
                )
                for group in self.catalogue.groups
            ]
            site_title = self.config.title or config.site_name
            created = index.articles[0].date if index.articles else None
            data = render_opml(labels["opml_title"].format(site=site_title), groups, created=created, owner_name=site_title)
            self._write(config, self.config.opml_file, data, content)

    # -- helpers -------------------------------------------------------------

    def _catalogue(self, config: MkDocsConfig) -> FeedCatalogue:
        """Every feed this build writes, grouped as the subscribe page shows them."""
        content = content_plugin(config, "portal/feeds")
        assert content.site is not None
        index = content.site.index
        labels = content.labels(config)
        site_title = self.config.title or config.site_name
        description = config.site_description or labels["feed_description"].format(site=site_title)
        latest = index.latest(self.config.length)

        site = FeedGroup("site", labels["feeds_site"])
        site.feeds.append(
            CatalogueFeed(FeedSpec(site_title, description, "", self.config.rss_file, latest), "rss", "site", labels["rss_site"])
        )
        site.feeds.append(
            CatalogueFeed(FeedSpec(site_title, description, "", self.config.atom_file, latest), "atom", "site", labels["atom_site"])
        )
        catalogue = FeedCatalogue([site])

        plan = content.site.plan  # type: ignore[union-attr]
        if self.config.category_feeds:
            group = FeedGroup("categories", labels["feeds_categories"])
            for category in index.categories:
                spec = FeedSpec(
                    title=f"{site_title} – {category.name}",
                    description=category.description
                    or labels["category_feed_description"].format(name=category.name, site=site_title),
                    page_url=plan.urls.category_url(category.slug),
                    feed_url=self.config.category_rss_format.format(slug=category.slug),
                    articles=index.by_category.get(category.slug, [])[: self.config.length],
                )
                group.feeds.append(CatalogueFeed(spec, "rss", category.slug, category.name))
            catalogue.groups.append(group)

        topics = plan.topics
        if self.config.topic_feeds and topics is not None:
            group = FeedGroup("topics", labels["feeds_topics"])
            for topic in topics.topics:
                spec = FeedSpec(
                    title=f"{site_title} – {topic.name}",
                    description=labels["topic_feed_description"].format(name=topic.name, site=site_title),
                    page_url=topic.url,
                    feed_url=self.config.topic_rss_format.format(slug=topic.slug),
                    articles=topic.articles[: self.config.length],
                )
                group.feeds.append(CatalogueFeed(spec, "rss", topic.slug, topic.name))
            catalogue.groups.append(group)
        return catalogue

    def links_for(self, category_slug: str | None, config: MkDocsConfig) -> list[dict[str, str]]:
        """The ``<link rel="alternate">`` feeds of a page: the site's, plus its category's."""
        content = content_plugin(config, "portal/feeds")
        labels = content.labels(config)
        site_url = config.site_url or ""
        links = [
            {"type": RSS_TYPE, "title": labels["rss_site"], "href": absolute_url(site_url, self.config.rss_file)},
            {"type": ATOM_TYPE, "title": labels["atom_site"], "href": absolute_url(site_url, self.config.atom_file)},
        ]
        if category_slug and self.config.category_feeds:
            category = content.site.index.category_by_slug.get(category_slug) if content.site else None
            if category is not None:
                links.append(
                    {
                        "type": RSS_TYPE,
                        "title": labels["rss_category"].format(name=category.name),
                        "href": absolute_url(site_url, self.config.category_rss_format.format(slug=category.slug)),
                    }
                )
        return links

    def _links_for_topic(self, slug: str, config: MkDocsConfig) -> list[dict[str, str]]:
        """A topic page's feed links: the site's, plus its topic's (computed once per topic)."""
        if slug not in self._topic_links:
            topics = content_plugin(config, "portal/feeds").site.plan.topics  # type: ignore[union-attr]
            topic = topics.by_slug.get(slug) if topics is not None else None
            labels = content_plugin(config, "portal/feeds").labels(config)
            name = topic.name if topic is not None else slug
            self._topic_links[slug] = [
                *self._links.get(None, []),
                {
                    "type": RSS_TYPE,
                    "title": labels["rss_topic"].format(name=name),
                    "href": absolute_url(config.site_url or "", self.config.topic_rss_format.format(slug=slug)),
                },
            ]
        return self._topic_links[slug]

    def _stylesheet_href(self, config: MkDocsConfig) -> str | None:
        """The XSL's address as a path from the server root, so every feed, at any depth, finds it."""
        if not self.config.stylesheet:
            return None
        base = urlsplit(config.site_url or "/").path or "/"
        return urljoin(base if base.endswith("/") else base + "/", self.config.stylesheet.lstrip("/"))

    @staticmethod
    def _write(config: MkDocsConfig, relative: str, data: bytes, content: Any) -> None:
        """Write a feed or the OPML, never over an editor's file (the collision is reported)."""
        if content.site.outputs.may_write(relative, OWNER):
            write_output(config.site_dir, relative, data)
