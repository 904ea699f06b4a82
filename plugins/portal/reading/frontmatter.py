"""Split a Markdown file into YAML front matter and body, parsing the YAML ourselves.

MkDocs' own reader silently turns broken YAML into empty metadata, which
would publish an article without title or date. Here every failure becomes
a :class:`~portal.problems.Problem` with the line it happened on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from portal.problems import Problem

try:  # libyaml is ~7x faster on thousands of articles
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:")


class FrontMatterLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe YAML loader that keeps dates as text and refuses duplicate keys.

    Dates stay strings so that one parser (``reading.dates``) decides what an
    editor's date means, instead of YAML guessing a zone-less timestamp.
    """


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' appears twice", key_node.start_mark
            )
        try:
            seen.add(key)
        except TypeError:  # unhashable key: SafeConstructor reports it below
            pass
    return loader.construct_mapping(node, deep=True)


FrontMatterLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping_without_duplicates)


@dataclass
class FrontMatter:
    """The parsed parts of an article file.

    Attributes:
        data: the front-matter mapping, as YAML gave it.
        body: the Markdown after the closing fence.
        key_lines: line number (1-based, in the file) of each top-level key.
        body_line: the file line where the body starts.
    """

    data: dict[str, Any]
    body: str
    key_lines: dict[str, int]
    body_line: int = 1


def decode_source(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode bytes as UTF-8 (BOM allowed), normalise line endings and to NFC."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem(path, "not_utf8", {"position": error.start})]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), []


def parse_front_matter(text: str, path: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Split ``text`` into front matter and body and parse the YAML.

    Returns the parsed front matter, or ``None`` with the problems that
    prevented reading it.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, [Problem(path, "no_front_matter", line=1)]
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if closing is None:
        return None, [Problem(path, "unclosed_front_matter", line=1)]
    yaml_text = "\n".join(lines[1:closing])
    try:
        data = yaml.load(yaml_text, Loader=FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct starts (the opening
        # quote, the list bracket): that is the line the editor has to fix.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 2 if mark is not None else 1
        detail = error.problem or str(error)
        if error.context:
            detail = f"{error.context}, {detail}"
        return None, [Problem(path, "yaml_error", {"detail": detail}, line=line)]
    except yaml.YAMLError as error:
        return None, [Problem(path, "yaml_error", {"detail": str(error)}, line=1)]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(path, "not_mapping", line=2)]
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines[1:closing], start=2):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            key_lines.setdefault(match.group(1), number)
    body = "\n".join(lines[closing + 1 :])
    return FrontMatter(data=data, body=body, key_lines=key_lines, body_line=closing + 2), []
