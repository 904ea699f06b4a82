"""The repository's own sample site builds with plain `mkdocs build --strict` (entry points)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from conftest import REPO
from portal.reading.dates import VIETNAM
from portal.site import load_site


def test_sample_content_is_a_real_portal() -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    content = config.plugins["portal/content"]
    site = load_site(Path(config.docs_dir), content.categories, zone=VIETNAM)
    assert site.problems == []
    index = site.index
    assert len(index.articles) >= 20
    assert sum(1 for members in index.by_category.values() if members) >= 6
    assert len(index.drafts) >= 1
    assert any(a.source for a in index.articles)
    assert any(a.related_slugs for a in index.articles)
    assert sum(1 for a in index.articles if a.image) >= 3


def test_sample_site_builds_strict_with_the_mkdocs_cli(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "lxml")
    assert home.select_one(".portal-lead__headline a") is not None
    assert len(home.select(".portal-block")) >= 6
    feed = feedparser.parse((out / "rss.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) >= 20
    for entry in feed.entries:
        href = entry.link.removeprefix("https://doingoai.minhgiang.example.vn/")
        assert (out / href / "index.html").is_file(), href
