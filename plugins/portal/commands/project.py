"""What every command needs from a portal project: its configuration and categories.

Commands other than ``build`` and ``serve`` (``new``, ``check``, ``import``)
read the same mkdocs.yml and the same ``portal/content`` options as the
build, so an article they accept is one the build accepts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from portal.mkdocs_plugins import CONTENT_PLUGIN
from portal.model.entities import Category


class ProjectError(Exception):
    """The project cannot be loaded; the message tells the operator what to fix."""


@dataclass
class Project:
    """A loaded portal project."""

    config: MkDocsConfig
    root: Path
    docs_dir: Path
    docs_label: str
    categories: list[Category]
    content_options: object

    @property
    def articles_dir(self) -> Path:
        return self.docs_dir / self.content_options.articles_dir.strip("/")  # type: ignore[attr-defined]


def load_project(config_file: Path) -> Project:
    """Load and validate mkdocs.yml the way a build does."""
    if not config_file.is_file():
        raise ProjectError(f"không tìm thấy tệp cấu hình {config_file}")
    # MkDocs logs its own config warnings; a command's output is for editors.
    mkdocs_log = logging.getLogger("mkdocs")
    level = mkdocs_log.level
    mkdocs_log.setLevel(logging.ERROR)
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise ProjectError(f"cấu hình {config_file.name} không hợp lệ: {error}") from None
    finally:
        mkdocs_log.setLevel(level)
    plugin = config.plugins.get(CONTENT_PLUGIN)
    if plugin is None:
        raise ProjectError(f"{config_file.name} chưa bật plugin '{CONTENT_PLUGIN}'")
    root = config_file.resolve().parent
    docs_dir = Path(config.docs_dir)
    return Project(
        config=config,
        root=root,
        docs_dir=docs_dir,
        docs_label=plugin._docs_label(config),  # type: ignore[attr-defined]
        categories=plugin.categories,  # type: ignore[attr-defined]
        content_options=plugin.config,
    )
