"""What every page of a build depends on, as one key.

A page's fingerprint (``planning.plan``) covers what that page shows; this
key covers what all pages share: the configuration (labels and categories
included), every enabled plugin's name, version and options, the templates
and theme files, the portal's own code, the static pages (their titles make
the nav), and whether this is a preview. A plugin the portal does not know
may change pages in ways no fingerprint sees: it turns reuse off.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import portal

# Plugins whose effect on a page is fully decided by their options and version, so that
# the page fingerprint plus this key describe the page: MkDocs' own and Material's
# search (which write no page), and the portal's.
KNOWN_PLUGINS = frozenset({"search", "material/search"})
KNOWN_PREFIXES = ("portal/",)
# Plugins that write no page (progress display): left out of the key, so that showing a bar
# or plain lines does not make a build cold.
NO_OUTPUT_PLUGINS = frozenset({"portal/progress", "portal/parallel"})


def unknown_plugins(names: Iterable[str]) -> list[str]:
    """Enabled plugins the cache cannot vouch for."""
    return sorted(name for name in names if name not in KNOWN_PLUGINS and not name.startswith(KNOWN_PREFIXES))


def global_key(
    *,
    config_items: Mapping[str, Any],
    plugins: Mapping[str, Any],
    theme_dirs: Iterable[str],
    static_pages: Mapping[str, str],
    command: str,
) -> str:
    """One hash of everything all pages share (see the module's docstring)."""
    digest = hashlib.sha256()
    parts: dict[str, Any] = {
        "portal": [portal.__version__ if hasattr(portal, "__version__") else "", portal_code_hash()],
        "config": {key: _plain(value) for key, value in sorted(config_items.items())},
        "plugins": {
            name: [plugin_version(plugin), _plain(dict(getattr(plugin, "config", {}) or {}))]
            for name, plugin in plugins.items()
            if name not in NO_OUTPUT_PLUGINS
        },
        "theme": [theme_dir_hash(folder) for folder in theme_dirs],
        "static": dict(sorted(static_pages.items())),
        "command": command,
    }
    digest.update(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8"))
    return digest.hexdigest()


def plugin_version(plugin: Any) -> str:
    """The distribution and version a plugin instance comes from (its module name if unknown)."""
    module = type(plugin).__module__
    return _plugin_distributions().get(module.split(".", 1)[0]) or module


@functools.lru_cache(maxsize=1)
def _plugin_distributions() -> Mapping[str, str]:
    """Top-level module → ``name==version`` for every installed MkDocs plugin, from the entry points (fast)."""
    found: dict[str, str] = {}
    for entry in metadata.entry_points(group="mkdocs.plugins"):
        dist = getattr(entry, "dist", None)
        if dist is not None:
            found.setdefault(entry.value.split(":", 1)[0].split(".", 1)[0], f"{dist.metadata['Name']}=={dist.version}")
    return found


@functools.lru_cache(maxsize=1)
def portal_code_hash() -> str:
    """The portal's own code: a change to any module can change any page."""
    return _tree_hash(Path(portal.__file__).parent, suffixes=(".py",))


def theme_dir_hash(folder: str) -> str:
    """A theme folder: every file's path and bytes for a small custom_dir, the package version for an installed theme.

    Computed at every build, not remembered: under ``serve`` an edited template must
    change the key of the very next rebuild.
    """
    path = Path(folder)
    for package in ("material", "mkdocs"):
        try:
            installed = Path(metadata.distribution("mkdocs-material" if package == "material" else package).locate_file(package))
        except metadata.PackageNotFoundError:
            continue
        if installed in path.parents or installed == path:
            return f"{package}=={metadata.version('mkdocs-material' if package == 'material' else package)}"
    return _tree_hash(path)


def _tree_hash(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if suffixes is not None and not name.endswith(suffixes):
                continue
            file = Path(root) / name
            digest.update(file.relative_to(folder).as_posix().encode())
            digest.update(b"\x00")
            digest.update(file.read_bytes())
            digest.update(b"\x00")
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """A configuration value as JSON-able data (objects by their repr)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if callable(value) and hasattr(value, "__qualname__"):  # a function in a setting: by name, not address
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))
