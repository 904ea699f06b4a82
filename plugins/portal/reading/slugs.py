"""Slugs: ASCII, lowercase, hyphenated; Vietnamese folded (``Đối ngoại`` → ``doi-ngoai``).

python-slugify (via text-unidecode) strips tone marks and maps đ/Đ to d,
which a plain NFD decomposition does not.
"""

from __future__ import annotations

import re
import unicodedata

from slugify import slugify as _slugify

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 120


def make_slug(text: str) -> str:
    """Turn a Vietnamese title or file name into a URL slug."""
    return _slugify(unicodedata.normalize("NFC", text), max_length=MAX_SLUG_LENGTH, word_boundary=True)


def is_valid_slug(slug: str) -> bool:
    """True when ``slug`` is already in canonical form."""
    return len(slug) <= MAX_SLUG_LENGTH and bool(SLUG_RE.match(slug))


def heading_id(value: str, separator: str = "-") -> str:
    """Heading anchors for Python-Markdown's ``toc`` (``slugify`` option): đ → d like every slug.

    The extension's own slugify drops what NFKD cannot fold, so ``Đối ngoại`` became ``oi-ngoai``.
    """
    return _slugify(unicodedata.normalize("NFC", value), separator=separator)
