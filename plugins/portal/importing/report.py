"""The import report: per file, what was written where, what was found, dropped and missing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from portal.importing.messages import message

STATUSES = ("imported", "incomplete", "skipped", "conflict", "refused", "failed")

# Controls, format characters (bidi overrides, zero-width), surrogates and line/paragraph separators.
_NOT_ON_ONE_LINE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` shown on one line, every invisible or line-breaking character written as an escape (``\\n``, ``\\u202e``).

    A legacy file's name may hold a line break, a bidi override or bytes that
    are not UTF-8: put as it is into a YAML comment it would start new fields
    (``a\\nfeatured: true``), and into the report it would forge lines or
    reorder what the operator reads.
    """
    if all(unicodedata.category(char) not in _NOT_ON_ONE_LINE for char in text):
        return text
    return "".join(
        _SHORT_ESCAPES.get(char) or (f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        if unicodedata.category(char) in _NOT_ON_ONE_LINE else char
        for char in text
    )


@dataclass
class FileResult:
    """The outcome of importing one file.

    Attributes:
        source: the legacy file.
        status: ``imported`` (clean), ``incomplete`` (written with ``draft: true``
            and TODOs), ``skipped`` (already imported), ``conflict`` (slug taken,
            ``--on-conflict skip``), ``refused`` (encoding, size), ``failed``.
        target: where the article was (or, in a dry run, would be) written.
        found / dropped / missing / notes / problems: report lines.
        text: the article file's text.
    """

    source: Path
    status: str = "imported"
    target: Path | None = None
    encoding: str = ""
    found: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    text: str = ""


def _where(path: Path | None, root: Path | None) -> str:
    if path is None:
        return ""
    if root is not None:
        try:
            return one_line(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    return one_line(str(path))


def render_file(result: FileResult, *, root: Path | None = None, dry_run: bool = False) -> str:
    """The report's lines for one file."""
    status = message(f"status_{result.status}")
    head = f"[{status}] {_where(result.source, root)}"
    if result.target is not None:
        head += f" → {_where(result.target, root)}"
        if dry_run:
            head += f" ({message('would_write')})"
    lines = [head]
    for label, items in (("", result.notes), ("", result.found), ("- ", result.dropped), ("! ", result.missing), ("!! ", result.problems)):
        lines.extend(f"    {label}{item}" for item in items)
    return "\n".join(lines)


def render_report(results: list[FileResult], *, root: Path | None = None, dry_run: bool = False, extra: list[str] | None = None) -> str:
    """Every file's lines, then the counts."""
    counts = {status: sum(1 for r in results if r.status == status) for status in STATUSES}
    parts = [render_file(result, root=root, dry_run=dry_run) for result in results]
    parts.extend(extra or [])
    parts.append(message("summary", total=len(results), **counts))
    if counts["incomplete"]:
        parts.append(message("summary_incomplete"))
    if dry_run:
        parts.append(message("summary_dry_run"))
    return "\n".join(parts) + "\n"
