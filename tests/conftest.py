"""Shared fixtures: small portals built for real in a temporary folder.

Each test writes the articles it needs, builds with the real plugins and the
real Material theme, and asserts on parsed HTML and parsed feeds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CATEGORIES = [
    {"slug": "thoi-su", "name": "Thời sự", "description": "Tin thời sự trong tỉnh."},
    {"slug": "hoat-dong-doi-ngoai", "name": "Hoạt động đối ngoại", "description": "Đối ngoại của tỉnh."},
    {"slug": "hop-tac-quoc-te", "name": "Hợp tác quốc tế"},
]


def git(cwd: Path, *args: str, date: str | None = None) -> None:
    """Run git as an editor would commit (fixed identity; ``date`` sets the commit's time)."""
    env = dict(os.environ, GIT_AUTHOR_NAME="Biên tập", GIT_AUTHOR_EMAIL="bt@example.vn",
               GIT_COMMITTER_NAME="Biên tập", GIT_COMMITTER_EMAIL="bt@example.vn")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"


def article_text(
    title: str = "Tiêu đề bài viết",
    date: str = "2025-01-15 16:17",
    category: str = "thoi-su",
    body: str = "Nội dung bài viết.",
    **fields: Any,
) -> str:
    """An article file: front matter from the arguments, then the body."""
    meta = {"title": title, "date": date, "category": category, **fields}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


@dataclass
class Site:
    """A portal project in a temporary folder."""

    root: Path
    site_url: str | None = "https://example.org/portal/"
    categories: list[dict[str, Any]] = field(default_factory=lambda: list(CATEGORIES))
    plugin_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra_config: dict[str, Any] = field(default_factory=dict)
    extra_plugins: list[Any] = field(default_factory=list)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def out(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def article(self, slug: str, year: str = "2025", **fields: Any) -> Path:
        return self.write(f"tin-tuc/{year}/{slug}.md", article_text(**fields))

    def write_config(self) -> Path:
        config: dict[str, Any] = {
            "site_name": "Cổng thử nghiệm",
            "docs_dir": "content",
            "site_dir": "site",
            "theme": {"name": "material", "custom_dir": str(REPO / "theme"), "language": "vi", "font": False},
            "validation": {"links": {"absolute_links": "relative_to_docs"}},
            "plugins": [
                {"portal/content": {"categories": self.categories, **self.plugin_options.get("content", {})}},
                {"portal/pages": self.plugin_options.get("pages", {})},
                {"portal/feeds": self.plugin_options.get("feeds", {})},
                {"portal/seo": self.plugin_options.get("seo", {})},
                *self.extra_plugins,
            ],
            **self.extra_config,
        }
        if self.site_url:
            config["site_url"] = self.site_url
        path = self.root / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        self.content.mkdir(parents=True, exist_ok=True)
        return path

    def build(self) -> Path:
        """Build in-process through build.py's atomic builder (raises on failure)."""
        import build as build_script

        return build_script.build_site(self.write_config())

    def run_build_py(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run `python build.py build` as an editor would, capturing its output."""
        config = self.write_config()
        return subprocess.run(
            [sys.executable, str(REPO / "build.py"), "-f", str(config), "build", *args],
            capture_output=True,
            text=True,
            cwd=self.root,
            timeout=timeout,
        )

    def tree(self, folder: Path | None = None) -> dict[str, bytes]:
        """Every file under ``folder`` (the content folder by default) by relative path: to prove nothing was lost."""
        folder = folder or self.content
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}

    def html(self, url_path: str) -> BeautifulSoup:
        """Parse an output page by its URL path (``tin-tuc/a/``)."""
        path = self.out / url_path / "index.html" if not url_path.endswith(".html") else self.out / url_path
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(root=tmp_path)
