"""Load a whole site's content: read every article, then build the index once.

This is the single entry point an engine calls; it returns the model and
every problem found, across all files, so editors fix everything in one go.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from portal.caching.articles import ArticleCache
from portal.model.entities import Article, Category
from portal.model.index import ContentIndex, build_index
from portal.planning.plan import SitePlan
from portal.planning.urls import UNBUILT
from portal.problems import Problem
from portal.reading.articles import read_article
from portal.reading.dates import VIETNAM
from portal.reading.slugs import is_valid_slug, make_slug
from portal.writing.outputs import Outputs


@dataclass
class SiteContent:
    """The result of loading: the index and what was wrong."""

    index: ContentIndex
    problems: list[Problem] = field(default_factory=list)
    # The editors' content folder (the build reads a checked snapshot of it: reading.snapshot).
    source_dir: Path | None = None
    # Every output path of this build and its owner (writing.outputs).
    outputs: Outputs = field(default_factory=Outputs)
    # Every page of the site and what it shows, filled by the plugins (planning.plan).
    plan: SitePlan = None  # type: ignore[assignment]  # set in __post_init__

    def __post_init__(self) -> None:
        if self.plan is None:
            self.plan = SitePlan(index=self.index, zone=VIETNAM, urls=UNBUILT)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check_categories(categories: Iterable[Category], config_label: str = "mkdocs.yml") -> list[Problem]:
    """Declared categories need valid, unique slugs and a name."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for category in categories:
        if not is_valid_slug(category.slug):
            detail = f"slug '{category.slug}' (gợi ý: '{make_slug(category.slug) or 'ten-chuyen-muc'}')"
            problems.append(Problem(config_label, "bad_category_config", {"detail": detail}, field="categories"))
        if category.slug in seen:
            detail = f"slug '{category.slug}' được khai báo hai lần"
            problems.append(Problem(config_label, "bad_category_config", {"detail": detail}, field="categories"))
        if not category.name.strip():
            detail = f"chuyên mục '{category.slug}' chưa có tên hiển thị (name)"
            problems.append(Problem(config_label, "bad_category_config", {"detail": detail}, field="categories"))
        seen.add(category.slug)
    return problems


def list_files(docs_dir: Path) -> set[str]:
    """Every non-hidden file under the content folder, as ``/``-separated relative paths."""
    found: set[str] = set()
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_root = os.path.relpath(root, docs_dir).replace(os.sep, "/")
        prefix = "" if rel_root == "." else rel_root + "/"
        found.update(prefix + name for name in files if not name.startswith("."))
    return found


def _read(root: str, src_uri: str) -> bytes:
    with open(f"{root}/{src_uri}", "rb") as handle:
        return handle.read()


def load_site(
    docs_dir: Path,
    categories: list[Category],
    *,
    articles_dir: str = "tin-tuc",
    article_url_format: str = "tin-tuc/{slug}/",
    related_count: int = 10,
    zone: tzinfo = VIETNAM,
    docs_label: str | None = None,
    now: datetime | None = None,
    include_drafts: bool = False,
    source_dir: Path | None = None,
    file_problems: list[Problem] | None = None,
    article_cache: ArticleCache | None = None,
    files: set[str] | None = None,
    identities: Mapping[str, str] | None = None,
) -> SiteContent:
    """Read and validate every article under ``docs_dir/articles_dir`` and index them.

    ``now`` decides which articles are scheduled or expired; ``include_drafts``
    publishes drafts too, for the preview (see ``build_index``). ``docs_dir``
    may be a snapshot of ``source_dir`` (the editors' folder), whose refused
    files are ``file_problems``, ``files`` what it holds (else the folder is listed)
    and ``identities`` its Markdown files' identities on disk (for ``article_cache``).
    """
    docs_label = docs_label or docs_dir.name
    problems = check_categories(categories) + list(file_problems or [])
    known = {category.slug: category for category in categories}
    all_files = files if files is not None else list_files(docs_dir)
    root = str(docs_dir)
    prefix = articles_dir.strip("/") + "/"
    articles: list[Article] = []
    unreadable: set[str] = set()
    for src_uri in sorted(f for f in all_files if f.startswith(prefix) and f.endswith(".md")):
        # A file whose identity on disk the cache knows is read only if it must be parsed again.
        identity = identities.get(src_uri) if identities is not None and article_cache is not None else None
        digest = article_cache.digest_of(identity) if article_cache is not None and identity is not None else None
        raw: bytes | None = None
        if digest is None or article_cache is None or not article_cache.has(digest, src_uri):
            raw = _read(root, src_uri)
            digest = hashlib.sha256(raw).hexdigest()
            if article_cache is not None and identity is not None:
                article_cache.remember(identity, digest)

        def parse(
            image_exists: Callable[[str], bool], raw: bytes | None = raw, src_uri: str = src_uri
        ) -> tuple[Article | None, list[Problem]]:
            data = raw if raw is not None else _read(root, src_uri)
            return read_article(data, src_uri, categories=known, docs_label=docs_label, zone=zone, image_exists=image_exists)

        if article_cache is not None:
            article, found = article_cache.read(raw, src_uri, all_files.__contains__, parse, digest)
        else:
            article, found = parse(all_files.__contains__)
        problems.extend(found)
        if article is not None:
            article.source_hash = digest  # what the site plan's fingerprints know it by
            articles.append(article)
        else:
            unreadable.add(make_slug(posixpath.splitext(posixpath.basename(src_uri))[0]))
    index, found = build_index(
        articles, categories, article_url_format=article_url_format, related_count=related_count, unreadable=unreadable, now=now,
        include_drafts=include_drafts,
    )
    problems.extend(found)
    if article_cache is not None:
        article_cache.save()
    plan = SitePlan(index=index, zone=zone, urls=UNBUILT.with_(article=article_url_format))
    return SiteContent(index=index, problems=problems, source_dir=source_dir or docs_dir, plan=plan)
