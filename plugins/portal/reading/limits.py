"""Size limits on files under ``content/``, shared by the build and ``build.py import``.

A text file of tens of megabytes is a mistake (a database dump, a pasted
export) that would slow every build and every reader; a photo straight from a
camera is large but legitimate, so it has its own, larger limit. Both are
configurable (``portal/content``: ``max_text_mb``, ``max_photo_mb``).
"""

from __future__ import annotations

MEGABYTE = 1024 * 1024
DEFAULT_MAX_TEXT_MB = 5.0
DEFAULT_MAX_PHOTO_MB = 25.0

# Files read as text (Markdown, the importer's sources, SVG drawings, data files).
TEXT_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".svg", ".csv", ".json", ".xml", ".yml", ".yaml"})
# Raster photos and pictures, copied as they are.
PHOTO_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff"})


def limit_for(name: str, *, max_text_mb: float = DEFAULT_MAX_TEXT_MB, max_photo_mb: float = DEFAULT_MAX_PHOTO_MB) -> int | None:
    """The size limit in bytes for a file name, or ``None`` when no limit applies (documents, video)."""
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix in PHOTO_EXTENSIONS:
        return int(max_photo_mb * MEGABYTE)
    if suffix in TEXT_EXTENSIONS:
        return int(max_text_mb * MEGABYTE)
    return None
