"""The catalogue of messages shown to editors, per language.

Each entry is ``(what is wrong, how to fix it)`` with ``str.format`` fields.
Vietnamese first; English for the coming English edition and for developers.
"""

from __future__ import annotations

from typing import Any

DATE_EXAMPLE = "2025-01-15 16:17"

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "vi": {
        "report_header": ("Nội dung có {errors} lỗi ({total} vấn đề). Sửa các mục dưới đây rồi build lại:", ""),
        "not_utf8": (
            "tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {position}).",
            "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8.",
        ),
        "binary_file": (
            "tệp không phải văn bản (có byte NUL ở vị trí {position}): có thể là ảnh hay tệp khác bị đặt đuôi .md.",
            "Xóa tệp này khỏi thư mục bài viết (ảnh để trong content/anh/), hoặc lưu lại bài dưới dạng văn bản UTF-8.",
        ),
        "yaml_alias": (
            "không dùng &neo/*bí danh trong phần thông tin đầu bài.",
            "Viết thẳng giá trị vào từng trường; nếu '&' hoặc '*' là chữ trong tiêu đề, đặt cả giá trị trong ngoặc kép \"...\".",
        ),
        "yaml_tag": (
            "thẻ YAML '{tag}' không được phép trong phần thông tin đầu bài.",
            "Xóa phần bắt đầu bằng '!' hoặc '!!'; nếu đó là chữ, đặt cả giá trị trong ngoặc kép \"...\".",
        ),
        "yaml_tab": (
            "dòng này thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách.",
            "Thay Tab ở đầu dòng bằng dấu cách (ví dụ hai dấu cách trước 'name:' trong nhóm 'source').",
        ),
        "yaml_too_deep": (
            "phần thông tin đầu bài lồng nhau quá sâu (quá {limit} tầng ngoặc hoặc thụt lề).",
            "Mỗi trường là một giá trị, một danh sách [a, b] hoặc nhóm source: {{name, url}}; xóa các ngoặc và thụt lề thừa.",
        ),
        "control_character": (
            "có ký tự ẩn {char} ở ký tự thứ {position}.",
            "Xóa ký tự này (thường lẫn vào khi sao chép từ Word hay trang web): gõ lại đoạn chữ quanh vị trí đó.",
        ),
        "too_long": (
            "dài {length} ký tự, quá giới hạn {limit} ký tự.",
            "Rút gọn '{field}' (tiêu đề nên dưới 100 ký tự; sapo một đến ba câu).",
        ),
        "too_many_items": (
            "danh sách có {count} mục, tối đa {limit}.",
            "Chỉ giữ {limit} mục quan trọng nhất (với related: 'Tin cùng chuyên mục' tự thêm các bài gần ngày).",
        ),
        "unsafe_html": (
            "đã bỏ mã HTML không an toàn hoặc không được phép: {removed}.",
            "Bài viết không được chứa <script>, <style>, thuộc tính on…= hay style=, liên kết javascript:/data:; "
            "khung nhúng (iframe) chỉ từ các máy chủ khai báo trong iframe_hosts ({hosts}). Xóa đoạn mã đó, hoặc nhờ "
            "quản trị thêm máy chủ vào iframe_hosts (plugins → portal/content trong mkdocs.yml).",
        ),
        "no_front_matter": (
            "bài viết không có phần thông tin đầu bài (front matter).",
            "Thêm ở dòng đầu tiên một khối bắt đầu và kết thúc bằng dòng '---', "
            "trong đó có title, date và category.",
        ),
        "unclosed_front_matter": (
            "phần thông tin đầu bài mở bằng '---' ở dòng 1 nhưng không có dòng '---' đóng lại.",
            "Thêm một dòng chỉ có '---' ngay sau trường cuối cùng (trước nội dung bài).",
        ),
        "yaml_error": (
            "lỗi cú pháp YAML: {detail}.",
            "Kiểm tra dòng này: mỗi trường viết dạng 'ten: giá trị'; giá trị có dấu ':' "
            "hoặc bắt đầu bằng ký tự đặc biệt thì đặt trong dấu ngoặc kép \"...\".",
        ),
        "not_mapping": (
            "phần thông tin đầu bài không phải danh sách các trường 'ten: giá trị'.",
            "Viết mỗi trường trên một dòng, ví dụ: title: \"Tiêu đề bài viết\".",
        ),
        "missing_field": ("thiếu trường bắt buộc.", "Thêm dòng '{field}: ...' vào phần thông tin đầu bài."),
        "empty_field": ("trường bắt buộc đang để trống.", "Điền giá trị cho '{field}'."),
        "wrong_type": (
            "phải là {expected}, nhưng đang là {got}.",
            "Sửa lại, ví dụ: {example}",
        ),
        "bad_date": (
            "không đọc được ngày giờ '{value}'.",
            "Viết theo dạng " + DATE_EXAMPLE + " (giờ Việt Nam), 2025-01-15, "
            "hoặc ISO 8601 đầy đủ như 2025-01-15T16:17:00+07:00.",
        ),
        "unknown_category": (
            "chuyên mục '{value}' chưa được khai báo.",
            "Dùng một trong các chuyên mục: {known}; hoặc khai báo chuyên mục mới "
            "trong mkdocs.yml (plugins → portal/content → categories).",
        ),
        "bad_slug": (
            "slug '{value}' không hợp lệ.",
            "Slug chỉ gồm chữ thường không dấu, số và dấu gạch nối, ví dụ '{suggestion}'.",
        ),
        "duplicate_slug": (
            "slug '{slug}' đã được dùng cho bài {other}.",
            "Đổi tên tệp hoặc đặt trường 'slug' khác, ví dụ '{slug}-2'.",
        ),
        "related_missing": (
            "bài liên quan '{value}' không tồn tại.",
            "Kiểm tra lại slug (tên tệp không có .md) của bài muốn liên kết, hoặc xóa khỏi danh sách.",
        ),
        "related_self": ("bài viết tự liên kết tới chính nó ('{value}').", "Xóa '{value}' khỏi danh sách related."),
        "related_draft": (
            "bài liên quan '{value}' là bản nháp (draft: true) nên sẽ không được xuất bản.",
            "Xóa '{value}' khỏi related, hoặc xuất bản bài đó trước.",
        ),
        "related_duplicate": ("bài '{value}' được liệt kê nhiều lần.", "Chỉ giữ một lần."),
        "bad_url": (
            "địa chỉ '{value}' không hợp lệ.",
            "Dùng địa chỉ đầy đủ bắt đầu bằng https:// hoặc http://.",
        ),
        "image_missing": (
            "không tìm thấy ảnh '{value}' (đã tìm {resolved}).",
            "Tải ảnh lên thư mục content/ và ghi đường dẫn, ví dụ /anh/2025/ten-anh.jpg "
            "(dấu '/' đầu tiên là tính từ thư mục content/).",
        ),
        "unknown_field": (
            "trường '{field}' không được hỗ trợ nên bị bỏ qua.",
            "Các trường hợp lệ: {known}.",
        ),
        "unknown_field_typo": (
            "trường '{field}' không được hỗ trợ nên bị bỏ qua.",
            "Có phải ý bạn là '{suggestion}'? Sửa lại tên trường.",
        ),
        "bad_category_config": ("khai báo chuyên mục không hợp lệ: {detail}.", "Sửa khai báo trong mkdocs.yml."),
        "bad_host_name": (
            "'{value}' không phải tên máy chủ: chỉ ghi tên máy chủ, không có https://, đường dẫn /…, cổng :443, "
            "dấu cách, dấu chấm phẩy, dấu nháy hay dấu *.",
            "Ghi mỗi máy chủ một mục, ví dụ '{example}'.",
        ),
        "bad_timezone": (
            "'{value}' không phải múi giờ: ghi tên múi giờ IANA như Asia/Ho_Chi_Minh, hoặc độ lệch cố định "
            "từ -12:00 đến +14:00 như +07:00.",
            "Với giờ Việt Nam (GMT+7), xóa dòng timezone hoặc ghi timezone: Asia/Ho_Chi_Minh.",
        ),
        "empty_tag_slug": (
            "chủ đề '{value}' không có chữ cái hay chữ số nào nên không có trang chủ đề; đã bỏ chủ đề này.",
            "Viết chủ đề bằng chữ, ví dụ tags: [Lào, hợp tác biên giới]; xóa chủ đề chỉ có dấu câu hay biểu tượng cảm xúc.",
        ),
        "body_control_character": (
            "nội dung bài có ký tự ẩn {char} ở ký tự thứ {position} của dòng; đã bỏ ký tự ẩn khỏi trang.",
            "Xóa ký tự ẩn ở dòng này (thường lẫn vào khi sao chép từ Word hay trang web): gõ lại đoạn chữ trên dòng đó.",
        ),
        "empty_body": ("bài viết chưa có nội dung.", "Viết nội dung bài sau dòng '---' đóng phần thông tin."),
        "expires_before_date": (
            "ngày hết hạn '{value}' không sau ngày đăng '{date}' nên bài sẽ không bao giờ hiện.",
            "Đặt 'expires' muộn hơn 'date', hoặc xóa dòng 'expires' nếu bài không hết hạn.",
        ),
        "not_nfc": (
            "văn bản có dấu tiếng Việt ở dạng tổ hợp (không phải Unicode NFC), thường do sao chép từ macOS hoặc Word.",
            "Chạy 'python build.py check --fix' để chuyển cả tệp sang NFC.",
        ),
        "summary_too_long": (
            "sapo dài {length} ký tự, quá {limit} ký tự mà RSS và thẻ chia sẻ mạng xã hội hiển thị đủ.",
            "Rút gọn sapo còn một đến hai câu.",
        ),
        "body_image_missing": (
            "không tìm thấy ảnh '{value}' trong nội dung (đã tìm {resolved}).",
            "Tải ảnh lên thư mục content/ (ví dụ content/anh/2025/) và sửa đường dẫn; "
            "dấu '/' đầu tiên là tính từ thư mục content/.",
        ),
        "scheduled_article": (
            "bài hẹn giờ: sẽ được đăng lúc {when} (giờ Việt Nam), ở lần xây dựng đầu tiên từ thời điểm đó.",
            "Không cần làm gì nếu đúng ý; muốn đăng ngay thì sửa 'date' về thời điểm hiện tại.",
        ),
        "expired_article": (
            "bài đã hết hạn lúc {when} nên không còn trên trang.",
            "Xóa hoặc lùi 'expires' nếu bài cần hiện lại; nếu không, có thể xóa tệp.",
        ),
        "updated_before_date": (
            "ngày cập nhật '{value}' sớm hơn ngày đăng '{date}'.",
            "Sửa 'updated' thành thời điểm sửa bài (sau ngày đăng), hoặc xóa dòng này.",
        ),
        "link_outside": (
            "là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục nội dung ({target}); Cổng không đăng tệp ngoài content/.",
            "Xóa liên kết và chép chính tệp cần đăng vào content/ (ví dụ: cp '{target}' vào thư mục ảnh).",
        ),
        "link_loop": (
            "là liên kết tượng trưng (symlink) vòng lặp hoặc trỏ tới tệp không tồn tại.",
            "Xóa liên kết này; nếu cần tệp đó, chép chính tệp vào content/.",
        ),
        "link_to_folder": (
            "là liên kết tượng trưng (symlink) tới một thư mục ({target}); Cổng không đăng thư mục qua liên kết.",
            "Xóa liên kết; chép hoặc chuyển các tệp cần đăng vào chính thư mục content/.",
        ),
        "special_file": (
            "không phải tệp thường ({kind}); Cổng không đọc loại tệp này.",
            "Xóa nó khỏi thư mục nội dung.",
        ),
        "file_too_large": (
            "tệp nặng {size} MB, quá giới hạn {limit} MB cho {kind}.",
            "Giảm dung lượng (ảnh: thu nhỏ còn rộng khoảng 1.600 điểm ảnh, nén JPEG), tách nhỏ tệp, "
            "hoặc nhờ quản trị tăng {option} của portal/content trong mkdocs.yml.",
        ),
        "active_file": (
            "tệp {kind} có thể chạy mã trên tên miền của cổng nên không được đăng nguyên dạng.",
            "Viết trang bằng Markdown (.md); nếu thật sự cần đăng tệp này, "
            "quản trị thêm đường dẫn vào allow_active_files của portal/content trong mkdocs.yml.",
        ),
        "svg_cleaned": (
            "đã bỏ phần không an toàn trong ảnh SVG: {removed}.",
            "Xuất lại ảnh từ phần mềm vẽ dưới dạng SVG thường (không mã script, không liên kết ra ngoài), hoặc dùng ảnh PNG/JPEG.",
        ),
        "bad_svg": (
            "không đọc được ảnh SVG ({detail}).",
            "Xuất lại ảnh dưới dạng SVG từ phần mềm vẽ, hoặc dùng ảnh PNG/JPEG.",
        ),
        "output_collision": (
            "địa chỉ '{url}' vừa là {first} vừa là {second}; một trong hai sẽ bị ghi đè.",
            "Đổi tên hoặc chuyển tệp của bạn (hoặc đổi slug của bài), hoặc đổi địa chỉ của trang tự tạo trong mkdocs.yml.",
        ),
    },
    "en": {
        "report_header": ("The content has {errors} error(s) ({total} problem(s)). Fix them and build again:", ""),
        "not_utf8": ("the file is not UTF-8 text (bad byte at {position}).", "Save the file as UTF-8."),
        "binary_file": (
            "the file is not text (NUL byte at {position}): perhaps an image or other file renamed .md.",
            "Remove it from the articles folder (images go under content/anh/), or save the article as UTF-8 text.",
        ),
        "yaml_alias": (
            "YAML anchors and aliases (&name / *name) are not allowed in the front matter.",
            "Write each value out in full; quote values that contain '&' or '*'.",
        ),
        "yaml_tag": ("the YAML tag '{tag}' is not allowed in the front matter.", "Remove the '!'/'!!' part, or quote the value."),
        "yaml_tab": ("this line is indented with a tab; YAML allows spaces only.", "Replace the leading tab with spaces."),
        "yaml_too_deep": (
            "the front matter is nested too deeply (more than {limit} levels of brackets or indentation).",
            "Use plain values, [a, b] lists or a {{name, url}} source; remove extra brackets and indentation.",
        ),
        "control_character": (
            "holds the invisible character {char} at position {position}.",
            "Delete it (it often comes from pasted text).",
        ),
        "too_long": ("is {length} characters long; the limit is {limit}.", "Shorten '{field}'."),
        "too_many_items": ("the list has {count} items; at most {limit}.", "Keep the {limit} most relevant ones."),
        "unsafe_html": (
            "unsafe or disallowed HTML was removed: {removed}.",
            "No <script>, <style>, on…= or style= attributes, javascript:/data: links; iframes only from iframe_hosts "
            "({hosts}). Remove it, or ask an operator to add the host to iframe_hosts in mkdocs.yml.",
        ),
        "no_front_matter": (
            "the article has no front matter.",
            "Start the file with a block between two '---' lines holding title, date and category.",
        ),
        "unclosed_front_matter": (
            "the front matter opens with '---' on line 1 but is never closed.",
            "Add a line holding only '---' after the last field.",
        ),
        "yaml_error": ("YAML syntax error: {detail}.", "Quote values that contain ':' or start with a symbol."),
        "not_mapping": ("the front matter is not a list of 'key: value' fields.", "Write one field per line."),
        "missing_field": ("required field is missing.", "Add a '{field}: ...' line to the front matter."),
        "empty_field": ("required field is empty.", "Give '{field}' a value."),
        "wrong_type": ("must be {expected}, not {got}.", "For example: {example}"),
        "bad_date": (
            "cannot read the date '{value}'.",
            "Write it as " + DATE_EXAMPLE + " (Vietnam time), 2025-01-15, or full ISO 8601.",
        ),
        "unknown_category": (
            "category '{value}' is not declared.",
            "Use one of: {known}; or declare it in mkdocs.yml (plugins → portal/content → categories).",
        ),
        "bad_slug": ("slug '{value}' is not valid.", "Use lowercase ASCII, digits and hyphens, e.g. '{suggestion}'."),
        "duplicate_slug": ("slug '{slug}' is already used by {other}.", "Rename the file or set another 'slug', e.g. '{slug}-2'."),
        "related_missing": ("related article '{value}' does not exist.", "Check the slug or remove it."),
        "related_self": ("the article is related to itself ('{value}').", "Remove '{value}' from related."),
        "related_draft": ("related article '{value}' is a draft.", "Remove it or publish it first."),
        "related_duplicate": ("'{value}' is listed more than once.", "Keep it once."),
        "bad_url": ("'{value}' is not a valid address.", "Use a full address starting with https:// or http://."),
        "image_missing": ("image '{value}' not found (looked for {resolved}).", "Upload it under content/."),
        "unknown_field": ("field '{field}' is not supported and is ignored.", "Known fields: {known}."),
        "unknown_field_typo": ("field '{field}' is not supported and is ignored.", "Did you mean '{suggestion}'?"),
        "bad_category_config": ("invalid category declaration: {detail}.", "Fix it in mkdocs.yml."),
        "bad_host_name": (
            "'{value}' is not a host name: write the host only, without https://, a /path, a :port, "
            "spaces, semicolons, quotes or *.",
            "One host per item, e.g. '{example}'.",
        ),
        "bad_timezone": (
            "'{value}' is not a time zone: write an IANA zone name such as Asia/Ho_Chi_Minh, or a fixed offset "
            "from -12:00 to +14:00 such as +07:00.",
            "For Vietnam time (GMT+7), remove the timezone line or write timezone: Asia/Ho_Chi_Minh.",
        ),
        "empty_tag_slug": (
            "the tag '{value}' has no letter or digit, so it has no topic page; it was left out.",
            "Write tags in words, e.g. tags: [Laos, border cooperation]; remove tags made of punctuation or emoji.",
        ),
        "body_control_character": (
            "the body holds the invisible character {char} at character {position} of the line; it was removed from the page.",
            "Remove the invisible character on this line (often pasted from Word or a web page): retype the text there.",
        ),
        "empty_body": ("the article has no body.", "Write the article after the closing '---'."),
        "expires_before_date": (
            "expiry '{value}' is not after the date '{date}', so the article would never show.",
            "Set 'expires' later than 'date', or remove it.",
        ),
        "not_nfc": (
            "text uses decomposed tone marks (not Unicode NFC), common when copied from macOS or Word.",
            "Run 'python build.py check --fix' to rewrite the file in NFC.",
        ),
        "summary_too_long": ("the sapo is {length} characters, over the {limit} feeds and cards show.", "Shorten it."),
        "body_image_missing": ("image '{value}' in the body not found (looked for {resolved}).", "Upload it under content/."),
        "scheduled_article": ("scheduled: published at {when} (Vietnam time), by the first build from then.", ""),
        "expired_article": ("expired at {when}: no longer on the site.", "Remove or postpone 'expires' to show it again."),
        "updated_before_date": ("update time '{value}' is before the date '{date}'.", "Set 'updated' after 'date' or remove it."),
        "link_outside": (
            "is a symbolic link to outside the content folder ({target}); files outside content/ are never published.",
            "Delete the link and copy the file itself into content/.",
        ),
        "link_loop": (
            "is a symbolic link that loops or points to nothing.",
            "Delete the link; copy the file itself into content/ if it is needed.",
        ),
        "link_to_folder": (
            "is a symbolic link to a folder ({target}); folders are not published through links.",
            "Delete the link; copy or move the files into content/ itself.",
        ),
        "special_file": (
            "is not a regular file ({kind}); it is not read.",
            "Remove it from the content folder.",
        ),
        "file_too_large": (
            "is {size} MB, over the {limit} MB limit for {kind}.",
            "Make it smaller (photos: about 1,600 pixels wide, JPEG), split it, or raise {option} of portal/content in mkdocs.yml.",
        ),
        "active_file": (
            "is a {kind} file that could run code on the portal's domain, so it is not published as it is.",
            "Write the page in Markdown (.md); if it really must be published, list its path in allow_active_files of portal/content.",
        ),
        "svg_cleaned": (
            "unsafe parts were removed from the SVG drawing: {removed}.",
            "Export the drawing again as plain SVG (no scripts, no outside links), or use PNG/JPEG.",
        ),
        "bad_svg": (
            "the SVG drawing cannot be read ({detail}).",
            "Export it again as SVG, or use PNG/JPEG.",
        ),
        "output_collision": (
            "the address '{url}' is both {first} and {second}; one would overwrite the other.",
            "Rename or move your file (or change the article's slug), or change the generated page's address in mkdocs.yml.",
        ),
    },
}


def render_message(code: str, params: dict[str, Any], language: str = "vi") -> tuple[str, str]:
    """Return ``(what, fix)`` for a message code, falling back to Vietnamese."""
    catalogue = MESSAGES.get(language, MESSAGES["vi"])
    what, fix = catalogue.get(code) or MESSAGES["vi"][code]
    return what.format(**params), fix.format(**params)
