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
_TAB_INDENT = re.compile(r"^ *\t")
MAX_DEPTH = 10  # a mapping of fields, a source mapping or a list: 2 is all editors need
_SCAN_ABOVE = 2000  # characters of front matter past which the event scan looks for anchors
_FLOW_CHARS = re.compile(r"[\[\]{}\"'#]")
_LINE_PREFIX = re.compile(r"(?:(?:-|\?)(?:[ \t]+|$))*")  # "- - " sequence entries and "? " keys on one line
_KEY = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},][^#:]*?)[ \t]*:(?:[ \t]+|$)""")
_NODE_PROPERTIES = re.compile(r"(?:[!&]\S*[ \t]+)*")  # a tag or anchor before a value
_BLOCK_SCALAR = re.compile(r"[|>][0-9+-]*[ \t]*(?:#.*)?$")
_UNKNOWN_TAG = "could not determine a constructor for the tag"

# Characters refused in one-line fields (title, sapo, author, tags…): C0 and C1
# controls (tab and newline aside), line/paragraph separators, bidi embeddings,
# overrides and isolates (U+202E makes "gpj.exe" read "exe.jpg"), surrogates
# and the two non-characters. They are invisible, can reorder what readers
# see, and XML (the feeds) cannot carry most of them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The first character ``text`` may not hold, as (1-based position, ``U+XXXX NAME``), or ``None``."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    char = match.group()
    name = unicodedata.name(char, "")
    return match.start() + 1, f"U+{ord(char):04X}" + (f" {name}" if name else "")


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
        try:
            duplicate = key in seen
        except TypeError:  # unhashable key: SafeConstructor reports it below
            continue
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' appears twice", key_node.start_mark
            )
        seen.add(key)
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
    """Decode bytes as UTF-8 (BOM allowed), normalise line endings and to NFC.

    UTF-16 (Notepad's "Unicode") and binary files (a photo renamed ``.md``:
    NUL bytes, which no text file holds) are refused with their own message.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, "not_utf8", {"position": 0})]
    if b"\x00" in raw:
        return None, [Problem(path, "binary_file", {"position": raw.index(b"\x00")})]
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
    try:  # lone surrogates cannot come from a UTF-8 file, but libyaml would raise on them
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return None, [Problem(path, "not_utf8", {"position": error.start})]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, [Problem(path, "no_front_matter", line=1)]
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if closing is None:
        return None, [Problem(path, "unclosed_front_matter", line=1)]
    yaml_text = "\n".join(lines[1:closing])
    # Deep nesting is counted here, before any YAML library sees the text: old
    # libyaml's composer recursed in C and crashed the process past a few thousand
    # levels, newer libyaml stops at 1,000 with an English error of its own, the
    # pure-Python loader raises RecursionError. Our own count gives the editor the
    # same Vietnamese message whichever PyYAML / libyaml is installed.
    too_deep = nesting_too_deep(yaml_text)
    if too_deep is not None:
        return None, [Problem(path, "yaml_too_deep", {"limit": MAX_DEPTH}, line=too_deep + 1)]
    # Anchors and aliases (&a / *a) are refused before anything is built: nested
    # aliases expand exponentially ("billion laughs") and editors never need them.
    if len(yaml_text) > _SCAN_ABOVE or "&" in yaml_text or "*" in yaml_text:
        found = _scan_events(yaml_text)
        if found is not None:
            return None, [Problem(path, found[0], line=found[1])]
    try:
        data = yaml.load(yaml_text, Loader=FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:  # pragma: no cover - nesting_too_deep() refuses such texts first
        return None, [Problem(path, "yaml_too_deep", {"limit": MAX_DEPTH}, line=2)]
    except (ValueError, TypeError) as error:  # e.g. a 5,000-digit number: Python refuses to convert it
        return None, [Problem(path, "yaml_error", {"detail": str(error).split(";")[0]}, line=1)]
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct starts (the opening
        # quote, the list bracket): that is the line the editor has to fix.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 2 if mark is not None else 1
        detail = error.problem or str(error)
        if detail.startswith(_UNKNOWN_TAG) and error.problem_mark is not None:
            # !!python/object/apply:os.system and the like: the safe loader builds no objects.
            tag = detail[len(_UNKNOWN_TAG) :].strip(" '").replace("tag:yaml.org,2002:", "!!")
            return None, [Problem(path, "yaml_tag", {"tag": tag}, line=error.problem_mark.line + 2)]
        # A tab in the indentation: name it, on its line (libyaml's message does not say "tab").
        marked = [m.line + 2 for m in (error.problem_mark, error.context_mark) if m is not None]
        tab_line = next((n for n in marked if 1 < n < closing + 1 and _TAB_INDENT.match(lines[n - 1])), None)
        if tab_line is None and "tab" in detail:
            tab_line = next((n for n, text in enumerate(lines[1:closing], start=2) if _TAB_INDENT.match(text)), None)
        if tab_line is not None:
            return None, [Problem(path, "yaml_tab", line=tab_line)]
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


def _scan_events(yaml_text: str) -> tuple[str, int] | None:
    """The first anchor or alias in the front matter, as (problem code, file line).

    Reads the event stream only: nothing is expanded or built. A syntax error
    is left to the loader, which reports it with its line.
    """
    try:
        for event in yaml.parse(yaml_text, Loader=FrontMatterLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return "yaml_alias", event.start_mark.line + 2
    except yaml.YAMLError:
        return None
    return None


def nesting_too_deep(yaml_text: str) -> int | None:
    """The 1-based line of ``yaml_text`` where nesting first exceeds :data:`MAX_DEPTH`, or ``None``.

    A plain-Python count that never calls a YAML library, so that the limit and
    its message do not depend on the installed libyaml. Block nesting is the
    stack of indentations plus "- " entries on a line; flow nesting is ``[``/``{``
    outside quotes and comments, from where a value starts with one, across
    lines. It may count one level more than YAML does (a list under its key),
    never fewer, so a text it passes cannot reach any parser's own limit.
    """
    indents: list[int] = []
    flow = 0  # open [ and { of the current flow collection
    base = 0  # block depth where that flow collection started
    quote = ""  # the open quote inside a flow collection, if any
    scalar_indent: int | None = None  # inside a | or > block scalar started at this indent
    for number, line in enumerate(yaml_text.split("\n"), start=1):
        start = 0
        if flow == 0:
            stripped = line.lstrip(" ")
            indent = len(line) - len(stripped)
            if scalar_indent is not None:
                if not stripped or indent > scalar_indent:
                    continue
                scalar_indent = None
            if not stripped or stripped.startswith("#"):
                continue
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            position = indent
            dashes = _LINE_PREFIX.match(line, position)
            entries = dashes.group().count("-") + dashes.group().count("?") if dashes else 0
            depth = len(indents) + entries
            position = dashes.end() if dashes else position
            keys = 0
            while True:  # "key: " prefixes: a mapping inside a "- " entry, or "a: b: c", opens a level each
                key = _KEY.match(line, position)
                if key is None:
                    break
                position = key.end()
                keys += 1
            depth += max(0, keys - (0 if entries else 1))
            if depth > MAX_DEPTH:
                return number
            position = _NODE_PROPERTIES.match(line, position).end()  # type: ignore[union-attr]
            rest = line[position:]
            if _BLOCK_SCALAR.match(rest):
                scalar_indent = indent
                continue
            if not rest.startswith(("[", "{")):
                continue
            base, start = depth, position
        for match in _FLOW_CHARS.finditer(line, start):
            char = match.group()
            if quote:
                if char == quote and not (quote == '"' and _escaped(line, match.start())):
                    quote = ""
                continue
            if char in "\"'":
                quote = char
            elif char == "#":
                if match.start() == 0 or line[match.start() - 1] in " \t":
                    break
            elif char in "[{":
                flow += 1
                if base + flow > MAX_DEPTH:
                    return number
            elif flow > 0:
                flow -= 1
                if flow == 0:
                    break  # the rest of the line is after the collection: a syntax error at most
    return None


def _escaped(line: str, position: int) -> bool:
    """Whether the character at ``position`` follows an odd number of backslashes."""
    backslashes = 0
    while position > 0 and line[position - 1] == "\\":
        backslashes += 1
        position -= 1
    return backslashes % 2 == 1
