"""Editorial checks that go beyond what a build needs, for ``build.py check``.

The build already normalises text to NFC and MkDocs reports body images it
cannot find; an editor committing an article wants to hear about those, and
about a sapo too long for feeds and social cards, before the build does.
These are warnings: they never stop a build.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from portal.model.entities import Article
from portal.problems import Problem

# Markdown images ![alt](path "title") and raw <img src="path">.
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_FENCED_CODE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)

# Facebook and Zalo cut card descriptions near 300 characters, feed readers earlier.
SUMMARY_MAX_LENGTH = 300


def body_images(body: str) -> list[tuple[str, int]]:
    """Every local image the body shows, with its line in the body (code blocks skipped)."""
    without_code = _FENCED_CODE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    found = []
    for pattern in (_MD_IMAGE, _HTML_IMAGE):
        for match in pattern.finditer(without_code):
            target = match.group(1)
            if urlsplit(target).scheme or target.startswith("//"):
                continue  # a web address: not ours to check
            found.append((target, without_code.count("\n", 0, match.start()) + 1))
    return sorted(found, key=lambda item: item[1])


def resolve_image(target: str, src_uri: str) -> str:
    """A body image path as a content-relative file, the rule ``image:`` follows."""
    path = unquote(urlsplit(target).path)
    base = "" if path.startswith("/") else posixpath.dirname(src_uri)
    return posixpath.normpath(posixpath.join(base, path.lstrip("/")))


def first_non_nfc_line(text: str) -> int | None:
    """The first line holding text not in Unicode NFC (decomposed tone marks), if any."""
    if unicodedata.is_normalized("NFC", text):
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if not unicodedata.is_normalized("NFC", line):
            return number
    return None  # pragma: no cover - a non-NFC text has a non-NFC line


def lint_article(
    article: Article,
    raw_text: str,
    *,
    file_exists: Callable[[str], bool],
    body_line: int,
    summary_max_length: int = SUMMARY_MAX_LENGTH,
) -> list[Problem]:
    """Warnings about one valid article.

    Args:
        article: the article as read.
        raw_text: the file's text as saved, before NFC normalisation.
        file_exists: tells whether a content-relative file exists.
        body_line: the file line where the body starts, to point at images.
        summary_max_length: longest sapo that feeds and social cards show whole.
    """
    problems: list[Problem] = []
    line = first_non_nfc_line(raw_text)
    if line is not None:
        problems.append(Problem(article.path, "not_nfc", {}, line=line, severity="warning"))
    if len(article.summary) > summary_max_length:
        problems.append(
            Problem(
                article.path, "summary_too_long", {"length": len(article.summary), "limit": summary_max_length},
                field="summary", line=article.key_lines.get("summary"), severity="warning",
            )
        )
    for target, line_in_body in body_images(article.body):
        resolved = resolve_image(target, article.src_uri)
        if resolved.startswith("../") or not file_exists(resolved):
            problems.append(
                Problem(
                    article.path, "body_image_missing", {"value": target, "resolved": "content/" + resolved},
                    line=body_line + line_in_body - 1, severity="warning",
                )
            )
    return problems
