"""Options of ``portal/content``: where articles live and which categories exist."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from portal.reading.frontmatter import forbidden_character


class TimeZone(c.Type):
    """An IANA zone name, checked at load time so a typo fails with a clear message."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> ZoneInfo:
        name = super().run_validation(value)
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError(f"'{name}' không phải múi giờ IANA, ví dụ 'Asia/Ho_Chi_Minh'.") from error


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

    # Hosts whose iframes (video embeds) the content may hold, e.g. [www.youtube.com, player.vimeo.com]
    iframe_hosts = c.ListOfItems(c.Type(str), default=[])

    # A Content-Security-Policy <meta> in every page (never in `mkdocs serve`)
    content_security_policy = c.Type(bool, default=True)

    # Interface words, overriding the built-in ones of the theme language (pages and feeds use them)
    labels = c.DictOfItems(c.Type(str), default={})
