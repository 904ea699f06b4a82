"""MkDocs 1.x plugins: events only; they call the engine-free modules of ``portal``.

- ``portal/content``: reads and validates the articles, builds the content model.
- ``portal/pages``: generates the home and category pages, fills every page's context.
- ``portal/feeds``: writes the RSS and Atom feeds and links them from every page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

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


# What each generated page is, for a collision report ("… vừa là tệp content/x.md vừa là trang tìm kiếm").
_GENERATED_KINDS = {
    "category.html": ("trang chuyên mục", "category_url_format của portal/pages"),
    "home.html": ("trang chủ", ""),
    "day.html": ("trang tin theo ngày", "archive_url của portal/pages"),
    "month.html": ("trang tin theo tháng", "archive_url của portal/pages"),
    "year.html": ("trang lưu trữ theo năm", "archive_url của portal/pages"),
    "topic.html": ("trang chủ đề", "topic_url_format của portal/pages"),
    "topics.html": ("trang danh sách chủ đề", "topics_url của portal/pages"),
    "subscribe.html": ("trang đăng ký nhận tin", "subscribe_url của portal/feeds"),
    "portal-search.html": ("trang tìm kiếm", "search_url của portal/search"),
}


def generated_owner(kind: str, option: str = "") -> str:
    """How a collision report names a generated page or file, with the option that sets its address."""
    return f"{kind} (tự tạo" + (f", địa chỉ đặt bằng {option})" if option else ")")


def add_generated_page(
    files: Files,
    config: MkDocsConfig,
    src_uri: str,
    meta: dict[str, Any],
    inclusion: InclusionLevel = InclusionLevel.NOT_IN_NAV,
) -> bool:
    """Add a generated page, unless its address belongs to an editor's file or article (then a collision).

    Its front matter goes through YAML so no title can break it. Returns
    whether the page was added.
    """
    # JSON is YAML too, and a hundred times faster to write than yaml.safe_dump for 10,000s of pages.
    text = "---\n" + json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n---\n"
    file = File.generated(config, src_uri, content=text, inclusion=inclusion)
    content = content_plugin(config, "portal")
    kind, option = _GENERATED_KINDS.get(str(meta.get("template", "")), ("trang tự tạo", ""))
    outputs = content.site.outputs if content.site is not None else None
    if outputs is not None and not outputs.claim(file.dest_uri, generated_owner(kind, option)):
        return False
    if files.get_file_from_path(src_uri) is not None:  # pragma: no cover - the ledger saw it first
        raise PluginError(f"Tệp '{src_uri}' trùng địa chỉ với một trang tự tạo: đổi tên hoặc xóa tệp đó.")
    files.append(file)
    return True


def add_generated_file(files: Files, config: MkDocsConfig, dest_uri: str, content: str, owner: str) -> bool:
    """Add a file the portal writes as is (not a page: no theme), unless its address is taken (then a collision)."""
    site = content_plugin(config, "portal").site
    if site is not None and not site.outputs.claim(dest_uri, owner):
        return False
    if files.get_file_from_path(dest_uri) is not None:  # pragma: no cover - the ledger saw it first
        raise PluginError(f"Tệp '{dest_uri}' trùng địa chỉ với một tệp tự tạo: đổi tên hoặc xóa tệp đó.")
    files.append(File.generated(config, dest_uri, content=content))
    return True


def add_plugin(config: MkDocsConfig, name: str, plugin: Any, options: dict[str, Any]) -> Any:
    """Add ``plugin`` with ``options`` to a loaded config (build.py's own plugins); MkDocs' collection registers its events."""
    errors, _ = plugin.load_config(options, config.config_file_path)
    if errors:  # pragma: no cover - build.py passes valid options
        raise PluginError(f"'{name}': {errors}")
    config.plugins[name] = plugin
    return plugin
