"""Interface words and date formats, per language.

Material translates its own interface through ``theme.language``; these are
the portal's own labels. An English edition adds an ``en`` column here (or
overrides single labels with the pages plugin's ``labels`` option).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from babel.dates import format_datetime

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "home": "Trang chủ",
        "draft_badge": "Bản nháp: chỉ hiện khi xem trước, chưa được đăng",
        "categories": "Chuyên mục",
        "latest": "Tin mới nhất",
        "featured": "Tin nổi bật",
        "related": "Tin cùng chuyên mục",
        "source": "Nguồn",
        "author": "Tác giả",
        "tags": "Chủ đề",
        "photo": "Ảnh",
        "more": "Xem thêm",
        "previous_page": "Trang trước",
        "next_page": "Trang sau",
        "page_of": "Trang {number}/{total}",
        "no_articles": "Chuyên mục chưa có bài viết.",
        "breadcrumb": "Đường dẫn",
        "pagination": "Phân trang",
        "rss_site": "Tin mới nhất (RSS)",
        "rss_category": "{name} (RSS)",
        "atom_site": "Tin mới nhất (Atom)",
        "feed_description": "Tin mới nhất của {site}",
        "category_feed_description": "Tin mới nhất chuyên mục {name} của {site}",
    },
    "en": {
        "home": "Home",
        "draft_badge": "Draft: shown in the preview only, not published",
        "categories": "Sections",
        "latest": "Latest news",
        "featured": "Top story",
        "related": "More in this section",
        "source": "Source",
        "author": "Author",
        "tags": "Topics",
        "photo": "Photo",
        "more": "More",
        "previous_page": "Previous page",
        "next_page": "Next page",
        "page_of": "Page {number} of {total}",
        "no_articles": "No articles in this section yet.",
        "breadcrumb": "Breadcrumb",
        "pagination": "Pagination",
        "rss_site": "Latest news (RSS)",
        "rss_category": "{name} (RSS)",
        "atom_site": "Latest news (Atom)",
        "feed_description": "Latest news from {site}",
        "category_feed_description": "Latest news in {name} from {site}",
    },
}

# Babel patterns: Vietnamese portals write "Thứ Tư, 15/01/2025 16:17 (GMT+7)", never "4:17 PM".
DATE_PATTERNS: dict[str, dict[str, str]] = {
    "vi": {"long": "EEEE, dd/MM/yyyy HH:mm", "short": "dd/MM/yyyy HH:mm", "day": "dd/MM/yyyy", "day_long": "EEEE, dd/MM/yyyy"},
    "en": {"long": "EEEE, d MMMM yyyy HH:mm", "short": "d MMM yyyy HH:mm", "day": "d MMM yyyy", "day_long": "EEEE, d MMMM yyyy"},
}


def labels_for(language: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The label table of a language (Vietnamese for unknown ones), with overrides applied."""
    table = dict(LABELS["vi"])
    table.update(LABELS.get(language, {}))
    table.update(overrides or {})
    return table


def gmt_offset(moment: datetime) -> str:
    """``GMT+7`` style offset, as Vietnamese portals print it."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_date(moment: datetime, style: str, language: str, zone: tzinfo, with_time: bool = True) -> str:
    """Format an aware datetime in the portal's zone; ``long`` adds the ``(GMT+7)`` suffix.

    Without a time of day, ``long`` keeps the weekday and ``short`` is the day alone.
    """
    local = moment.astimezone(zone)
    patterns = DATE_PATTERNS.get(language, DATE_PATTERNS["vi"])
    if not with_time:
        day = patterns["day_long"] if style == "long" else patterns["day"]
        return format_datetime(local, day, locale=language, tzinfo=zone)
    text = format_datetime(local, patterns.get(style, patterns["short"]), locale=language, tzinfo=zone)
    if style == "long":
        text += f" ({gmt_offset(local)})"
    return text
