"""Import legacy files one by one: decode, convert, name, check with the article reader, write.

Nothing is overwritten: a target file is created with ``open(..., "x")``, and
a slug already used anywhere under the articles folder (file name or ``slug:``
field) gets a ``-2``, ``-3``… suffix or, with ``on_conflict="skip"``, is not
written. A file whose text was already imported (its checksum is in the
``# Nhập từ tệp cũ`` comment of the existing article) is skipped, so running
the same import twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from portal.importing import detect
from portal.importing.convert import DateContext, Extracted, extract, resolve_date
from portal.importing.document import Hints, text_to_blocks
from portal.importing.encodings import EncodingRefused, decode_input
from portal.importing.html_to_markdown import html_to_blocks
from portal.importing.messages import message
from portal.importing.report import FileResult, one_line
from portal.model.entities import Category
from portal.reading.articles import read_article
from portal.reading.limits import DEFAULT_MAX_TEXT_MB, MEGABYTE, limit_for
from portal.reading.slugs import MAX_SLUG_LENGTH, make_slug

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text")
UNDATED_FOLDER = "chua-co-ngay"
_HEAD_BYTES = 4096
_FRONT_SLUG = re.compile(r"^slug:\s*[\"']?(?P<slug>[^\"'\n#]+)", re.MULTILINE)


@dataclass
class ImportOptions:
    """How to import: where to, into which category, and what to do on conflicts."""

    category: str
    categories: Mapping[str, Category]
    out_dir: Path
    docs_dir: Path
    docs_label: str = "content"
    year: int | None = None
    base_url: str | None = None
    on_conflict: str = "suffix"
    draft: bool = False
    dry_run: bool = False
    max_text_mb: float = DEFAULT_MAX_TEXT_MB


def text_limit(max_text_mb: float = DEFAULT_MAX_TEXT_MB) -> int:
    """The size limit in bytes of a source file: the text limit of :mod:`portal.reading.limits`.

    The importer reads every source whole, as text, whatever its name
    (``.shtml``, ``.text``, or a file named on the command line), so the text
    limit applies to all of them: what ``limit_for`` gives a ``.txt`` file.
    """
    limit = limit_for("nguon.txt", max_text_mb=max_text_mb)
    return limit if limit is not None else int(max_text_mb * MEGABYTE)


def megabytes(size: int, *, round_up: bool = False) -> str:
    """A size in MB as Vietnamese write it (``6``, ``6,2``); ``round_up`` so a file above a limit never reads as equal to it."""
    value = size / MEGABYTE
    value = math.ceil(value * 10) / 10 if round_up else round(value, 1)
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


@dataclass
class SlugIndex:
    """Every slug in use under the article folders, and the file that uses it."""

    paths: dict[str, Path] = field(default_factory=dict)
    imported: dict[str, Path] = field(default_factory=dict)  # checksum → file, for this run

    @classmethod
    def scan(cls, roots: Iterable[Path]) -> SlugIndex:
        index = cls()
        for root in roots:
            if not root.is_dir():
                continue
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.endswith(".md") and not name.startswith("."):
                        path = Path(folder) / name
                        index.paths.setdefault(make_slug(path.stem), path)
                        declared = _declared_slug(path)
                        if declared:
                            index.paths.setdefault(declared, path)
        return index


def _declared_slug(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    if not head.startswith("---"):
        return None
    end = head.find("\n---", 3)
    match = _FRONT_SLUG.search(head[: end if end > 0 else len(head)])
    return make_slug(match.group("slug").strip()) if match else None


def _imported_from(path: Path, checksum: str) -> bool:
    try:
        with path.open("rb") as handle:
            return f"sha256:{checksum}".encode() in handle.read(_HEAD_BYTES)
    except OSError:
        return False


def collect_inputs(paths: Iterable[Path]) -> tuple[list[Path], int]:
    """The files to import (folders searched for .txt/.html), and how many other files the folders held."""
    found: list[Path] = []
    ignored = 0
    for path in paths:
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    if name.lower().endswith(HTML_SUFFIXES + TEXT_SUFFIXES):
                        found.append(Path(folder) / name)
                    else:
                        ignored += 1
        else:
            found.append(path)
    return list(dict.fromkeys(found)), ignored


def _is_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and bool(re.search(r"<(?:p|div|body|article|h1|br)\b", head))
    )


# What a YAML double-quoted scalar may not hold as it is, beyond what JSON escapes: characters
# YAML reads as line breaks (NEL, LS, PS: folded into spaces) or refuses (C1 controls, DEL,
# the BOM, non-characters), and surrogates (not encodable as UTF-8).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# Written plain (as editors write them) when they have this shape, quoted otherwise.
_PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?")


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar on one line that reads back exactly as ``value``.

    Everything the importer writes into front matter comes from legacy files
    (titles, bylines, addresses); quoted this way no value can end its line,
    start another field or close the front matter. A JSON string is a YAML
    double-quoted scalar; the few characters YAML treats differently from
    JSON are escaped too (a lone surrogate, which no file can hold, becomes U+FFFD).
    """
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: "\\ufffd" if "\ud800" <= m.group() <= "\udfff" else f"\\u{ord(m.group()):04x}", text)


def _plain_or_quoted(value: str, shape: re.Pattern[str]) -> str:
    """``2025-01-15 16:17`` and ``thoi-su`` as editors write them; anything else quoted."""
    return value if shape.fullmatch(value) else yaml_string(value)


def yaml_comment(text: str) -> str:
    """A YAML comment line: whatever ``text`` holds (a file name with a line break), it stays one line."""
    return "# " + one_line(text)


def render_article(
    extracted: Extracted, *, category: str, date: str, draft: bool, comments: list[str]
) -> str:
    """The article file: front matter in the README's order, then the body.

    Every value is quoted with :func:`yaml_string` and every comment kept on
    its line with :func:`yaml_comment`; a date and a category slug are written
    plain, as editors write them, only when they have exactly that shape.
    """
    lines = ["---", *(yaml_comment(comment) for comment in comments)]
    lines.append(f"title: {yaml_string(extracted.title)}")
    lines.append(f"date: {_plain_or_quoted(date, _PLAIN_DATE)}" if date else "date:")
    lines.append(f"category: {_plain_or_quoted(category, _PLAIN_SLUG)}")
    if extracted.summary:
        lines.append(f"summary: {yaml_string(extracted.summary)}")
    if extracted.author:
        lines.append(f"author: {yaml_string(extracted.author)}")
    if extracted.source_name and extracted.source_url:
        lines += ["source:", f"  name: {yaml_string(extracted.source_name)}", f"  url: {yaml_string(extracted.source_url)}"]
    elif extracted.source_name or extracted.source_url:
        lines.append(f"source: {yaml_string(extracted.source_name or extracted.source_url)}")
    if extracted.image:
        lines.append(f"image: {yaml_string(extracted.image)}")
    if extracted.image_caption:
        lines.append(f"image_caption: {yaml_string(extracted.image_caption)}")
    if extracted.tags:
        lines.append("tags: [" + ", ".join(yaml_string(tag) for tag in extracted.tags) + "]")
    if draft:
        lines.append("draft: true")
    lines.append("---")
    body = extracted.body.strip()
    return "\n".join(lines) + "\n\n" + (body + "\n" if body else "")


def _slug_with_suffix(base_text: str, number: int) -> str:
    suffix = "" if number == 1 else f"-{number}"
    slug = slugify(base_text, max_length=MAX_SLUG_LENGTH - len(suffix), word_boundary=True)
    return slug + suffix if slug else ""


def _context(path: Path, year: int | None) -> DateContext:
    return DateContext(
        folder_year=detect.year_from_folders(path.resolve().parent.parts),
        name_date=detect.date_from_name(path.stem),
        name_years=tuple(detect.years_in_name(path.stem)) if not detect.date_from_name(path.stem) else (),
        year_option=year,
    )


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def import_one(path: Path, options: ImportOptions, slugs: SlugIndex, category_names: list[str]) -> FileResult:
    """Import one legacy file; never raises for a bad file, the result says what happened."""
    result = FileResult(source=path)
    limit = text_limit(options.max_text_mb)
    try:
        # The size is checked before anything is read: a 2 GB database dump must not fill the memory.
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            result.status = "failed"
            result.problems.append(message("not_regular_file"))
            return result
        raw = b""
        if info.st_size <= limit:
            with path.open("rb") as handle:
                raw = handle.read(limit + 1)  # the file may have grown since stat()
    except OSError as error:
        result.status = "failed"
        result.problems.append(message("read_error", error=error.strerror or error))
        return result
    if info.st_size > limit or len(raw) > limit:
        size = max(info.st_size, len(raw))
        result.status = "refused"
        result.problems.append(
            message(
                "too_large", name=one_line(path.name), size=megabytes(size, round_up=True), limit=megabytes(limit),
                suggested=math.ceil(size / MEGABYTE),
            )
        )
        return result
    try:
        decoded = decode_input(raw)
    except EncodingRefused as refusal:
        result.status = "refused"
        result.encoding = refusal.encoding
        result.problems.append(str(refusal))
        return result
    result.encoding = decoded.encoding
    if decoded.converted:
        result.notes.append(message("encoding_converted", encoding=decoded.encoding))
    checksum = hashlib.sha256(raw).hexdigest()[:12]
    if checksum in slugs.imported:
        result.status = "skipped"
        result.notes.append(message("already_imported", other=slugs.imported[checksum]))
        return result

    is_html = _is_html(path, decoded.text)
    if is_html:
        blocks, hints = html_to_blocks(decoded.text, options.base_url)
    else:
        blocks, hints = text_to_blocks(decoded.text), Hints()
    extracted = extract(blocks, hints, category_names=category_names, is_html=is_html)
    if not (extracted.title or extracted.body or extracted.summary):
        result.status = "failed"
        result.problems.append(message("not_article"))
        return result
    found_date, origin, advice = resolve_date(extracted, _context(path, options.year))

    # what was found, dropped and missing, for the report and the file's comments
    comments = [f"Nhập từ tệp cũ: {path.name} ({decoded.encoding}, sha256:{checksum})"]
    if extracted.title:
        result.found.append(message("found_title", value=extracted.title))
    else:
        result.missing.append(message("missing_title"))
        comments.append(message("todo_title"))
    if found_date is not None:
        result.found.append(message("found_date", value=found_date.front_matter(), origin=origin))
    else:
        result.missing.append(message("missing_date"))
        result.missing.extend(advice)
        comments.append(message("todo_date"))
    if extracted.summary:
        result.found.append(message("found_summary", length=len(extracted.summary)))
    else:
        result.missing.append(message("missing_summary"))
    if extracted.author:
        result.found.append(message("found_author", value=extracted.author))
    else:
        result.missing.append(message("missing_author"))
    if extracted.source_name or extracted.source_url:
        shown = " ".join(part for part in (extracted.source_name, extracted.source_url) if part)
        result.found.append(message("found_source", value=shown))
    if extracted.image:
        result.found.append(message("found_image", value=extracted.image))
    if extracted.tags:
        result.found.append(message("found_tags", value=", ".join(extracted.tags)))
    if extracted.captions:
        result.found.append(message("found_captions", count=extracted.captions))
    result.dropped.extend(extracted.dropped)
    if extracted.orphan_captions:
        result.missing.append(message("orphan_captions", count=extracted.orphan_captions))
        comments.append(message("todo_orphan_captions", count=extracted.orphan_captions))
    if extracted.missing_images:
        result.missing.append(message("missing_images", count=len(extracted.missing_images), example=extracted.missing_images[0]))
        comments.append(message("todo_missing_images", count=len(extracted.missing_images)))
    if hints.dropped_links:
        result.missing.append(message("dropped_links", count=hints.dropped_links))
    if not extracted.body:
        result.missing.append(message("empty_body"))

    incomplete = not extracted.title or found_date is None
    draft = incomplete or options.draft
    if incomplete:
        result.notes.append(message("draft_set"))
    elif options.draft:
        result.notes.append(message("draft_option"))

    # where it goes
    year_folder = str(found_date.year) if found_date is not None else UNDATED_FOLDER
    base_text = extracted.title or path.stem
    if not make_slug(base_text):
        base_text = "bai-nhap-" + checksum
    number = 1
    first_conflict: Path | None = None
    while True:
        slug = _slug_with_suffix(base_text, number)
        target = options.out_dir / year_folder / f"{slug}.md"
        other = slugs.paths.get(slug) or (target if target.exists() else None)
        if other is None:
            break
        first_conflict = first_conflict or other
        if _imported_from(other, checksum):
            result.status = "skipped"
            result.target = None
            result.notes.append(message("already_imported", other=other))
            return result
        if options.on_conflict == "skip":
            result.status = "conflict"
            result.notes.append(message("slug_refused", slug=slug, other=other))
            return result
        number += 1
    if number > 1:
        result.notes.append(message("slug_suffixed", slug=_slug_with_suffix(base_text, 1), other=first_conflict, new=slug))

    text = render_article(
        extracted,
        category=options.category,
        date=found_date.front_matter() if found_date is not None else "",
        draft=draft,
        comments=comments,
    )
    result.text = text
    result.target = target

    # the build's own reader must accept it (except the fields flagged as missing)
    src_uri = _relative(target, options.docs_dir) or f"{year_folder}/{slug}.md"
    _, problems = read_article(text.encode("utf-8"), src_uri, categories=options.categories, docs_label=options.docs_label)
    flagged = {"title"} if not extracted.title else set()
    if found_date is None:
        flagged.add("date")
    unexpected = [p for p in problems if not (p.field in flagged and p.code in ("empty_field", "missing_field"))]
    for problem in unexpected:
        result.problems.append(message("readback_problem", problem=problem.render().replace("\n    ", " ")))
    if any(p.severity == "error" for p in unexpected):
        result.status = "failed"
        result.problems.append(message("readback_failed"))
        return result

    if not options.dry_run:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as error:  # FileExistsError included: never overwrite
            result.status = "failed"
            result.problems.append(message("write_error", path=target, error=error.strerror or error))
            return result
    result.status = "incomplete" if incomplete else "imported"
    slugs.paths[slug] = target
    slugs.imported[checksum] = target
    return result
