"""The legacy importer without MkDocs: encodings, detection, furniture, HTML, the pipeline, one file end to end."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from portal.importing import detect
from portal.importing.convert import DateContext, Extracted, extract, resolve_date
from portal.importing.document import escape_markdown, text_to_blocks
from portal.importing.encodings import EncodingRefused, decode_input, sniff_font_encoding
from portal.importing.files import (
    ImportOptions,
    SlugIndex,
    import_one,
    megabytes,
    render_article,
    text_limit,
    yaml_comment,
    yaml_string,
)
from portal.importing.furniture import furniture_kind, section_marker
from portal.importing.html_to_markdown import html_to_blocks
from portal.importing.report import FileResult, one_line, render_file
from portal.model.entities import Category
from portal.reading.articles import read_article
from portal.reading.frontmatter import parse_front_matter
from portal.reading.limits import DEFAULT_MAX_TEXT_MB, MEGABYTE, limit_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
CATEGORIES = {
    "thoi-su": Category("thoi-su", "Thời sự"),
    "hoat-dong-doi-ngoai": Category("hoat-dong-doi-ngoai", "Hoạt động đối ngoại"),
    "hop-tac-quoc-te": Category("hop-tac-quoc-te", "Hợp tác quốc tế"),
}
NAMES = [c.name for c in CATEGORIES.values()]


# -- encodings -----------------------------------------------------------------


def test_utf8_with_bom_and_decomposed_marks_becomes_nfc() -> None:
    text = "Tỉnh Minh Giang đón đoàn khách quốc tế"
    decoded = decode_input(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode("utf-8") + b"\r\n")
    assert decoded.text == text + "\n"
    assert decoded.encoding == "UTF-8" and not decoded.converted


def test_utf16_with_bom_is_read() -> None:
    text = "Hợp tác quốc tế của tỉnh Minh Giang\n"
    assert decode_input(text.encode("utf-16")).text == text


def test_windows_1258_is_converted_to_nfc() -> None:
    decoded = decode_input((FIXTURES / "legacy" / "dai-su-phap-cp1258.html").read_bytes())
    assert decoded.encoding == "Windows-1258" and decoded.converted
    assert "Đại sứ Pháp thăm và làm việc tại tỉnh Minh Giang" in decoded.text
    assert unicodedata.is_normalized("NFC", decoded.text)


@pytest.mark.parametrize(
    ("name", "encoding", "words"),
    [
        ("tiep-doan-tcvn3.txt", "TCVN3", ["TCVN3 (ABC)", "UniKey", "Unicode"]),
        ("tuan-van-hoa-vni.txt", "VNI", ["VNI Windows", "UniKey"]),
        ("tiep-doan-tcvn3-luu-utf8.txt", "TCVN3", ["TCVN3 (ABC)", "lưu lại như UTF-8"]),
    ],
)
def test_font_encodings_are_refused_with_the_encoding_named(name: str, encoding: str, words: list[str]) -> None:
    with pytest.raises(EncodingRefused) as refusal:
        decode_input((FIXTURES / "legacy" / name).read_bytes())
    assert refusal.value.encoding == encoding
    for word in words:
        assert word in str(refusal.value)


def test_bytes_that_do_not_decode_to_vietnamese_are_refused() -> None:
    with pytest.raises(EncodingRefused) as refusal:
        decode_input((FIXTURES / "legacy" / "tieng-phap-cp1252.txt").read_bytes())
    assert "không nhận ra bảng mã" in str(refusal.value)


def test_binary_files_are_refused_as_not_text() -> None:
    word_document = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8
    with pytest.raises(EncodingRefused) as refusal:
        decode_input(word_document)
    assert "không phải văn bản thuần" in str(refusal.value)


def test_real_vietnamese_with_foreign_letters_is_not_taken_for_a_font_encoding() -> None:
    text = "Đoàn của ông Bjørn Müller và bà «Hélène» thăm Hòn Ngọc, gặp ngư dân và cán bộ biên phòng tỉnh Minh Giang."
    assert sniff_font_encoding(text) is None
    assert decode_input(text.encode("utf-8")).text == text


# -- detection -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("15/01/2025", "2025-01-15"),
        ("15-01-2025 16:17", "2025-01-15 16:17"),
        ("23.10.2024 | 16:17 PM", "2024-10-23 16:17"),
        ("22.01.2024 | 12:00 PM", "2024-01-22 12:00"),
        ("03.02.2024 | 07:38 AM", "2024-02-03 07:38"),
        ("Thứ Tư, 15/01/2025 16:17 (GMT+7)", "2025-01-15 16:17"),
        ("Ngày đăng: 15/1/2025 - 8h05", "2025-01-15 08:05"),
        ("16:17 15/01/2025", "2025-01-15 16:17"),
        ("11 October 2023", "2023-10-11"),
        ("October 11, 2023", "2023-10-11"),
        ("ngày 15 tháng 1 năm 2025", "2025-01-15"),
        ("2025-01-15T09:17:00Z", "2025-01-15 16:17"),
        ("date 2025-10-31", "2025-10-31"),
    ],
)
def test_date_lines(line: str, expected: str) -> None:
    found = detect.date_line(line)
    assert found is not None
    assert found[0].front_matter() == expected


@pytest.mark.parametrize(
    "line",
    [
        "Tiếp tục triển khai Kết luận số 57-KL/TW, ngày 15/6/2023 của Bộ Chính trị về thông tin đối ngoại",
        "Minh Giang chuẩn bị Tuần lễ Biển và Hải đảo năm 2025 23.10.2024 | 16:17 PM",
        "31/02/2025",
        "nhiệm kỳ 2025-2030",
    ],
)
def test_sentences_and_impossible_dates_are_not_date_lines(line: str) -> None:
    assert detect.date_line(line) is None


def test_update_lines_are_told_apart() -> None:
    assert detect.date_line("Cập nhật: 16/01/2025 08:05") is not None
    assert detect.date_line("Cập nhật: 16/01/2025 08:05")[1] is True  # type: ignore[index]
    assert detect.date_line("Đăng lúc 16/01/2025 08:05")[1] is False  # type: ignore[index]


@pytest.mark.parametrize(
    ("lead", "day", "month", "year"),
    [
        ("Chiều 15/01, Ban Chỉ đạo tổ chức hội nghị", 15, 1, None),
        ("Ngày 13-7, tại cửa khẩu Nậm Khê", 13, 7, None),
        ("(MGO) - Sáng 15/1, lãnh đạo tỉnh tiếp đoàn", 15, 1, None),
        ("Sáng nay (15/1), đoàn công tác lên đường", 15, 1, None),
        ("Tối 20 tháng 3, tại quảng trường", 20, 3, None),
        ("Sáng 12/3/2024, tại trụ sở UBND tỉnh", 12, 3, 2024),
    ],
)
def test_lead_dates(lead: str, day: int, month: int, year: int | None) -> None:
    found = detect.lead_date(lead)
    assert found is not None and (found.day, found.month, found.year) == (day, month, year)


def test_a_paragraph_about_a_year_is_not_a_lead() -> None:
    assert detect.lead_date("Năm 2024, các ngành đã bám sát nhiệm vụ") is None
    assert detect.lead_date("Ngày hội văn hóa thu hút 15/20 xã tham gia") is None


def test_a_headline_run_into_its_lead_is_split() -> None:
    split = detect.split_title_lead("Nâng cao kỹ năng cho cán bộ cơ sở Sáng 31/10, Ban Chỉ đạo tổ chức lớp tập huấn.")
    assert split == ("Nâng cao kỹ năng cho cán bộ cơ sở", "Sáng 31/10, Ban Chỉ đạo tổ chức lớp tập huấn.")
    assert detect.split_title_lead("Hội nghị kết thúc. Sáng 31/10, đoàn về tỉnh.") is None


@pytest.mark.parametrize(
    "line", ["Quang Minh, Ban Tuyên giáo Tỉnh ủy", "Nguyễn Cường", "NN", "P.V", "Minh Anh - Thu Hà", "Nhóm PV", "- Lê Hà -"]
)
def test_bylines(line: str) -> None:
    assert detect.looks_like_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Các đại biểu dự hội nghị.",
        "Hội nghị Ban Thường vụ Tỉnh ủy",
        "Tin cùng chuyên mục",
        "Trong năm, tỉnh đón 19 đoàn công tác",
        "Phát biểu tại hội nghị, đồng chí Chủ tịch nhấn mạnh",
    ],
)
def test_not_bylines(line: str) -> None:
    assert not detect.looks_like_byline(line)


def test_author_labels() -> None:
    assert detect.author_from_label("Bài và ảnh: Quang Minh") == "Quang Minh"
    assert detect.author_from_label("Tác giả: Mai Hoa") == "Mai Hoa"
    assert detect.author_from_label("Bài viết có nhiều ý: hay") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nguồn: Báo Minh Giang", ("Báo Minh Giang", "")),
        ("(Theo TTXVN)", ("TTXVN", "")),
        ("Nguồn: https://baominhgiang.example.vn/a.html", ("", "https://baominhgiang.example.vn/a.html")),
        ("Nguồn: Báo Minh Giang (https://baominhgiang.example.vn/a)", ("Báo Minh Giang", "https://baominhgiang.example.vn/a")),
        ("Theo kế hoạch, năm 2025 tỉnh tổ chức", None),
        ("Theo Chủ tịch UBND tỉnh, kết quả rất tốt", None),
    ],
)
def test_source_lines(line: str, expected: tuple[str, str] | None) -> None:
    assert detect.source_line(line) == expected


def test_captions_and_credits() -> None:
    assert detect.is_caption("Cán bộ cấp ủy tham gia hội nghị. Ảnh: Mai Hoa")
    assert detect.is_caption("Quang cảnh hội nghị (Ảnh: TTXVN)")
    assert detect.is_caption("Du khách tham quan đảo Hòn Ngọc (Ảnh minh họa)")
    assert not detect.is_caption("Đoàn thăm trường THPT Ảnh")
    assert detect.is_credit_only("Ảnh: Thanh Tùng") and not detect.is_credit_only("Lễ ký kết. Ảnh: Thanh Tùng")


def test_keyword_lines() -> None:
    assert detect.tags_line("Từ khóa: Lào, hợp tác biên giới; Chăm-pa-sắc") == ["Lào", "hợp tác biên giới", "Chăm-pa-sắc"]
    assert detect.tags_line("#Lào #hợp_tác") == ["Lào", "hợp tác"]
    assert detect.tags_line("Lào, hợp tác") is None


def test_years_from_where_the_file_is() -> None:
    assert detect.year_from_folders(("export", "2024", "thang-7")) == (2024, "2024")
    assert detect.year_from_folders(("export", "tin-2024")) is None
    assert detect.date_from_name("2025-01-15-don-doan").front_matter() == "2025-01-15"  # type: ignore[union-attr]
    assert detect.date_from_name("20250115_tin") is not None
    assert detect.date_from_name("tong-ket-2024") is None
    assert detect.years_in_name("tong-ket-2024") == [2024]


# -- furniture and text ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Banner Tỉnh ủy Minh Giang (Home-latest-1)", "banner"),
        ("Thời gian đọc: 3 phút", "reading_time"),
        ("5 phút đọc", "reading_time"),
        ("Đăng ký nhận bản tin của chúng tôi", "newsletter"),
        ("Chia sẻ Facebook Zalo In bài", "share"),
        ("Trang chủ > Thời sự", "breadcrumb"),
        ("Lượt xem: 1.204", "views"),
        ("© 2025 Cổng thông tin điện tử tỉnh Minh Giang", "footer"),
        ("Về đầu trang", "navigation"),
    ],
)
def test_furniture_lines(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind


def test_furniture_is_matched_on_whole_lines_only() -> None:
    assert furniture_kind("Hội nghị bàn cách chia sẻ kinh nghiệm quảng bá trên Facebook, Zalo.") is None
    assert section_marker("Tin cùng chuyên mục") and section_marker("XEM TIN THEO NGÀY:") and section_marker("Bình luận (0)")
    assert section_marker("Các tin liên quan đến dự án được cập nhật thường xuyên.") is None


def test_related_lists_are_cut_and_a_box_inside_the_article_is_skipped() -> None:
    from portal.importing.convert import drop_furniture

    long_one = "Đoạn một của bài viết nói về hợp tác giữa hai tỉnh trong lĩnh vực giáo dục và y tế. " * 3
    long_two = "Đoạn hai của bài viết tiếp tục sau hộp tin liên quan, kể về kết quả của chuyến thăm. " * 3
    text = (
        f"Tiêu đề bài viết về hợp tác\nTin mới\n{long_one}\nTin liên quan\n- Bài khác một\n- Bài khác hai\n"
        f"{long_two}\nQuang Minh\nTin cùng chuyên mục\nMột tin khác\nMột tin khác nữa 23.10.2024 | 16:17\n"
    )
    out = Extracted()
    kept = [b.text for b in drop_furniture(text_to_blocks(text), out)]
    assert kept == ["Tiêu đề bài viết về hợp tác", long_one.strip(), long_two.strip(), "Quang Minh"]
    assert any("'Tin liên quan'" in line for line in out.dropped) and any("'Tin cùng chuyên mục'" in line for line in out.dropped)


def test_plain_text_paragraphs_one_per_line_or_wrapped() -> None:
    per_line = text_to_blocks("Một đoạn văn.\nĐoạn thứ hai.\n- mục một\n- mục hai\n")
    assert [b.kind for b in per_line] == ["para", "para", "list"]
    assert per_line[2].markdown == "- mục một\n- mục hai"
    wrapped = text_to_blocks("Dòng đầu của đoạn một\nnối tiếp đoạn một.\n\nĐoạn hai\nở đây.\n")
    assert [b.text for b in wrapped] == ["Dòng đầu của đoạn một nối tiếp đoạn một.", "Đoạn hai ở đây."]


def test_plain_text_is_escaped_so_it_shows_as_written() -> None:
    assert escape_markdown("2. Hai bên *thống nhất* <b>") == "2\\. Hai bên \\*thống nhất\\* &lt;b>"
    assert escape_markdown("# không phải tiêu đề") == "\\# không phải tiêu đề"


# -- HTML ------------------------------------------------------------------------


def _page() -> tuple[list, object]:
    return html_to_blocks((FIXTURES / "html" / "lam-viec-voi-gyeongsangbuk.html").read_text(encoding="utf-8"))


def test_html_metadata_marked_parts_and_body() -> None:
    blocks, hints = _page()
    assert hints.title == "Đoàn công tác tỉnh Minh Giang làm việc tại Gyeongsangbuk"
    assert hints.summary.startswith("Từ ngày 10 đến 12/3, đoàn công tác tỉnh Minh Giang")
    assert hints.tags == ["Hàn Quốc", "hợp tác giáo dục"]
    assert [d.front_matter() for d, _, where in hints.dates if where == "meta"][0] == "2025-03-12 09:30"
    kinds = [b.kind for b in blocks]
    assert kinds[:2] == ["image", "para"] and "heading" in kinds and "list" in kinds
    first = blocks[0]
    assert first.src == "https://minhgiang.example.gov.vn/uploads/2025/03/gyeongsangbuk-1.jpg"
    assert first.caption.endswith("Ảnh: Thanh Tùng")
    table_image = next(b for b in blocks if b.kind == "image" and b is not first)
    assert table_image.caption == "Đoàn thăm trang trại dâu tây ứng dụng công nghệ cao. Ảnh: Thanh Tùng"
    body = "\n".join(b.markdown + b.text for b in blocks)
    for furniture in ("Chia sẻ", "Lượt xem", "Tin liên quan", "Đọc nhiều", "Giấy phép", "Trang chủ", "Banner", "Thời gian đọc"):
        assert furniture not in body
    assert "**thực tập sinh nông nghiệp**" in body and "*trung tâm tiếng Hàn*" in body
    # Relative links of the old site are made absolute from its og:url.
    assert "(https://minhgiang.example.gov.vn/tin-tuc/nguoi-viet-tai-gyeongsangbuk-1201.html)" in body
    assert "[trang của tỉnh bạn](https://www.gb.example.kr/)" in body


def test_html_without_a_known_address_drops_relative_links_and_flags_images() -> None:
    html = (
        "<html><body><div class='content'><h1>Tỉnh Minh Giang đón đoàn khách Nhật Bản</h1>"
        "<p>Sáng 15/1, lãnh đạo tỉnh tiếp đoàn. Xem <a href='/tin/1.html'>bài trước</a>.</p>"
        "<p><img src='/Uploads/a.jpg'><br>Quang cảnh buổi tiếp. Ảnh: Mai Hoa</p>"
        "<p><img data-src='https://cdn.example.vn/b.jpg' src='data:image/gif;base64,R0lG'></p>"
        "<div>Đoạn một của bài.<br><br>Đoạn hai của bài.</div>"
        "</div></body></html>"
    )
    blocks, hints = html_to_blocks(html)
    assert hints.title == "Tỉnh Minh Giang đón đoàn khách Nhật Bản"
    assert hints.missing_images == ["/Uploads/a.jpg"] and hints.dropped_links == 1
    assert "[bài trước]" not in blocks[0].markdown and "bài trước" in blocks[0].markdown
    assert blocks[1].kind == "image" and blocks[1].missing_src == "/Uploads/a.jpg" and blocks[1].caption.endswith("Mai Hoa")
    assert blocks[2].src == "https://cdn.example.vn/b.jpg"
    assert [b.text for b in blocks[3:]] == ["Đoạn một của bài.", "Đoạn hai của bài."]
    with_base, hints = html_to_blocks(html, "https://old.example.vn/tin/")
    assert with_base[1].src == "https://old.example.vn/Uploads/a.jpg" and not hints.missing_images


def test_html_sapo_from_bold_first_paragraph_or_meta_description() -> None:
    def page(head: str, first: str) -> str:
        return (
            f"<html><head>{head}</head><body><article><h1>Minh Giang tiếp Đại sứ Pháp tại trụ sở tỉnh</h1>{first}"
            "<p>Hai bên trao đổi về hợp tác nước sạch, y tế cơ sở và đào tạo tiếng Pháp cho hướng dẫn viên.</p>"
            "<p>Đại sứ mong doanh nghiệp Pháp tìm hiểu cơ hội đầu tư vào khu kinh tế ven biển của tỉnh.</p>"
            "<p>Trần Hải Đăng</p></article></body></html>"
        )

    sapo = "Lãnh đạo tỉnh Minh Giang đã tiếp Đại sứ Cộng hòa Pháp tại Việt Nam trong chuyến thăm làm việc đầu tiên."
    bold = extract(*html_to_blocks(page("", f"<p><strong>{sapo}</strong></p>")), category_names=NAMES, is_html=True)
    assert bold.summary == sapo and sapo not in bold.body and bold.author == "Trần Hải Đăng"
    meta = f'<meta name="description" content="{sapo[:60]}…">'
    described = extract(*html_to_blocks(page(meta, f"<p>{sapo}</p>")), category_names=NAMES, is_html=True)
    assert described.summary == sapo and sapo not in described.body
    plain = extract(*html_to_blocks(page("", f"<p>{sapo}</p>")), category_names=NAMES, is_html=True)
    assert plain.summary == "" and sapo in plain.body  # an unmarked first paragraph of a page stays in the body


# -- the date's resolution --------------------------------------------------------


def _extracted(**fields: object) -> Extracted:
    return Extracted(**fields)  # type: ignore[arg-type]


def test_date_precedence_and_year_evidence() -> None:
    lead = detect.FoundDate(15, 1, text="Chiều 15/01")
    meta = (detect.FoundDate(16, 1, 2025, 8, 0, text="meta"), False, "meta")
    line = (detect.FoundDate(15, 1, 2025, 16, 17, text="15/01/2025 16:17"), False, "15/01/2025 16:17")
    none = DateContext()
    assert resolve_date(_extracted(meta_dates=[meta], header_dates=[line], lead=lead), none)[0].front_matter() == "2025-01-16 08:00"
    assert resolve_date(_extracted(header_dates=[line], lead=lead), none)[0].front_matter() == "2025-01-15 16:17"
    # The year of a lead comes from a complete date of the same day in the text, not from other dates.
    other_day = detect.FoundDate(15, 6, 2023, text="15/6/2023")
    same_day = detect.FoundDate(15, 1, 2025, text="15/01/2025")
    found, origin, _ = resolve_date(_extracted(lead=lead, body_dates=[other_day, same_day]), none)
    assert found.front_matter() == "2025-01-15" and "15/01/2025" in origin  # type: ignore[union-attr]
    found, _, advice = resolve_date(_extracted(lead=lead, body_dates=[other_day]), DateContext(name_years=(2024,)))
    assert found is None and any("--year" in a for a in advice) and any("2024" in a for a in advice)
    assert resolve_date(_extracted(lead=lead), DateContext(folder_year=(2024, "2024")))[0].front_matter() == "2024-01-15"  # type: ignore[union-attr]
    assert resolve_date(_extracted(lead=lead), DateContext(year_option=2025))[0].front_matter() == "2025-01-15"  # type: ignore[union-attr]
    name_date = detect.date_from_name("2025-02-01-tin")
    assert resolve_date(_extracted(), DateContext(name_date=name_date))[0].front_matter() == "2025-02-01"  # type: ignore[union-attr]
    updated = (detect.FoundDate(16, 1, 2025, 8, 5, text="x"), True, "Cập nhật: 16/01/2025 08:05")
    found, origin, _ = resolve_date(_extracted(header_dates=[updated]), none)
    assert found.front_matter() == "2025-01-16 08:05" and "cập nhật" in origin  # type: ignore[union-attr]
    assert resolve_date(_extracted(), none)[0] is None


# -- one file end to end --------------------------------------------------------------


def _options(tmp_path: Path, **overrides: object) -> ImportOptions:
    docs = tmp_path / "content"
    values: dict[str, object] = {
        "category": "thoi-su", "categories": CATEGORIES, "out_dir": docs / "tin-tuc", "docs_dir": docs,
    }
    values.update(overrides)
    return ImportOptions(**values)  # type: ignore[arg-type]


def _front(path: Path) -> dict:
    front, problems = parse_front_matter(path.read_text(encoding="utf-8"), str(path))
    assert front is not None, problems
    return front.data


def test_import_one_plain_text_with_furniture(tmp_path: Path) -> None:
    options = _options(tmp_path, year=2025)
    result = import_one(FIXTURES / "txt" / "don-doan-cham-pa-sac.txt", options, SlugIndex(), NAMES)
    assert result.status == "imported", result
    target = tmp_path / "content/tin-tuc/2025/minh-giang-tiep-doan-dai-bieu-tinh-cham-pa-sac-sang-chuc-tet-co-truyen.md"
    assert result.target == target and target.is_file()
    data = _front(target)
    assert data["title"] == "Minh Giang tiếp đoàn đại biểu tỉnh Chăm-pa-sắc sang chúc Tết cổ truyền"
    assert data["date"] == "2025-01-15" and data["category"] == "thoi-su"
    assert data["summary"].startswith("Chiều 15/01, tại Nhà khách UBND tỉnh")
    assert data["author"] == "Quang Minh, Ban Tuyên giáo Tỉnh ủy"
    assert "draft" not in data
    text = target.read_text(encoding="utf-8")
    for furniture in ("Banner", "Tin cùng chuyên mục", "Hội chợ thương mại biên giới năm 2025"):
        assert furniture not in text
    assert "*Chủ tịch UBND tỉnh Trần Quốc Khánh phát biểu tại buổi tiếp. Ảnh: Mai Hoa*" in text
    article, problems = read_article(target.read_bytes(), "tin-tuc/2025/" + target.name, categories=CATEGORIES)
    assert article is not None and not problems
    assert any("--year 2025" in line for line in result.found)


def test_missing_date_is_left_empty_flagged_and_drafted(tmp_path: Path) -> None:
    result = import_one(FIXTURES / "txt" / "hoi-nghi-khong-ngay.txt", _options(tmp_path), SlugIndex(), NAMES)
    assert result.status == "incomplete"
    assert result.target is not None and result.target.parent.name == "chua-co-ngay"
    text = result.target.read_text(encoding="utf-8")
    assert "# TODO(nhập liệu): chưa tìm thấy ngày đăng" in text
    data = _front(result.target)
    assert data["date"] is None and data["draft"] is True
    assert data["author"] == "Nguyễn Cường"
    assert "23.10.2024" not in text  # the dates of the related list are furniture, not this article's
    _, problems = read_article(result.target.read_bytes(), "tin-tuc/chua-co-ngay/" + result.target.name, categories=CATEGORIES)
    assert [(p.field, p.code) for p in problems] == [("date", "empty_field")]


def test_nothing_is_overwritten_and_reimport_is_skipped(tmp_path: Path) -> None:
    source = FIXTURES / "txt" / "tap-huan-mot-dong.txt"
    existing = tmp_path / "content/tin-tuc/2023/nang-cao-ky-nang-thong-tin-doi-ngoai-cho-can-bo-co-so.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\ntitle: Bài cũ\n---\nGiữ nguyên.\n", encoding="utf-8")
    options = _options(tmp_path)
    slugs = SlugIndex.scan([options.out_dir])
    first = import_one(source, options, slugs, NAMES)
    assert first.status == "imported"
    assert first.target is not None and first.target.name == "nang-cao-ky-nang-thong-tin-doi-ngoai-cho-can-bo-co-so-2.md"
    assert existing.read_text(encoding="utf-8") == "---\ntitle: Bài cũ\n---\nGiữ nguyên.\n"
    assert any("-2" in note for note in first.notes)
    # A second run (a fresh index, as a new command would build) recognises its own file.
    again = import_one(source, options, SlugIndex.scan([options.out_dir]), NAMES)
    assert again.status == "skipped" and again.target is None
    assert len(list(options.out_dir.rglob("*.md"))) == 2


def test_slug_conflict_can_be_refused(tmp_path: Path) -> None:
    options = _options(tmp_path, on_conflict="skip")
    declared = options.out_dir / "2020" / "bai-khac.md"
    declared.parent.mkdir(parents=True)
    declared.write_text("---\ntitle: Khác\nslug: Nâng cao kỹ năng thông tin đối ngoại cho cán bộ cơ sở\n---\n", encoding="utf-8")
    result = import_one(FIXTURES / "txt" / "tap-huan-mot-dong.txt", options, SlugIndex.scan([options.out_dir]), NAMES)
    assert result.status == "conflict" and result.target is None
    assert list(options.out_dir.rglob("*.md")) == [declared]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    result = import_one(FIXTURES / "txt" / "nguon-va-tu-khoa.txt", _options(tmp_path, dry_run=True), SlugIndex(), NAMES)
    assert result.status == "imported" and result.text.startswith("---\n")
    assert not (tmp_path / "content").exists()
    assert 'source:\n  name: "Báo Minh Giang"\n  url: "https://baominhgiang.example.vn/' in result.text
    assert 'tags: ["Hàn Quốc", "hợp tác giáo dục", "Gyeongsangbuk"]' in result.text
    assert "*Lễ ký bản ghi nhớ hợp tác giáo dục. Ảnh: Thanh Tùng*" in result.text
    for furniture in ("Thời gian đọc", "Đăng ký nhận bản tin", "Trang chủ >"):
        assert furniture not in result.text


def test_refused_file_writes_nothing(tmp_path: Path) -> None:
    result = import_one(FIXTURES / "legacy" / "tuan-van-hoa-vni.txt", _options(tmp_path), SlugIndex(), NAMES)
    assert result.status == "refused" and "VNI" in result.problems[0]
    assert not (tmp_path / "content").exists()


# -- what is written into YAML ----------------------------------------------------------

HOSTILE_VALUES = [
    "a\nfeatured: true",
    "b\rfeatured: true\r\n---\n...",
    "c # không phải chú thích",
    "d: e: f",
    "\"kép\" và 'đơn' \\ gạch chéo",
    "- [không phải danh sách] {không phải} &neo *bí-danh !!python/object",
    "NEL\x85 LS\u2028 PS\u2029 BOM\ufeff C1\x9f DEL\x7f tab\t",
    "yes",
    "2025-01-15",
    "",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_every_value_reads_back_as_written(value: str) -> None:
    text = f"---\ntitle: {yaml_string(value)}\n---\n"
    assert "\n" not in yaml_string(value) and "\r" not in yaml_string(value)
    front, problems = parse_front_matter(text, "x.md")
    assert front is not None, problems
    assert front.data == {"title": value}


def test_the_article_file_has_only_the_fields_the_importer_meant() -> None:
    extracted = Extracted(
        title=HOSTILE_VALUES[0], summary=HOSTILE_VALUES[1], author=HOSTILE_VALUES[3], source_name=HOSTILE_VALUES[4],
        source_url="https://x.example/?a=1#b\nfeatured: true", image=HOSTILE_VALUES[5], image_caption=HOSTILE_VALUES[6],
        tags=["x, y", "]", "z\nfeatured: true"], body="Nội dung.\n\n---\n\nsau đường kẻ",
    )
    comments = ["Nhập từ tệp cũ: a\nfeatured: true\n#.txt (UTF-8, sha256:0123456789ab)", "TODO\r\n---\n"]
    text = render_article(extracted, category="thoi-su", date="2025-01-15 16:17", draft=True, comments=comments)
    front, problems = parse_front_matter(text, "x.md")
    assert front is not None, problems
    assert list(front.data) == ["title", "date", "category", "summary", "author", "source", "image", "image_caption", "tags", "draft"]
    assert front.data["title"] == extracted.title and front.data["summary"] == extracted.summary
    assert front.data["source"] == {"name": extracted.source_name, "url": extracted.source_url}
    assert front.data["tags"] == extracted.tags and front.data["date"] == "2025-01-15 16:17"
    assert front.body.strip() == extracted.body
    assert "# Nhập từ tệp cũ: a\\nfeatured: true\\n#.txt (UTF-8, sha256:0123456789ab)\n" in text
    # A category slug that is not plain (it comes from mkdocs.yml) is quoted too.
    odd = render_article(extracted, category="a: b\nfeatured: true", date="", draft=False, comments=[])
    front, problems = parse_front_matter(odd, "x.md")
    assert front is not None and front.data["category"] == "a: b\nfeatured: true" and "featured" not in front.data


def test_comments_and_report_lines_stay_on_one_line() -> None:
    assert yaml_comment("a\nb\rc\x85d\u2028e\u2029f\x00g\x1bh") == "# a\\nb\\rc\\u0085d\\u2028e\\u2029f\\u0000g\\u001bh"
    assert one_line("x\u202egpj.exe") == "x\\u202egpj.exe"  # a bidi override cannot reorder what is read
    assert one_line("tệp\udcff.txt") == "tệp\\udcff.txt"  # a name that is not UTF-8 can still be written
    assert one_line("Tiếng Việt: \"có dấu\" # --- 😀") == "Tiếng Việt: \"có dấu\" # --- 😀"
    line = render_file(FileResult(source=Path("xuat/a\nfeatured: true.txt"), status="refused"))
    assert line == "[từ chối] xuat/a\\nfeatured: true.txt"


# -- size limit ------------------------------------------------------------------


def test_sizes_are_written_as_vietnamese_read_them() -> None:
    assert [megabytes(n) for n in (5 * MEGABYTE, 6 * MEGABYTE + MEGABYTE // 4, 10 * MEGABYTE)] == ["5", "6,2", "10"]
    assert megabytes(6 * MEGABYTE + 1, round_up=True) == "6,1"  # above 6 MB, never shown as 6


def test_the_importer_uses_the_text_limit_of_the_build() -> None:
    for name in ("a.txt", "a.html", "a.htm"):
        assert text_limit() == limit_for(name) == int(DEFAULT_MAX_TEXT_MB * MEGABYTE)
        assert text_limit(7.5) == limit_for(name, max_text_mb=7.5)


def test_a_file_above_the_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "xuat" / "ca-co-so-du-lieu.txt"
    source.parent.mkdir()
    with source.open("wb") as handle:
        handle.truncate(6 * MEGABYTE)  # sparse: 6 MB on paper, nothing on disk

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened before its size was checked")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    result = import_one(source, _options(tmp_path), SlugIndex(), NAMES)
    monkeypatch.undo()
    assert result.status == "refused" and result.target is None
    [problem] = result.problems
    assert problem.startswith("tệp 'ca-co-so-du-lieu.txt' nặng 6 MB, quá giới hạn 5 MB của một tệp văn bản")
    assert "--max-text-mb 6" in problem and "max_text_mb" in problem
    assert not (tmp_path / "content").exists()


def test_the_limit_follows_the_option(tmp_path: Path) -> None:
    source = FIXTURES / "txt" / "tap-huan-mot-dong.txt"
    size = source.stat().st_size
    tight = import_one(source, _options(tmp_path, max_text_mb=(size - 1) / MEGABYTE), SlugIndex(), NAMES)
    assert tight.status == "refused" and "quá giới hạn" in tight.problems[0] and "--max-text-mb 1" in tight.problems[0]
    exact = import_one(source, _options(tmp_path, max_text_mb=size / MEGABYTE, dry_run=True), SlugIndex(), NAMES)
    assert exact.status == "imported", exact


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "ong.txt"
    os.mkfifo(pipe)
    result = import_one(pipe, _options(tmp_path), SlugIndex(), NAMES)  # would block forever if opened
    assert result.status == "failed" and "không phải tệp thường" in result.problems[0]
