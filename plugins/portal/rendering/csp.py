"""A Content-Security-Policy for each page, as a ``<meta>`` tag written into the page itself.

A static site cannot count on its web server sending headers, so the policy
travels in the HTML. Material's ``base.html`` has small inline scripts whose
text depends on the page (``__md_scope=new URL("../..",location)``): instead
of allowing every inline script (``'unsafe-inline'``), the policy lists the
SHA-256 of the inline scripts that this page holds, so an injected script,
an ``on*=`` handler or a ``javascript:`` URL does not run even if one got
through. Styles come from the site's files only (Material sets its dynamic
styles through the CSSOM, which a policy does not restrict); nothing loads
from another host except images given as ``https://`` addresses and the
iframe hosts the configuration names.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from portal.rendering.sanitize import normalise_host

# One token of an HTML document: a comment, a raw-text element (script, style)
# with its text, or any other tag (quoted attribute values may hold ">").
# Tokenising, rather than searching for "<script", keeps text that only looks
# like a script (in a comment, in an attribute value) out of the hashes.
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(script|style)\b((?:[^>\"']+|\"[^\"]*\"|'[^']*')*)>(.*?)</(?:script|style)(?=[\s/>])[^>]*>"
    r"|<[a-zA-Z/!?][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>",
    re.IGNORECASE | re.DOTALL,
)
_SRC_ATTRIBUTE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_EXISTING = re.compile(r"<meta\s+http-equiv\s*=\s*[\"']?content-security-policy", re.IGNORECASE)


def source_hash(text: str) -> str:
    """The CSP source expression allowing an inline script or style with this exact text."""
    # The browser hashes the element's text after its input-stream preprocessing.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_hashes(page: str) -> tuple[list[str], list[str]]:
    """Hashes of the inline ``<script>`` (no ``src``) and ``<style>`` elements of a page, in order, without repeats."""
    scripts: dict[str, None] = {}
    styles: dict[str, None] = {}
    for match in _TOKEN.finditer(page):
        element = match.group(1)
        if element is None:
            continue
        if element.lower() == "script":
            if not _SRC_ATTRIBUTE.search(match.group(2)):
                scripts[source_hash(match.group(3))] = None
        else:
            styles[source_hash(match.group(3))] = None
    return list(scripts), list(styles)


def build_policy(script_hashes: Iterable[str] = (), style_hashes: Iterable[str] = (), frame_hosts: Iterable[str] = ()) -> str:
    """The policy text: same-origin everything, plus the given inline hashes and iframe hosts."""
    frames = " ".join(f"https://{host}" for host in dict.fromkeys(normalise_host(h) for h in frame_hosts) if host)
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *script_hashes]),
        " ".join(["style-src 'self'", *style_hashes]),
        # Lead images may be https:// addresses; data: is Material's CSS icons.
        "img-src 'self' data: https:",
        "font-src 'self'",
        "frame-src " + (frames or "'none'"),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_policy(page: str, frame_hosts: Iterable[str] = ()) -> str:
    """Insert the page's policy as a ``<meta http-equiv>`` before anything that loads or runs.

    It goes right after ``<meta charset>`` (which must stay in the first
    1024 bytes), else right after ``<head>``. A page without ``<head>``, or
    that already has a policy, is returned unchanged.
    """
    if _EXISTING.search(page):
        return page
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        return page
    scripts, styles = inline_hashes(page)
    policy = build_policy(scripts, styles, frame_hosts)
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page[: anchor.end()] + meta + page[anchor.end() :]
