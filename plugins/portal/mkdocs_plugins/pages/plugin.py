"""``portal/pages``: generate the home, category, date-archive and topic pages and give every page its data.

Templates only display: everything they show (the lead story, a category
page's slice, an article's related list, a day's news, the date picker's
month) is put in the page context here, from the content model built once
by ``portal/content`` and grouped once per build by ``portal.generating``.
"""

from __future__ import annotations

import functools
import json
import posixpath
from datetime import date
from typing import Any

from babel.dates import format_date as babel_format_date
from babel.dates import get_month_names
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.generating.archive import (
    ArchiveUrls,
    MonthArchive,
    build_archive,
    local_day,
    month_days,
)
from portal.generating.home import home_page
from portal.generating.listings import ListingPage, category_listing
from portal.generating.topics import build_topics
from portal.i18n import DATE_PATTERNS, format_date
from portal.mkdocs_plugins import add_generated_file, add_generated_page, content_plugin, generated_owner
from portal.mkdocs_plugins.pages.config import PagesConfig
from portal.model.entities import Article
from portal.planning.plan import PlannedPage, SitePlan, month_signature
from portal.rendering.redirect import redirect_page
from portal.writing.outputs import write_output

HOME_SRC_URI = "index.md"
_PICKER_DATA_OWNER = generated_owner("dữ liệu của bộ chọn ngày", "archive_url của portal/pages")


class PagesPlugin(BasePlugin[PagesConfig]):
    """Adds the home, category, date-archive and topic pages to the site plan and gives them their context.

    What each page shows lives in the plan (``content.site.plan``), which the
    feeds, SEO and search plugins read too; this plugin keeps no state of its own.
    """

    # -- events ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
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
        plan = content.site.plan
        index = content.site.index
        labels = content.labels(config)
        plan.urls = plan.urls.with_(
            category=self.config.category_url_format,
            page=self.config.page_url_format,
            archive=self.config.archive_url,
            topics=self.config.topics_url,
            topic=self.config.topic_url_format,
        )
        if self.config.archive:
            plan.archive = build_archive(
                index.articles,
                content.config.timezone,
                urls=ArchiveUrls(self.config.archive_url),
                per_page=self.config.per_page,
                page_url_format=self.config.page_url_format,
            )
        newest_month = plan.picker_month()
        for category in index.categories:
            pages = category_listing(
                category,
                index.by_category.get(category.slug, []),
                url_format=self.config.category_url_format,
                per_page=self.config.per_page,
                page_url_format=self.config.page_url_format,
            )
            for listing in pages:
                add_generated_page(files, config, listing.src_uri, self._listing_meta(listing, labels))
                plan.listings[listing.src_uri] = listing
                kind = "category-first" if listing.is_first else "category"  # the first page is in the nav
                picker = newest_month if listing.is_first else self._own_month(plan, listing, content.config.timezone)
                plan.add(PlannedPage(listing.src_uri, _url(listing.src_uri), kind, listing.articles,
                                     _listing_extra(listing), picker))
            self._add_redirects(files, config, pages[0], labels)
            plan.first_pages.append(pages[0].src_uri)
        plan.home = home_page(index, latest_count=self.config.home_latest_count, block_count=self.config.home_category_count)
        home = files.get_file_from_path(HOME_SRC_URI)
        if home is None:
            # In the nav (unlike category pages, which on_nav places): it heads the menu.
            meta = {"title": labels["home"], "template": "home.html", "hide": ["navigation", "toc"]}
            add_generated_page(files, config, HOME_SRC_URI, meta, InclusionLevel.UNDEFINED)
        home_articles = [a for a in [plan.home.lead, *plan.home.latest] if a is not None]
        home_articles += [a for block in plan.home.blocks for a in block.articles]
        plan.add(PlannedPage(HOME_SRC_URI, "", "home", home_articles, picker=newest_month))
        language = config.theme.get("language", "vi")
        if plan.archive is not None:
            self._add_archive_pages(files, config, plan, labels, language)
        if self.config.topics:
            plan.topics = build_topics(
                index.articles,
                index_url=self.config.topics_url,
                url_format=self.config.topic_url_format,
                per_page=self.config.per_page,
                page_url_format=self.config.page_url_format,
            )
            self._add_topic_pages(files, config, plan, labels)
        return files

    @event_priority(-50)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self.config.nav_categories:
            return nav
        plan = _plan(config)
        category_pages = [files.get_file_from_path(src).page for src in plan.first_pages]
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
        labels = content.labels(config)
        env.globals["portal_labels"] = labels
        env.globals["portal_categories"] = content.site.index.category_by_slug if content.site else {}

        # Archive and topics: computed once here, looked up by every page.
        env.filters["portal_day"] = lambda day, style="day": _day_text(day, style, language)
        env.filters["portal_month"] = lambda month: _month_text(month.year, month.month, labels, language)
        env.globals["portal_weekdays"] = list(
            zip(labels["weekdays_short"].split(","), labels["weekdays"].split(","), strict=False)
        )
        plan = _plan(config)
        env.globals["portal_archive"] = plan.archive
        env.globals["portal_picker"] = _picker_renderer(env)
        env.globals["portal_topic_urls"] = plan.topics.url_for_tag if plan.topics else {}
        # The 404 page has no page context: it lists the latest news from here.
        env.globals["portal_latest"] = content.site.index.latest(self.config.home_latest_count) if content.site else []
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if not self.config.enabled:
            return context
        content = content_plugin(config, "portal/pages")
        assert content.site is not None
        index = content.site.index
        plan = content.site.plan
        src_uri = page.file.src_uri
        article = content.article_for(page)
        if article is not None:
            context["article"] = article
            context["category"] = index.category_by_slug[article.category]
            context["category_url"] = self.config.category_url_format.format(slug=article.category)
            context["related"] = index.related.get(article.slug, [])
            context["picker"] = plan.picker_month(article.date.astimezone(content.config.timezone).date())
        elif src_uri in plan.listings:
            listing = plan.listings[src_uri]
            context["listing"] = listing
            context["category"] = index.category_by_slug[listing.key]
            context["category_url"] = listing.pages[0].url
            context["picker"] = plan.pages[src_uri].picker
        elif src_uri == HOME_SRC_URI and plan.home is not None:
            context["home"] = plan.home
            context["category_urls"] = {
                c.slug: self.config.category_url_format.format(slug=c.slug) for c in index.categories
            }
            context["picker"] = plan.picker_month()
        elif src_uri in plan.day_pages:
            day, listing = plan.day_pages[src_uri]
            context.update(archive_day=day, listing=listing, picker=day.month)
        elif src_uri in plan.month_pages:
            context["archive_month"] = plan.month_pages[src_uri]
        elif src_uri in plan.year_pages:
            year = plan.year_pages[src_uri]
            context["archive_year"] = year
            context["archive_years"] = [year] if year is not None else list(plan.archive.years.values())
        elif src_uri in plan.topic_pages:
            topic, listing = plan.topic_pages[src_uri]
            context.update(topic=topic, listing=listing, picker=plan.pages[src_uri].picker)
        elif plan.topics is not None and src_uri == plan.topics.src_uri:
            context["topic_index"] = plan.topics
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        archive = _plan(config).archive if self.config.enabled else None
        if archive is None:
            return
        outputs = content_plugin(config, "portal/pages").site.outputs  # type: ignore[union-attr]
        # Each month's days with news, and the first and last day, for the date picker's script.
        for month in archive.months.values():
            relative = archive.urls.month_days_file(month.year, month.month)
            if outputs.may_write(relative, _PICKER_DATA_OWNER):  # else an editor's file is there (reported as a collision)
                data = json.dumps(month_days(month), separators=(",", ":")).encode("utf-8")
                write_output(config.site_dir, relative, data)
        extent_file = archive.urls.range_file()
        if archive.first_day is not None and archive.last_day is not None and outputs.may_write(extent_file, _PICKER_DATA_OWNER):
            extent = {"first": archive.first_day.isoformat(), "last": archive.last_day.isoformat()}
            write_output(config.site_dir, extent_file, json.dumps(extent, separators=(",", ":")).encode("utf-8"))

    # -- helpers -------------------------------------------------------------

    def _add_archive_pages(self, files: Files, config: MkDocsConfig, plan: SitePlan, labels: dict[str, str], language: str) -> None:
        """One page per day with news (paginated), per month and year with news, and the archive index."""
        archive = plan.archive
        assert archive is not None
        # The date picker's data files (written in on_post_build): no editor's file may take their place.
        outputs = content_plugin(config, "portal/pages").site.outputs  # type: ignore[union-attr]
        for month in archive.months.values():
            outputs.claim(archive.urls.month_days_file(month.year, month.month), _PICKER_DATA_OWNER)
        outputs.claim(archive.urls.range_file(), _PICKER_DATA_OWNER)
        generated = {"hide": ["navigation", "toc"], "portal_page": "archive"}
        for day in archive.days.values():
            title = labels["day_title"].format(date=_day_text(day.day, "day", language))
            neighbours = (day.previous.day.isoformat() if day.previous else "", day.next.day.isoformat() if day.next else "")
            for listing in day.pages:
                page_title = _paged_title(title, listing, labels)
                add_generated_page(files, config, listing.src_uri, {**generated, "title": page_title, "template": "day.html"})
                plan.day_pages[listing.src_uri] = (day, listing)
                extra = (*_listing_extra(listing), *neighbours, day.count)
                plan.add(PlannedPage(listing.src_uri, _url(listing.src_uri), "day", listing.articles, extra, day.month))
            self._add_redirects(files, config, day.pages[0], labels)
        for month in archive.months.values():
            title = _month_text(month.year, month.month, labels, language, key="month_page_title")
            add_generated_page(files, config, month.src_uri, {**generated, "title": title, "template": "month.html"})
            plan.month_pages[month.src_uri] = month
            shown = [a for day in month.days for a in day.articles]
            plan.add(PlannedPage(month.src_uri, month.url, "month", shown, (), month))
        for year in archive.years.values():
            title = labels["year_title"].format(year=year.year)
            add_generated_page(files, config, year.src_uri, {**generated, "title": title, "template": "year.html"})
            plan.year_pages[year.src_uri] = year
            neighbours = (year.previous.year if year.previous else 0, year.next.year if year.next else 0)
            months = tuple(month_signature(month) for month in year.months)
            shown = [a for month in year.months for day in month.days for a in day.articles]
            plan.add(PlannedPage(year.src_uri, year.url, "year", shown, (*neighbours, *months)))
        add_generated_page(files, config, archive.src_uri, {**generated, "title": labels["archive"], "template": "year.html"})
        plan.year_pages[archive.src_uri] = None
        plan.add(PlannedPage(archive.src_uri, archive.url, "archive-index", index_articles(plan)))

    def _add_topic_pages(self, files: Files, config: MkDocsConfig, plan: SitePlan, labels: dict[str, str]) -> None:
        """The topics index and each topic's paginated pages."""
        topics = plan.topics
        assert topics is not None
        generated = {"hide": ["navigation", "toc"]}
        add_generated_page(
            files, config, topics.src_uri, {**generated, "title": labels["topics"], "template": "topics.html"}
        )
        plan.add(PlannedPage(topics.src_uri, topics.url, "topics-index", index_articles(plan)))
        newest_month = plan.picker_month()
        zone = plan.zone
        for topic in topics.topics:
            title = labels["topic_title"].format(name=topic.name)
            for listing in topic.pages:
                page_title = _paged_title(title, listing, labels)
                meta = {**generated, "title": page_title, "template": "topic.html", "portal_topic": topic.slug}
                add_generated_page(files, config, listing.src_uri, meta)
                plan.topic_pages[listing.src_uri] = (topic, listing)
                extra = (*_listing_extra(listing), topic.name, topic.count if listing.is_first else "")
                picker = newest_month if listing.is_first else self._own_month(plan, listing, zone)
                plan.add(PlannedPage(listing.src_uri, _url(listing.src_uri), "topic", listing.articles, extra, picker))
            self._add_redirects(files, config, topic.pages[0], labels)

    @staticmethod
    def _own_month(plan: SitePlan, listing: ListingPage, zone: Any) -> Any:
        """An archive page's date picker shows the month of its newest article: a page that keeps its articles keeps its picker."""
        return plan.picker_month(local_day(listing.articles[0], zone) if listing.articles else None)

    @staticmethod
    def _add_redirects(files: Files, config: MkDocsConfig, first: ListingPage, labels: dict[str, str]) -> None:
        """The old addresses of pages now shown on ``first`` lead to it."""
        for url in first.redirects:
            html = redirect_page(url, first.url, title=first.title, site_url=config.site_url or "", labels=labels,
                                 language=config.theme.get("language", "vi"))
            add_generated_file(files, config, url + "index.html", html, generated_owner("trang chuyển hướng", "page_url_format"))

    @staticmethod
    def _listing_meta(listing: ListingPage, labels: dict[str, str]) -> dict[str, Any]:
        title = _paged_title(listing.title, listing, labels)
        return {
            "title": title,
            "description": listing.description,
            "template": "category.html",
            "hide": ["navigation", "toc"],
            "portal_category": listing.key,
        }



def _paged_title(title: str, listing: ListingPage, labels: dict[str, str]) -> str:
    """An archive page's title names its number ("Thời sự – Trang 3"); the first page's does not."""
    return title if listing.is_first else title + " – " + labels["page_number"].format(number=listing.number)


def _listing_extra(listing: ListingPage) -> tuple[Any, ...]:
    """What a listing page shows besides its articles: its number and its neighbours' addresses."""
    newer, older = listing.previous, listing.next
    return (listing.number, newer.url if newer else "", older.url if older else "")


def _plan(config: MkDocsConfig) -> SitePlan:
    site = content_plugin(config, "portal/pages").site
    assert site is not None
    return site.plan


def _url(src_uri: str) -> str:
    """A generated page's directory URL from its ``…/index.md`` source."""
    folder = posixpath.dirname(src_uri)
    return folder + "/" if folder else ""


def index_articles(plan: SitePlan) -> list[Article]:
    """Everything published: what a page listing the whole site depends on."""
    return list(plan.index.articles)


def _picker_renderer(env: Environment) -> Any:
    """The date picker's HTML, rendered once per (month, page depth, marked day) and reused.

    Every article page shows a picker; rendering its calendar per page cost
    ~10% of a build. Its links depend only on the page's relative root
    (``base_url``), so pages at the same depth share one render.
    """

    @functools.lru_cache(maxsize=2048)
    def render(picker: MonthArchive, base_url: str, current_day: date | None) -> Markup:
        template = env.get_template("partials/portal/datepicker-panel.html")
        # No page: MkDocs' `url` filter then joins to base_url, the page's relative root.
        html = template.render(page=None, base_url=base_url, picker=picker, current_day=current_day)
        return Markup(html)

    return render


@functools.lru_cache(maxsize=16384)
def _day_text(day: date, style: str, language: str) -> str:
    """A day as the portal writes it: ``15/01/2025`` (``day``) or ``Thứ Tư, 15/01/2025`` (``day_long``)."""
    patterns = DATE_PATTERNS.get(language, DATE_PATTERNS["vi"])
    return babel_format_date(day, patterns.get(style, patterns["day"]), locale=language)


def _month_text(year: int, month: int, labels: dict[str, str], language: str, key: str = "month_title") -> str:
    """``Tháng 1/2025`` (vi) or ``January 2025`` (en), from the labels."""
    try:
        name = get_month_names("wide", locale=language)[month]
    except (KeyError, ValueError):  # pragma: no cover - unknown locale: the number is enough
        name = str(month)
    return labels[key].format(month=month, year=year, month_name=name)


def _walk_pages(items: list[Any]) -> list[Page]:
    """Pages of a nav tree in reading order (sections flattened)."""
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif getattr(item, "children", None):
            found.extend(_walk_pages(item.children))
    return found
