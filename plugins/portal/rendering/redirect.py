"""A page that sends readers (and search engines) from an old address to the new one.

Written as plain HTML, not through the theme: it is a few hundred bytes,
works without JavaScript (``meta refresh``), names its new address as the
canonical one, and asks search engines not to index the old one.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

from markupsafe import escape


def relative_url(from_url: str, to_url: str) -> str:
    """``to_url`` relative to the page at ``from_url`` (both site-relative folders, ``a/b/``)."""
    relative = posixpath.relpath("/" + to_url, "/" + from_url)
    return "./" if relative == "." else relative.rstrip("/") + "/"


def redirect_page(from_url: str, to_url: str, *, title: str, site_url: str, labels: dict[str, str], language: str) -> str:
    """The HTML of a redirect from ``from_url`` to ``to_url`` (site-relative folder URLs)."""
    target = relative_url(from_url, to_url)
    canonical = urljoin(site_url, to_url) if site_url else target
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">\n'
        "</head>\n<body>\n"
        f'<p>{escape(labels["page_moved"])} <a href="{escape(target)}">{escape(title)}</a>.</p>\n'
        "</body>\n</html>\n"
    )
