"""The editors' contract: which front-matter fields an article has and what they may hold.

``read_article`` validates every field of one file and reports all its
problems together; it never stops at the first.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urlsplit

from portal.model.entities import Article, Category, Source
from portal.problems import Problem
from portal.reading.dates import VIETNAM, has_time_of_day, parse_date
from portal.reading.frontmatter import decode_source, forbidden_character, parse_front_matter
from portal.reading.slugs import make_slug

REQUIRED_FIELDS = ("title", "date", "category")
KNOWN_FIELDS = (
    "title", "date", "category", "summary", "author", "source", "image", "image_caption",
    "tags", "related", "draft", "featured", "slug", "expires", "updated",
)
TYPE_NAMES_VI = {
    "str": "chữ (text)", "int": "số", "float": "số", "bool": "true/false", "list": "danh sách",
    "dict": "nhóm trường", "NoneType": "trống",
}
EXAMPLES = {
    "title": 'title: "Tiêu đề bài viết"',
    "summary": 'summary: "Sapo một đến hai câu."',
    "author": 'author: "Quang Minh, Ban Tuyên giáo Tỉnh ủy"',
    "tags": "tags: [Lào, hợp tác biên giới]",
    "related": "related: [slug-bai-mot, slug-bai-hai]",
    "draft": "draft: true",
    "featured": "featured: true",
    "source": 'source: {name: "Báo Nhân Dân", url: "https://nhandan.vn/..."}',
    "image": "image: /anh/2025/ten-anh.jpg",
    "image_caption": 'image_caption: "Chú thích ảnh. Ảnh: Mai Hoa"',
    "category": "category: hoat-dong-doi-ngoai",
    "slug": "slug: ten-bai-viet",
    "expires": "expires: 2026-12-31 23:59",
    "updated": "updated: 2025-01-16 09:00",
}


# Longest text a field may hold (characters): a 10,000-character title breaks
# every list, the <title> and the feeds. Per item for lists (one tag).
TEXT_LIMITS = {"title": 300, "summary": 1000, "author": 300, "image_caption": 500, "tags": 100, "source": 300}
DEFAULT_TEXT_LIMIT = 2000  # slugs, categories, image paths and addresses
# Most items a list field may hold: the page shows them all.
LIST_LIMITS = {"related": 20, "tags": 30}
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Markdown links' targets (``](anh/x.jpg)``, ``](<../a.md>)``): a page's bytes depend on where they lead.
_BODY_LINK = re.compile(r"\]\(\s*<?([^)\s>#?]+)")


class _FieldReader:
    """Collects the problems of one file while its fields are read."""

    def __init__(self, path: str, data: Mapping[str, Any], key_lines: dict[str, int]) -> None:
        self.path = path
        self.data = data
        self.key_lines = key_lines
        self.problems: list[Problem] = []

    def problem(self, name: str, code: str, severity: str = "error", **params: Any) -> None:
        self.problems.append(
            Problem(self.path, code, params, field=name, line=self.key_lines.get(name), severity=severity)  # type: ignore[arg-type]
        )

    def wrong_type(self, name: str, expected: str, value: Any) -> None:
        got = TYPE_NAMES_VI.get(type(value).__name__, type(value).__name__)
        self.problem(name, "wrong_type", expected=expected, got=got, example=EXAMPLES.get(name, ""))

    def text(self, name: str, required: bool = False) -> str:
        value = self.data.get(name)
        if value is None:
            if required:
                self.problem(name, "missing_field" if name not in self.data else "empty_field")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.wrong_type(name, "chữ (text)", value)
            return ""
        text = str(value).strip()
        if required and not text:
            self.problem(name, "empty_field")
        self.check_text(name, text)
        return text

    def check_text(self, name: str, text: str) -> None:
        """One-line text: no invisible control or bidi characters, not longer than the field's limit."""
        found = forbidden_character(text)
        if found is not None:
            self.problem(name, "control_character", position=found[0], char=found[1])
        limit = TEXT_LIMITS.get(name, DEFAULT_TEXT_LIMIT)
        if len(text) > limit:
            self.problem(name, "too_long", length=len(text), limit=limit)

    def optional_date(self, name: str, zone: tzinfo) -> datetime | None:
        """A date field editors may leave out (``expires``, ``updated``)."""
        value = self.data.get(name)
        if value is None or value == "":
            return None
        try:
            return parse_date(value, zone)
        except ValueError:
            self.problem(name, "bad_date", value=value)
            return None

    def flag(self, name: str) -> bool:
        value = self.data.get(name, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.wrong_type(name, "true hoặc false", value)
            return False
        return value

    def text_list(self, name: str) -> tuple[str, ...]:
        value = self.data.get(name)
        if value is None:
            return ()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value
        ):
            self.wrong_type(name, "danh sách chữ, ví dụ [a, b]", value)
            return ()
        limit = LIST_LIMITS.get(name)
        if limit is not None and len(value) > limit:
            self.problem(name, "too_many_items", count=len(value), limit=limit)
            value = value[:limit]
        items: dict[str, None] = {}  # ordered, and O(1) to test: lists may be long
        for item in value:
            text = str(item).strip()
            if not text:
                continue
            if text in items:
                self.problem(name, "related_duplicate", severity="warning", value=text)
                continue
            self.check_text(name, text)
            items[text] = None
        return tuple(items)


def _is_web_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[" and other unparsable addresses
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _read_source(reader: _FieldReader) -> Source | None:
    value = reader.data.get("source")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        reader.check_text("source", text)
        return Source(name=text, url=None) if not _is_web_url(text) else Source(name=urlsplit(text).netloc, url=text)
    if isinstance(value, dict):
        name = value.get("name")
        url = value.get("url")
        if not isinstance(name, str) or not name.strip():
            reader.wrong_type("source", "nhóm có 'name' (tên nguồn) và tùy chọn 'url'", value)
            return None
        reader.check_text("source", name.strip())
        if url is not None and (not isinstance(url, str) or not _is_web_url(url.strip())):
            reader.problem("source", "bad_url", value=url)
            url = None
        return Source(name=name.strip(), url=url.strip() if url else None)
    reader.wrong_type("source", "tên nguồn, hoặc nhóm {name, url}", value)
    return None


def _read_image(reader: _FieldReader, src_uri: str, image_exists: Callable[[str], bool]) -> str | None:
    """Resolve ``image`` like a Markdown image: relative to the article, or from ``content/`` when it starts with ``/``."""
    raw = reader.text("image")
    if not raw:
        return None
    # Any scheme but http(s) is refused: javascript:, data:, vbscript:, file:, C:\…
    if "://" in raw or _URL_SCHEME.match(raw):
        if not _is_web_url(raw):
            reader.problem("image", "bad_url", value=raw)
            return None
        return raw
    base = "" if raw.startswith("/") else posixpath.dirname(src_uri)
    resolved = posixpath.normpath(posixpath.join(base, raw.lstrip("/")))
    if resolved.startswith("../") or resolved == "..":
        reader.problem("image", "image_missing", value=raw, resolved="content/" + resolved)
        return None
    if not image_exists(resolved):
        reader.problem("image", "image_missing", severity="warning", value=raw, resolved="content/" + resolved)
    return resolved


def _read_tags(reader: _FieldReader) -> tuple[str, ...]:
    """The article's tags, one per topic, each with a topic page.

    ``Lào``, ``lào`` and `` LÀO `` are one topic (one slug, the rule of
    ``generating.topics.tag_slug``): the first spelling is kept, so the page
    shows one link, not three identical ones. A tag with no letter or digit
    (``!!!``, ``🎉``) has no slug, hence no topic page: it is left out, and the
    editor is told, instead of vanishing silently.
    """
    kept: dict[str, str] = {}  # slug → first spelling, in the editor's order
    for tag in reader.text_list("tags"):
        slug = make_slug(tag)
        if not slug:
            reader.problem("tags", "empty_tag_slug", severity="warning", value=tag)
            continue
        kept.setdefault(slug, tag)
    return tuple(kept.values())


def _clean_body(reader: _FieldReader, body: str, body_line: int) -> str:
    """The body without invisible control and bidi characters, one warning per line that held any.

    They are the characters refused in one-line fields (C0/C1 controls but tab
    and newline, U+2028/U+2029, bidi embeddings, overrides and isolates): in the
    body they would reach the page, the feeds (XML cannot carry most of them) and
    the search index, and reorder what readers see. Removed rather than refused,
    since the text around them is what the editor meant.
    """
    if forbidden_character(body) is None:  # the usual case: one search over the body
        return body
    lines = body.split("\n")
    for number, line in enumerate(lines):
        found = forbidden_character(line)
        if found is None:
            continue
        reader.problems.append(
            Problem(
                reader.path, "body_control_character", {"char": found[1], "position": found[0]},
                line=body_line + number, severity="warning",
            )
        )
        lines[number] = "".join(char for char in line if forbidden_character(char) is None)
    return "\n".join(lines)


def read_article(
    raw: bytes,
    src_uri: str,
    *,
    categories: Mapping[str, Category],
    docs_label: str = "content",
    zone: tzinfo = VIETNAM,
    image_exists: Callable[[str], bool] = lambda _: True,
) -> tuple[Article | None, list[Problem]]:
    """Read and validate one article file.

    Args:
        raw: the file's bytes.
        src_uri: its path relative to the content folder, ``/``-separated.
        categories: the declared categories, by slug.
        docs_label: how the content folder is named in messages.
        zone: the time zone of dates written without an offset.
        image_exists: tells whether a content-relative file exists.

    Returns:
        The article (``None`` when any error was found) and every problem.
    """
    path = f"{docs_label}/{src_uri}"
    text, problems = decode_source(raw, path)
    if text is None:
        return None, problems
    front, problems = parse_front_matter(text, path)
    if front is None:
        return None, problems
    reader = _FieldReader(path, front.data, front.key_lines)

    title = reader.text("title", required=True)
    date = None
    if "date" not in front.data or front.data["date"] in (None, ""):
        reader.problem("date", "missing_field" if "date" not in front.data else "empty_field")
    else:
        try:
            date = parse_date(front.data["date"], zone)
        except ValueError:
            reader.problem("date", "bad_date", value=front.data["date"])
    expires = reader.optional_date("expires", zone)
    updated = reader.optional_date("updated", zone)
    if date is not None and expires is not None and expires <= date:
        reader.problem("expires", "expires_before_date", value=front.data["expires"], date=front.data["date"])
    if date is not None and updated is not None and updated < date:
        reader.problem("updated", "updated_before_date", severity="warning", value=front.data["updated"], date=front.data["date"])
    category = reader.text("category", required=True)
    if category and category not in categories:
        reader.problem("category", "unknown_category", value=category, known=", ".join(categories) or "(chưa có)")

    raw_slug = reader.text("slug")
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    slug = make_slug(raw_slug or stem)
    if not slug:
        reader.problem("slug" if raw_slug else "title", "bad_slug", value=raw_slug or stem, suggestion=make_slug(title) or "ten-bai-viet")

    article_fields = {
        "summary": reader.text("summary"),
        "author": reader.text("author"),
        "source": _read_source(reader),
        "image": _read_image(reader, src_uri, image_exists),
        "image_caption": reader.text("image_caption"),
        "tags": _read_tags(reader),
        "related_slugs": reader.text_list("related"),
        "draft": reader.flag("draft"),
        "featured": reader.flag("featured"),
        "expires": expires,
        "updated": updated,
    }
    for name in front.data:
        if name not in KNOWN_FIELDS:
            close = difflib.get_close_matches(str(name), KNOWN_FIELDS, n=1)
            if close:
                reader.problem(str(name), "unknown_field_typo", severity="warning", suggestion=close[0])
            else:
                reader.problem(str(name), "unknown_field", severity="warning", known=", ".join(KNOWN_FIELDS))
    body = _clean_body(reader, front.body, front.body_line)
    if not body.strip():
        reader.problem(None, "empty_body", severity="warning")  # type: ignore[arg-type]

    problems = reader.problems
    if any(p.severity == "error" for p in problems) or date is None:
        return None, problems
    article = Article(
        slug=slug,
        src_uri=src_uri,
        path=path,
        title=title,
        date=date,
        category=category,
        body=body,
        body_links=tuple(_BODY_LINK.findall(body)),
        key_lines=front.key_lines,
        body_line=front.body_line,
        has_time=has_time_of_day(front.data["date"]),
        **article_fields,
    )
    return article, problems
