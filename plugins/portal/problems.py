"""Problems found in the content, reported to editors all at once.

Editors are journalists: every problem names the file, the line or the
front-matter field, what is wrong and how to fix it. Problems are collected,
never raised one by one, so a build reports everything wrong in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from portal.messages import render_message

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file.

    Attributes:
        path: the file, relative to the project (e.g. ``content/tin-tuc/a.md``).
        code: a key of the message catalogue (``portal.messages``).
        params: values substituted into the message.
        field: the front-matter field concerned, if any.
        line: the 1-based line in the file, if known.
        severity: ``error`` stops the build; ``warning`` fails only ``--strict``.
    """

    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    field: str | None = None
    line: int | None = None
    severity: Severity = "error"

    def render(self, language: str = "vi") -> str:
        """One human line: ``file:line: field: what is wrong. Fix: what to do.``"""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what, fix = render_message(self.code, {"field": self.field, **self.params}, language)
        field_part = f"'{self.field}': " if self.field else ""
        text = f"{where}: {field_part}{what}"
        if fix:
            text += f"\n    → {fix}"
        return text


class ContentError(Exception):
    """Raised when the content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem], language: str = "vi") -> None:
        self.problems = problems
        self.language = language
        super().__init__(render_report(problems, language))


def render_report(problems: list[Problem], language: str = "vi") -> str:
    """All problems as one report, sorted by file and line so editors can work down it."""
    errors = [p for p in problems if p.severity == "error"]
    ordered = sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.code))
    header = render_message("report_header", {"errors": len(errors), "total": len(problems)}, language)[0]
    return header + "\n" + "\n".join(p.render(language) for p in ordered)
