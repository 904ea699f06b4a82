"""Options of ``portal/content``: where articles live and which categories exist."""

from __future__ import annotations

import re
from datetime import tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfoNotFoundError

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from portal.messages import render_message
from portal.reading.dates import portal_zone
from portal.reading.frontmatter import forbidden_character
from portal.reading.limits import DEFAULT_MAX_PHOTO_MB, DEFAULT_MAX_TEXT_MB


class TimeZone(c.Type):
    """The portal's zone, checked at load time so a typo fails with a clear message.

    Asia/Ho_Chi_Minh (the default) is the fixed UTC+07:00 the pages print, not
    the IANA zone's history (+07:06:30 before 1911, which no feed or sitemap
    can carry); see :func:`portal.reading.dates.portal_zone`.
    """

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> tzinfo:
        name = super().run_validation(value)
        try:
            return portal_zone(name)
        except (ZoneInfoNotFoundError, ValueError) as error:
            what, fix = render_message("bad_timezone", {"value": name})
            raise ValidationError(f"{what}\n    → {fix}") from error  # the layout of every editor's message


_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
HOST_EXAMPLE = "www.youtube.com"


def host_name(text: str) -> str | None:
    """``text`` as a lower-case ASCII host name (IDNA labels as ``xn--``), or ``None`` if it is not one.

    Only letters, digits, hyphens and dots, at least two labels: no scheme, path,
    port (the policy's ``https://host`` allows port 443 only, and iframes are
    matched on the host alone), user, wildcard (iframes are matched host by host),
    space, quote or semicolon, any of which would rewrite the Content-Security-Policy.
    """
    host = text.strip().lower()
    if not host or len(host) > 253:
        return None
    labels = []
    for label in host.split("."):
        if not label.isascii():
            try:  # Python's IDNA codec: "việt" → "xn--vit-…"; refuses what no host name can hold
                label = label.encode("idna").decode("ascii")
            except UnicodeError:
                return None
        if not _HOST_LABEL.match(label):
            return None
        labels.append(label)
    return ".".join(labels) if len(labels) >= 2 else None


class HostName(c.Type):
    """A host name (``www.youtube.com``), checked at load time because it is written into every page's policy.

    ``youtube.com; script-src *`` would otherwise add a directive to the
    Content-Security-Policy and ``'unsafe-inline'`` a keyword; both fail here.
    """

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        host = host_name(value) if isinstance(value, str) else None
        if host is None:
            what, fix = render_message("bad_host_name", {"value": value, "example": _example(value)})
            raise ValidationError(f"{what}\n    → {fix}")  # the layout of every editor's message
        return host


def _example(value: object) -> str:
    """The host inside an address the operator pasted (``https://host/embed`` → ``host``), else the usual example."""
    if isinstance(value, str) and "://" in value:
        try:
            found = host_name(urlsplit(value.strip()).hostname or "")
        except ValueError:
            found = None
        if found is not None:
            return found
    return HOST_EXAMPLE


class OneLineText(c.Type):
    """Text shown on one line (a category's name): no invisible control or bidi characters (feeds cannot carry them)."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        found = forbidden_character(text) if isinstance(text, str) else None
        if found is not None:
            raise ValidationError(f"có ký tự ẩn {found[1]} ở ký tự thứ {found[0]} trong {text!r}: xóa ký tự này.")
        return text


class CategoryConfig(Config):
    """One category (chuyên mục) as declared in mkdocs.yml."""

    slug = c.Type(str)
    name = OneLineText()
    order = c.Optional(c.Type(int))
    description = OneLineText(default="")


class ContentConfig(Config):
    enabled = c.Type(bool, default=True)

    # Where articles are and where they are published
    articles_dir = c.Type(str, default="tin-tuc")
    article_url_format = c.Type(str, default="tin-tuc/{slug}/")
    # Dates without an offset are in this zone; Asia/Ho_Chi_Minh means the fixed UTC+07:00 the pages print.
    timezone = TimeZone(default="Asia/Ho_Chi_Minh")

    # The categories editors may use in `category:`
    categories = c.ListOfItems(c.SubConfig(CategoryConfig), default=[])

    # "Tin cùng chuyên mục": how many items an article lists
    related_count = c.Type(int, default=10)

    # The build's clock ("2025-01-15 16:17"): publish as of this moment instead of now.
    # Empty means the PORTAL_NOW environment variable, or the real time.
    now = c.Optional(c.Type(str))

    # Preview (`serve`): report content errors and leave the broken files out
    # instead of stopping. Unset: on for `mkdocs serve`, off for builds.
    keep_going = c.Optional(c.Type(bool))
    # Preview: show drafts (marked "Bản nháp") so editors can see them. Unset: on for `serve` only.
    preview_drafts = c.Optional(c.Type(bool))

    # Raw HTML in articles and pages: scripts, on*= handlers, javascript: links, styles and
    # iframes are removed, unless the site trusts its editors' HTML as it is.
    trust_raw_html = c.Type(bool, default=False)

    # Hosts whose iframes (video embeds) the content may hold, e.g. [www.youtube.com, player.vimeo.com]:
    # host names only (no https://, path, port or *), since they are written into the page's policy.
    iframe_hosts = c.ListOfItems(HostName(), default=[])

    # A Content-Security-Policy <meta> in every page (never in `mkdocs serve`)
    content_security_policy = c.Type(bool, default=True)

    # Interface words, overriding the built-in ones of the theme language (pages and feeds use them)
    labels = c.DictOfItems(c.Type(str), default={})

    # Files under the content folder: size limits in megabytes (text files, photos), and
    # files a browser would run (HTML, JavaScript, XML...) that may be published as they are,
    # as glob patterns relative to the content folder, e.g. ["nhung/ban-do/*.html"].
    # The build cache (.cache/cong/ beside mkdocs.yml): unchanged pages are taken from it
    # instead of rendered again; `build.py build --no-cache` turns it off for one build.
    cache = c.Type(bool, default=True)

    max_text_mb = c.Type((int, float), default=DEFAULT_MAX_TEXT_MB)
    max_photo_mb = c.Type((int, float), default=DEFAULT_MAX_PHOTO_MB)
    allow_active_files = c.ListOfItems(c.Type(str), default=[])
