"""Absolute addresses: feeds, sitemaps, OPML and JSON-LD all join ``site_url`` the same way."""

from __future__ import annotations

import functools
import re
from urllib.parse import quote, urljoin

# Characters that stay as they are; everything else (Vietnamese in a file name) is
# percent-encoded, and an address already encoded is left alone ("%" is kept).
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def absolute_url(site_url: str, path: str) -> str:
    """An absolute, percent-encoded URL for a site-relative path (``tin-tuc/a/``).

    ``site_url`` may lack its trailing slash (``https://x.vn/portal``): the
    path is still resolved under it, not beside it.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    if _PLAIN.fullmatch(path) and "://" in base:  # the common case (tin-tuc/a/): no urljoin needed (a build makes ~10 per article)
        return _quoted_base(base) + path
    return quote(urljoin(base, path), safe=_URL_SAFE)


# A site-relative path that urljoin would append as it is: no scheme, no "..", no leading "/", ASCII only.
_PLAIN = re.compile(r"(?![/.])(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._~/-]*")


@functools.lru_cache(maxsize=64)
def _quoted_base(base: str) -> str:
    return quote(base, safe=_URL_SAFE)
