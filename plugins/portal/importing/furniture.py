"""Page furniture: the parts of an old portal page that are not the article.

Two kinds. *Section markers* (``Tin cùng chuyên mục``, ``Xem tin theo ngày``,
``Tin liên quan``…) open a list of other articles: everything from there on is
dropped, unless a long paragraph follows the list (a "related" box in the
middle of an article). *Furniture lines* (banners, newsletter prompts,
reading-time badges, share buttons, breadcrumbs, view counters, copyright
footers) are dropped one by one.

Both are matched on whole lines, never inside a sentence, so an article that
mentions "tin liên quan" keeps its sentence.
"""

from __future__ import annotations

import re
import unicodedata

_SECTION_MARKERS = {
    "tin cùng chuyên mục", "tin cùng chủ đề", "tin cùng loại", "tin liên quan", "bài liên quan",
    "bài viết liên quan", "tin bài liên quan", "tin khác", "các tin khác", "các tin bài khác", "tin bài khác",
    "các bài viết khác", "bài viết khác", "tin đã đưa", "các tin đã đưa", "xem tin theo ngày", "tin theo ngày",
    "tin mới", "tin mới nhất", "tin mới hơn", "tin cũ hơn", "tin mới đăng", "tin đọc nhiều", "đọc nhiều",
    "đọc nhiều nhất", "xem nhiều", "xem nhiều nhất", "tin nổi bật", "tin tiêu điểm", "có thể bạn quan tâm",
    "có thể bạn chưa đọc", "bạn có thể quan tâm", "ý kiến bạn đọc", "bình luận", "gửi bình luận", "viết bình luận",
    "gửi ý kiến", "ý kiến của bạn", "tin tức khác", "tin ảnh", "video", "other news", "related news",
    "related articles", "read more", "more news", "comments", "xem thêm", "xem tiếp",
}

_LINE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("banner", re.compile(r"^(?:banner\b.*|quảng cáo|advertisement|ads?|qc|tài trợ|liên hệ quảng cáo.*)$")),
    ("newsletter", re.compile(
        r"^(?:.*đăng ký nhận (?:bản )?tin.*|.*nhận bản tin.*|nhập (?:địa chỉ )?email.*|.*subscribe.*|"
        r"theo dõi (?:chúng tôi|.{0,40}) trên (?:facebook|zalo|youtube|google news|tiktok).*|follow us.*|"
        r"tải ứng dụng.*)$"
    )),
    ("reading_time", re.compile(
        r"^(?:⏱\s*)?(?:(?:thời gian đọc|đọc trong|đọc)\s*:?\s*(?:khoảng\s*)?\d+\s*phút(?: đọc)?|\d+\s*phút đọc|"
        r"\d+\s*min(?:ute)?s? read)$"
    )),
    ("share", re.compile(
        r"^(?:(?:chia sẻ|share|facebook|twitter|zalo|email|e-mail|in|in bài|bản in|print|gửi bài|gửi email|lưu|"
        r"lưu bài|copy link|sao chép liên kết|tweet|like|thích|a-|a\+|a|cỡ chữ|nghe|nghe đọc|nghe bài viết|"
        r"nghe đọc bài báo|nghe bài|giọng nam|giọng nữ|giọng đọc|tăng cỡ chữ|giảm cỡ chữ|\d+)[\s|:,/•·-]*){1,12}$"
    )),
    ("breadcrumb", re.compile(r"^(?:trang chủ|home)\s*[>›»/|].*$")),
    ("views", re.compile(r"^(?:(?:lượt xem|số lượt xem|lượt đọc|views?)\s*:?\s*[\d.,]+|[\d.,]+\s*(?:lượt xem|views?))$")),
    ("footer", re.compile(
        r"^(?:©.*|bản quyền .*|copyright .*|giấy phép (?:số|xuất bản).*|chịu trách nhiệm (?:nội dung|chính|xuất bản).*|"
        r"cơ quan chủ quản.*|ghi rõ nguồn .* khi phát hành lại.*|phát hành lại thông tin từ website này.*)$"
    )),
    ("navigation", re.compile(
        r"^(?:quay lại|trở về|trở lại|về đầu trang|lên đầu trang|đầu trang|back to top|in trang|"
        r"bài trước|bài sau|tin trước|tin sau|xem tiếp bài|trang \d+(?:/\d+)?)$"
    )),
]


def normalise(text: str) -> str:
    """Casefolded, NFC, single-spaced, without decoration around: what the patterns match."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[\s\u00a0\u200b]+", " ", text)
    return text.strip(" \t:：•·*#>»›-–—|[]()\"'")


def section_marker(text: str) -> str | None:
    """The marker's words when ``text`` is a line that opens a list of other articles."""
    plain = normalise(re.sub(r"\s*\(\d+\)\s*$", "", text))  # "Bình luận (0)"
    return plain if plain in _SECTION_MARKERS else None


def furniture_kind(text: str) -> str | None:
    """What kind of furniture a whole line is (``banner``, ``share``…), or None."""
    plain = normalise(text)
    if not plain:
        return None
    for kind, pattern in _LINE_PATTERNS:
        if pattern.match(plain):
            return kind
    return None


def looks_like_list_item(text: str) -> bool:
    """A line of a list of other articles: a short headline, maybe with its date, no sentence end."""
    text = text.strip().lstrip("-•*+ ").strip()
    if not text:
        return True
    if len(text) > 260:
        return False
    return not re.search(r"[.;:!?…]$", text) or bool(re.search(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}", text))


# -- HTML ---------------------------------------------------------------------

# class/id words of page parts that are not the article
FURNITURE_CLASS = re.compile(
    r"(?:^|[-_ ])(?:banner|adv?|ads|advert\w*|quang-?cao|qc|share|sharing|social|related|lien-?quan|tinlienquan|"
    r"cung-?chuyen-?muc|other-?news|tin-?khac|more-?news|comments?|binh-?luan|breadcrumbs?|menu|navbar|sidebar|"
    r"newsletter|subscribe|dang-?ky|print|toolbar|tools|rating|view-?count|luot-?xem|reading-?time|read-?time|"
    r"thoi-?gian-?doc|audio|player|popup|modal|cookie|widget|hotline)(?:$|[-_ ])",
    re.IGNORECASE,
)
