"""What the importer tells editors and operators, in Vietnamese first.

Kept beside the importer (like ``portal.messages`` for the build) so that the
wording can be reviewed in one place and an English column added later.
"""

from __future__ import annotations

from typing import Any

UNIKEY_HOWTO = (
    "Chuyển sang Unicode rồi nhập lại: mở tệp, chép toàn bộ văn bản, bật UniKey → "
    "'Công cụ…' (Ctrl+Shift+F6), chọn Bảng mã nguồn: {encoding}, Bảng mã đích: Unicode, "
    "đánh dấu 'Chuyển mã clipboard', bấm 'Chuyển mã', rồi dán vào tệp mới và lưu dạng UTF-8. "
    "(Tệp Word: dùng chức năng chuyển mã của UniKey trên tệp .doc/.rtf rồi lưu 'Plain Text' UTF-8.)"
)

MESSAGES: dict[str, dict[str, str]] = {
    "vi": {
        # encodings
        "encoding_font": "tệp dùng bảng mã {encoding}, không phải Unicode; không tự chuyển vì dễ sai tên người, địa danh. "
        + UNIKEY_HOWTO,
        "encoding_font_in_utf8": "văn bản là chữ {encoding} đã bị lưu lại như UTF-8 (các chữ như 'Céng hoµ', "
        "'Coäng hoøa'). Cần lấy bản gốc ở bảng mã {encoding} và chuyển đúng cách. " + UNIKEY_HOWTO,
        "encoding_unknown": "không nhận ra bảng mã của tệp (không phải UTF-8, Windows-1258, TCVN3 hay VNI). "
        "Mở tệp bằng trình soạn thảo, kiểm tra chữ có dấu hiển thị đúng rồi lưu lại dạng UTF-8.",
        "encoding_binary": "tệp không phải văn bản thuần (có thể là tệp Word .doc, PDF hay ảnh). "
        "Mở bằng chương trình tạo ra nó và lưu lại dạng văn bản thuần (.txt) UTF-8 hoặc trang web (.html).",
        "encoding_converted": "đã chuyển từ bảng mã {encoding} sang Unicode UTF-8 (NFC)",
        # what was found and where
        "found_title": "tiêu đề: {value}",
        "found_date": "ngày đăng: {value} ({origin})",
        "found_summary": "sapo: {length} ký tự",
        "found_author": "tác giả: {value}",
        "found_source": "nguồn: {value}",
        "found_image": "ảnh đại diện: {value}",
        "found_tags": "từ khóa: {value}",
        "found_captions": "{count} chú thích ảnh",
        "date_origin_meta": "thẻ meta của trang",
        "date_origin_line": "dòng '{text}'",
        "date_origin_lead": "đầu bài '{text}'",
        "date_origin_year_in_text": "năm lấy từ ngày {text} trong bài",
        "date_origin_year_folder": "năm lấy từ thư mục '{text}'",
        "date_origin_year_name": "năm lấy từ tên tệp '{text}'",
        "date_origin_year_option": "năm lấy từ --year {text}",
        "date_origin_file_name": "lấy từ tên tệp '{text}'",
        "date_updated_only": "trang chỉ ghi ngày cập nhật, dùng làm ngày đăng",
        # what was dropped
        "dropped_section": "bỏ mục '{label}' của trang cũ và {count} dòng sau nó",
        "dropped_lines": "bỏ {count} dòng thừa của trang cũ: {kinds}",
        "dropped_parts": "bỏ {count} phần thừa của trang cũ: {kinds}",
        "furniture_related": "danh sách tin khác",
        "furniture_widget": "hộp tiện ích",
        "dropped_label": "bỏ nhãn chuyên mục cũ '{label}'",
        "furniture_banner": "băng rôn, quảng cáo",
        "furniture_newsletter": "mời đăng ký nhận tin",
        "furniture_reading_time": "thời gian đọc",
        "furniture_share": "nút chia sẻ, in, cỡ chữ, nghe đọc",
        "furniture_breadcrumb": "đường dẫn chuyên mục",
        "furniture_views": "lượt xem",
        "furniture_footer": "chân trang, bản quyền",
        "furniture_navigation": "liên kết điều hướng",
        "furniture_duplicate_title": "tiêu đề lặp lại",
        # missing and flagged
        "missing_title": "chưa tìm thấy tiêu đề",
        "missing_date": "chưa tìm thấy ngày đăng",
        "missing_summary": "không có sapo (không bắt buộc)",
        "missing_author": "không tìm thấy tác giả (không bắt buộc)",
        "todo_title": "TODO(nhập liệu): chưa tìm thấy tiêu đề. Điền 'title' rồi xóa 'draft: true'.",
        "todo_date": "TODO(nhập liệu): chưa tìm thấy ngày đăng. Điền 'date' (ví dụ 2025-01-15 16:17) rồi xóa 'draft: true'.",
        "todo_orphan_captions": "TODO(nhập liệu): {count} chú thích ảnh (dòng in nghiêng) chưa có ảnh: "
        "đặt ảnh vào content/anh/<năm>/ và chèn ![mô tả](/anh/<năm>/ten-anh.jpg) phía trên.",
        "todo_missing_images": "TODO(nhập liệu): {count} ảnh của trang cũ chưa tải về (xem các dòng '<!-- TODO' trong bài).",
        "hint_year_in_name": "tên tệp có số {year} nhưng đó có thể là năm nhắc trong bài nên không dùng; "
        "nếu đúng là năm đăng, chạy lại với --year {year}",
        "hint_date_manual": "bài không ghi ngày ở đâu cả: tra ngày đăng trên trang cũ và điền vào 'date'",
        "hint_date_partial": "đầu bài ghi '{text}' nhưng không có năm: chạy lại với --year NĂM",
        "orphan_captions": "{count} chú thích ảnh không có ảnh (bản văn bản): giữ dạng chữ nghiêng, cần chèn ảnh",
        "missing_images": "{count} ảnh dùng đường dẫn của trang cũ ({example}…): chưa tải về, "
        "dùng --base-url ĐỊA-CHỈ-TRANG-CŨ để giữ liên kết, hoặc tải ảnh về content/anh/",
        "dropped_links": "{count} liên kết nội bộ của trang cũ bị bỏ (giữ chữ); dùng --base-url để giữ",
        "image_missing_comment": "TODO(nhập liệu): ảnh '{src}' của trang cũ chưa được tải về; đặt vào content/anh/ và chèn lại",
        "empty_body": "bài không còn nội dung sau khi tách sapo",
        # outcome
        "status_imported": "đã nhập",
        "status_incomplete": "đã nhập, cần bổ sung",
        "status_skipped": "bỏ qua",
        "status_conflict": "trùng slug, không ghi",
        "status_refused": "từ chối",
        "status_failed": "lỗi",
        "would_write": "sẽ ghi",
        "written": "đã ghi",
        "slug_suffixed": "slug '{slug}' đã có ({other}) nên ghi thành '{new}'",
        "slug_refused": "slug '{slug}' đã có ({other}); không ghi (--on-conflict skip)",
        "already_imported": "tệp này đã được nhập trước đó: {other}",
        "draft_set": "đặt 'draft: true' để bài không bị đăng khi còn thiếu",
        "draft_option": "đặt 'draft: true' theo --draft",
        "readback_problem": "kiểm tra lại bằng trình đọc bài: {problem}",
        "readback_failed": "bài tạo ra không qua được trình đọc bài, không ghi",
        "read_error": "không đọc được tệp: {error}",
        "not_regular_file": "không phải tệp thường (thư mục, đường ống hay thiết bị), không đọc",
        "too_large": "tệp '{name}' nặng {size} MB, quá giới hạn {limit} MB của một tệp văn bản, nên không đọc và "
        "không ghi gì. Tệp lớn như vậy thường là bản xuất cả cơ sở dữ liệu hay nhiều bài gộp lại: tách thành từng bài "
        "rồi nhập lại. Nếu đúng là một bài, chạy lại với --max-text-mb {suggested} (khi build, giới hạn là "
        "max_text_mb của portal/content trong mkdocs.yml).",
        "write_error": "không ghi được {path}: {error}",
        "internal_error": "lỗi khi chuyển tệp này ({error}); hãy gửi tệp cho người phụ trách kỹ thuật",
        "not_article": "tệp không có nội dung bài viết",
        "summary": "Tổng kết: {total} tệp — {imported} đã nhập, {incomplete} cần bổ sung, {skipped} đã nhập từ trước, "
        "{conflict} trùng slug, {refused} từ chối, {failed} lỗi.",
        "summary_dry_run": "(chạy thử --dry-run: không ghi tệp nào)",
        "summary_incomplete": "Bài 'cần bổ sung' có 'draft: true' và dòng '# TODO(nhập liệu)': "
        "build sẽ báo lỗi ở các bài đó cho đến khi điền đủ.",
        "report_written": "Đã ghi báo cáo vào {path}",
        "ignored_files": "bỏ qua {count} tệp không phải .txt/.html trong các thư mục đã cho",
        # usage
        "usage_no_input": "không tìm thấy '{path}'.",
        "usage_no_files": "không có tệp .txt hoặc .html nào để nhập.",
        "usage_unknown_category": "chuyên mục '{value}' chưa được khai báo. Dùng một trong: {known} "
        "(khai báo thêm trong mkdocs.yml: plugins → portal/content → categories).",
        "usage_bad_year": "--year phải là năm bốn chữ số, ví dụ 2024 (nhận được '{value}').",
        "usage_bad_base_url": "--base-url phải là địa chỉ đầy đủ bắt đầu bằng http:// hoặc https:// (nhận được '{value}').",
        "usage_bad_max_text_mb": "--max-text-mb phải là số MB lớn hơn 0, ví dụ 5 hoặc 7.5 (nhận được '{value}').",
    },
}


def message(key: str, language: str = "vi", **params: Any) -> str:
    """One message, with its fields filled in."""
    return MESSAGES.get(language, MESSAGES["vi"]).get(key, MESSAGES["vi"][key]).format(**params)
