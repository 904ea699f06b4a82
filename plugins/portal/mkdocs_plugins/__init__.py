"""MkDocs 1.x plugins: events only; they call the engine-free modules of ``portal``.

- ``portal/content``: reads and validates the articles, builds the content model.
- ``portal/pages``: generates the home and category pages, fills every page's context.
- ``portal/feeds``: writes the RSS and Atom feeds and links them from every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from portal.mkdocs_plugins.content.plugin import ContentPlugin

CONTENT_PLUGIN = "portal/content"


def content_plugin(config: MkDocsConfig, needed_by: str) -> ContentPlugin:
    """The content plugin of this build, which owns the model every other plugin reads."""
    plugin = config.plugins.get(CONTENT_PLUGIN)
    if plugin is None or not plugin.config.enabled:
        raise PluginError(
            f"'{needed_by}' cần plugin '{CONTENT_PLUGIN}': thêm '- {CONTENT_PLUGIN}' vào "
            f"mục plugins của mkdocs.yml, trước '{needed_by}'."
        )
    return plugin  # type: ignore[return-value]
