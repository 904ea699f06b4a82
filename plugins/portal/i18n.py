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
        "previous_page": "Tin mới hơn",
        "next_page": "Tin cũ hơn",
        "page_number": "Trang {number}",
        "page_moved": "Trang này đã chuyển tới",
        "no_articles": "Chuyên mục chưa có bài viết.",
        "breadcrumb": "Đường dẫn",
        "pagination": "Phân trang",
        "rss_site": "Tin mới nhất (RSS)",
        "rss_category": "{name} (RSS)",
        "atom_site": "Tin mới nhất (Atom)",
        "feed_description": "Tin mới nhất của {site}",
        "category_feed_description": "Tin mới nhất chuyên mục {name} của {site}",
        # Article tools (portal/seo)
        "article_tools": "Công cụ bài viết",
        "print": "In bài viết",
        "share": "Chia sẻ",
        "share_on": "Chia sẻ lên {network}",
        "share_email": "Gửi qua e-mail",
        "copy_link": "Sao chép liên kết",
        "link_copied": "Đã sao chép liên kết",
        "copy_failed": "Không sao chép được, hãy chép địa chỉ trên thanh địa chỉ của trình duyệt",
        "text_size": "Cỡ chữ",
        "text_smaller": "Giảm cỡ chữ",
        "text_default": "Cỡ chữ mặc định",
        "text_larger": "Tăng cỡ chữ",
        "reading_time": "{minutes} phút đọc",
        "updated": "Cập nhật",
        "page_address": "Địa chỉ bài viết",
        # Readers' pages: news by date, topics, subscribe, 404, banner
        "archive": "Xem tin theo ngày",
        "day_title": "Tin ngày {date}",
        "month_title": "Tháng {month}/{year}",
        "month_page_title": "Tin tháng {month}/{year}",
        "year_title": "Tin năm {year}",
        "previous_day": "Ngày trước",
        "next_day": "Ngày sau",
        "previous_month": "Tháng trước",
        "next_month": "Tháng sau",
        "previous_year": "Năm trước",
        "next_year": "Năm sau",
        "weekdays_short": "T2,T3,T4,T5,T6,T7,CN",
        "weekdays": "Thứ Hai,Thứ Ba,Thứ Tư,Thứ Năm,Thứ Sáu,Thứ Bảy,Chủ Nhật",
        "articles_count": "{count} tin",
        "day_link": "{date}: {count} tin",
        "day_link_plain": "Tin ngày {date}",
        "archive_nav": "Chuyển ngày, tháng",
        "all_months": "Tất cả các tháng",
        "choose_day": "Chọn ngày",
        "go": "Xem",
        "no_news_day": "Không có tin ngày {date}.",
        "no_news_month": "Tháng {month}/{year} không có tin.",
        "topics": "Chủ đề",
        "topic_title": "Chủ đề: {name}",
        "no_topics": "Chưa có chủ đề nào.",
        "rss_topic": "Chủ đề {name} (RSS)",
        "topic_feed_description": "Tin mới nhất về chủ đề {name} của {site}",
        "subscribe": "Đăng ký nhận tin",
        "subscribe_intro": "Đăng ký nguồn tin RSS để nhận tin mới của cổng ngay khi được đăng, không cần vào trang. "
        "Mỗi chuyên mục và mỗi chủ đề có nguồn tin riêng.",
        "subscribe_howto": "Cách đăng ký",
        "subscribe_step_1": "Cài một ứng dụng đọc tin RSS trên điện thoại hoặc máy tính (nhiều ứng dụng miễn phí), "
        "hoặc dùng trình đọc tin có sẵn trong trình duyệt, phần mềm thư điện tử.",
        "subscribe_step_2": "Sao chép địa chỉ nguồn tin bạn muốn theo dõi trong danh sách dưới đây.",
        "subscribe_step_3": "Trong ứng dụng, chọn “Thêm nguồn tin” (Add feed, Subscribe) rồi dán địa chỉ vừa sao chép.",
        "subscribe_opml": "Muốn theo dõi tất cả? Tải tệp OPML rồi chọn “Nhập” (Import) trong ứng dụng đọc tin.",
        "opml_download": "Tải danh sách nguồn tin (OPML)",
        "opml_title": "Các nguồn tin của {site}",
        "feeds_site": "Toàn cổng",
        "feeds_categories": "Theo chuyên mục",
        "feeds_topics": "Theo chủ đề",
        "feed_address": "Địa chỉ nguồn tin",
        "copy_address": "Sao chép",
        "copied": "Đã sao chép",
        "not_found": "Không tìm thấy trang",
        "not_found_text": "Trang bạn tìm không có trên cổng hoặc đã được chuyển đi. Bạn có thể:",
        "back_home": "Về trang chủ",
        "search": "Tìm kiếm",
        "search_hint": "Tìm tin trên cổng",
        "site_links": "Liên kết của cổng",
        # Search (portal/search); {count} and {query} are filled in by the browser
        "search_title": "Tìm kiếm",
        "search_label": "Tìm kiếm tin bài",
        "search_placeholder": "Nhập từ khóa, có thể gõ không dấu",
        "search_placeholder_short": "Tìm kiếm",
        "search_submit": "Tìm",
        "search_filters": "Lọc kết quả",
        "search_all_categories": "Tất cả chuyên mục",
        "search_from": "Từ tháng",
        "search_to": "Đến tháng",
        "search_month_hint": "Tháng viết theo dạng năm-tháng, ví dụ 2025-01.",
        "search_sort": "Sắp xếp",
        "search_sort_relevance": "Phù hợp nhất",
        "search_sort_newest": "Mới nhất",
        "search_prompt": "Nhập từ khóa để tìm trong toàn bộ tin bài; gõ có dấu hay không dấu đều được (ví dụ: doi ngoai).",
        "search_loading": "Đang tìm…",
        "search_results": "Tìm thấy {count} bài viết.",
        "search_results_for": "Tìm thấy {count} bài viết cho “{query}”.",
        "search_no_results": "Không tìm thấy bài viết nào cho “{query}”. Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.",
        "search_no_results_filters": "Không có bài viết nào khớp bộ lọc đã chọn.",
        "search_results_list": "Kết quả tìm kiếm",
        "search_more": "Xem thêm kết quả",
        "search_older": "Tìm cả tin các năm {years}",
        "search_error": "Không tải được chỉ mục tìm kiếm. Vui lòng tải lại trang hoặc thử lại sau.",
        "search_needs_js": "Trang tìm kiếm cần bật JavaScript trong trình duyệt. Bạn vẫn có thể xem tin theo chuyên mục trong trình đơn.",
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
        "previous_page": "Newer news",
        "next_page": "Older news",
        "page_number": "Page {number}",
        "page_moved": "This page has moved to",
        "no_articles": "No articles in this section yet.",
        "breadcrumb": "Breadcrumb",
        "pagination": "Pagination",
        "rss_site": "Latest news (RSS)",
        "rss_category": "{name} (RSS)",
        "atom_site": "Latest news (Atom)",
        "feed_description": "Latest news from {site}",
        "category_feed_description": "Latest news in {name} from {site}",
        # Article tools (portal/seo)
        "article_tools": "Article tools",
        "print": "Print article",
        "share": "Share",
        "share_on": "Share on {network}",
        "share_email": "Send by e-mail",
        "copy_link": "Copy link",
        "link_copied": "Link copied",
        "copy_failed": "Could not copy the link; copy it from the browser's address bar",
        "text_size": "Text size",
        "text_smaller": "Smaller text",
        "text_default": "Default text size",
        "text_larger": "Larger text",
        "reading_time": "{minutes} min read",
        "updated": "Updated",
        "page_address": "Article address",
        # Readers' pages: news by date, topics, subscribe, 404, banner
        "archive": "News by date",
        "day_title": "News of {date}",
        "month_title": "{month_name} {year}",
        "month_page_title": "News of {month_name} {year}",
        "year_title": "News of {year}",
        "previous_day": "Previous day",
        "next_day": "Next day",
        "previous_month": "Previous month",
        "next_month": "Next month",
        "previous_year": "Previous year",
        "next_year": "Next year",
        "weekdays_short": "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
        "weekdays": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
        "articles_count": "{count} articles",
        "day_link": "{date}: {count} articles",
        "day_link_plain": "News of {date}",
        "archive_nav": "Other days and months",
        "all_months": "All months",
        "choose_day": "Choose a day",
        "go": "Go",
        "no_news_day": "No news on {date}.",
        "no_news_month": "No news in {month_name} {year}.",
        "topics": "Topics",
        "topic_title": "Topic: {name}",
        "no_topics": "No topics yet.",
        "rss_topic": "Topic {name} (RSS)",
        "topic_feed_description": "Latest news on {name} from {site}",
        "subscribe": "Subscribe",
        "subscribe_intro": "Subscribe to our RSS feeds to get new articles as soon as they are published. "
        "Every section and every topic has its own feed.",
        "subscribe_howto": "How to subscribe",
        "subscribe_step_1": "Install a feed reader on your phone or computer (many are free), "
        "or use the one built into your browser or e-mail program.",
        "subscribe_step_2": "Copy the address of the feed you want to follow from the list below.",
        "subscribe_step_3": "In the reader, choose “Add feed” or “Subscribe” and paste the address.",
        "subscribe_opml": "Want them all? Download the OPML file and choose “Import” in your feed reader.",
        "opml_download": "Download all feeds (OPML)",
        "opml_title": "Feeds of {site}",
        "feeds_site": "Whole site",
        "feeds_categories": "By section",
        "feeds_topics": "By topic",
        "feed_address": "Feed address",
        "copy_address": "Copy",
        "copied": "Copied",
        "not_found": "Page not found",
        "not_found_text": "The page you are looking for does not exist or has moved. You can:",
        "back_home": "Go to the home page",
        "search": "Search",
        "search_hint": "Search the site",
        "site_links": "Site links",
        "search_title": "Search",
        "search_label": "Search articles",
        "search_placeholder": "Type keywords; Vietnamese tone marks are optional",
        "search_placeholder_short": "Search",
        "search_submit": "Search",
        "search_filters": "Filter results",
        "search_all_categories": "All sections",
        "search_from": "From month",
        "search_to": "To month",
        "search_month_hint": "Months are written year-month, e.g. 2025-01.",
        "search_sort": "Sort by",
        "search_sort_relevance": "Best match",
        "search_sort_newest": "Newest",
        "search_prompt": "Type keywords to search every article; tone marks are optional (e.g. doi ngoai).",
        "search_loading": "Searching…",
        "search_results": "{count} articles found.",
        "search_results_for": "{count} articles found for “{query}”.",
        "search_no_results": "No articles found for “{query}”. Try other words or fewer filters.",
        "search_no_results_filters": "No articles match the selected filters.",
        "search_results_list": "Search results",
        "search_more": "More results",
        "search_older": "Also search {years}",
        "search_error": "The search index could not be loaded. Please reload the page or try again later.",
        "search_needs_js": "Search needs JavaScript enabled in your browser. You can still browse the news by section from the menu.",
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
