"""Reading one article file: dates, slugs, front matter and every field rule."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest
from portal.model.entities import Category
from portal.reading.articles import read_article
from portal.reading.dates import VIETNAM, parse_date, portal_zone
from portal.reading.slugs import is_valid_slug, make_slug

CATS = {"thoi-su": Category("thoi-su", "Thời sự"), "doi-ngoai": Category("doi-ngoai", "Đối ngoại")}
PLUS7 = timezone(timedelta(hours=7))


def read(text: str | bytes, src_uri: str = "tin-tuc/2025/bai-viet.md", **kwargs):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_article(raw, src_uri, categories=CATS, **kwargs)


# -- dates ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-15 16:17", datetime(2025, 1, 15, 16, 17, tzinfo=PLUS7)),
        ("2025-01-15", datetime(2025, 1, 15, 0, 0, tzinfo=PLUS7)),
        ("2025-01-15T16:17:30", datetime(2025, 1, 15, 16, 17, 30, tzinfo=PLUS7)),
        ("2025-01-15T09:17:00Z", datetime(2025, 1, 15, 16, 17, tzinfo=PLUS7)),
        ("2025-01-15T16:17:00+07:00", datetime(2025, 1, 15, 16, 17, tzinfo=PLUS7)),
        ("2025-01-15T11:17:00+02:00", datetime(2025, 1, 15, 16, 17, tzinfo=PLUS7)),
    ],
)
def test_dates_without_offset_are_vietnam_time(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=7)


def test_vietnam_offset_is_seven_hours() -> None:
    assert parse_date("2025-07-01 08:00").utcoffset() == timedelta(hours=7)
    assert VIETNAM.utcoffset(None) == timedelta(hours=7)


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("1900-01-01 00:00", datetime(1900, 1, 1)),
        ("1905-06-01 08:00", datetime(1905, 6, 1, 8)),  # Asia/Ho_Chi_Minh: +07:06:30
        ("1950-03-01 10:00", datetime(1950, 3, 1, 10)),  # Asia/Ho_Chi_Minh: +08:00
        ("1975-04-30 11:30", datetime(1975, 4, 30, 11, 30)),
        ("1905-06-01T01:00:00Z", datetime(1905, 6, 1, 8)),
    ],
)
def test_historical_dates_are_fixed_utc_plus_7(text: str, wall: datetime) -> None:
    """Not the IANA zone's history: the offset the pages print, valid in every feed and sitemap format."""
    parsed = parse_date(text)
    assert parsed.utcoffset() == timedelta(hours=7) and parsed.replace(tzinfo=None) == wall
    assert parsed.strftime("%z") == "+0700" and parsed.isoformat().endswith("+07:00")


@pytest.mark.parametrize(
    ("name", "offset"),
    [("Asia/Ho_Chi_Minh", 7 * 60), ("Asia/Saigon", 7 * 60), ("+07:00", 7 * 60), ("UTC+7", 7 * 60), ("GMT+7", 7 * 60),
     ("-05:30", -330), ("UTC", 0)],
)
def test_portal_zone_fixed_offsets(name: str, offset: int) -> None:
    zone = portal_zone(name)
    for moment in (datetime(1905, 6, 1), datetime(1950, 3, 1), datetime(2025, 7, 1)):
        assert zone.utcoffset(moment) == timedelta(minutes=offset)
    assert portal_zone("Asia/Ho_Chi_Minh") is VIETNAM


def test_other_iana_zones_keep_their_rules_with_whole_minute_offsets() -> None:
    """Monrovia was -00:44:30 until 1972: rounded, so RFC 822 / RFC 3339 / W3C dates stay valid."""
    zone = portal_zone("Africa/Monrovia")
    old = parse_date("1950-01-15 10:00", zone)
    assert old.utcoffset() == timedelta(minutes=-44) and old.isoformat() == "1950-01-15T10:00:00-00:44"
    assert old.strftime("%z") == "-0044"
    assert parse_date("1950-01-15T10:44:00Z", zone) == old and parse_date("1950-01-15T10:44:00Z", zone).hour == 10
    assert parse_date("1975-01-15 10:00", zone).utcoffset() == timedelta(0)
    zone = portal_zone("Europe/Paris")
    summer, winter = parse_date("2025-07-01 10:00", zone), parse_date("2025-01-15 10:00", zone)
    assert summer.utcoffset() == timedelta(hours=2) and winter.utcoffset() == timedelta(hours=1)
    # The repeated hour when clocks go back: both instants keep their own offset.
    first = parse_date("2025-10-26T00:30:00Z", zone)
    second = parse_date("2025-10-26T01:30:00Z", zone)
    assert (first.hour, second.hour) == (2, 2) and first.isoformat() != second.isoformat()
    assert pickle.loads(pickle.dumps(zone)).utcoffset(datetime(2025, 7, 1)) == timedelta(hours=2)


@pytest.mark.parametrize("bad", ["Mars/Olympus", "", "+15:00", "../etc/passwd", "Asia/Ho Chi Minh"])
def test_unknown_zones_are_refused(bad: str) -> None:
    with pytest.raises((ValueError, KeyError)):
        portal_zone(bad)


def test_the_timezone_option_gives_the_fixed_zone_or_a_vietnamese_error() -> None:
    from mkdocs.config.base import ValidationError
    from portal.mkdocs_plugins.content.config import TimeZone

    option = TimeZone(default="Asia/Ho_Chi_Minh")
    assert option.validate("Asia/Ho_Chi_Minh") is VIETNAM and option.validate("+07:00") is VIETNAM
    with pytest.raises(ValidationError) as refused:
        option.validate("Asia/Ha_Noi")
    assert str(refused.value).startswith("'Asia/Ha_Noi' không phải múi giờ: ghi tên múi giờ IANA")
    assert "→ Với giờ Việt Nam (GMT+7)" in str(refused.value)


@pytest.mark.parametrize("bad", ["15/01/2025", "2025-13-01", "hôm nay", "2025-01-15 25:00", "", 2025, None])
def test_bad_dates_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_date(bad)


# -- slugs ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đối ngoại", "doi-ngoai"),
        ("Đường Đồng Khởi", "duong-dong-khoi"),
        ("Nghệ An – Hợp tác quốc tế", "nghe-an-hop-tac-quoc-te"),
        ("Tỉnh Minh Giang đón “ĐSQ” Lào!", "tinh-minh-giang-don-dsq-lao"),
        ("Nghe\u0302\u0323 An", "nghe-an"),  # NFD input slugs like NFC
    ],
)
def test_vietnamese_slugs(text: str, slug: str) -> None:
    assert make_slug(text) == slug
    assert is_valid_slug(slug)


def test_invalid_slugs() -> None:
    assert not is_valid_slug("Đối-ngoại")
    assert not is_valid_slug("doi--ngoai")
    assert not is_valid_slug("doi ngoai")


# -- one article ----------------------------------------------------------------

FULL = """---
title: "Tỉnh Minh Giang đón đoàn đại biểu Lào"
date: 2025-01-15 16:17
category: doi-ngoai
summary: "Sapo của bài."
author: "Quang Minh, Ban Tuyên giáo Tỉnh ủy"
source: {name: "Báo Nhân Dân", url: "https://nhandan.vn/bai"}
image: /anh/a.jpg
image_caption: "Chú thích. Ảnh: Mai Hoa"
tags: [Lào, hợp tác]
related: [bai-khac]
featured: true
---
Nội dung.
"""


def test_full_article_is_read() -> None:
    article, problems = read(FULL, image_exists=lambda p: p == "anh/a.jpg")
    assert problems == []
    assert article is not None
    assert article.slug == "bai-viet"
    assert article.title == "Tỉnh Minh Giang đón đoàn đại biểu Lào"
    assert article.date == datetime(2025, 1, 15, 16, 17, tzinfo=PLUS7)
    assert article.source is not None and article.source.url == "https://nhandan.vn/bai"
    assert article.image == "anh/a.jpg"
    assert article.tags == ("Lào", "hợp tác")
    assert article.related_slugs == ("bai-khac",)
    assert article.featured and not article.draft
    assert article.body.strip() == "Nội dung."


def test_slug_comes_from_field_or_file_name() -> None:
    article, _ = read(FULL.replace("featured: true", "slug: Đối ngoại Lào"))
    assert article is not None and article.slug == "doi-ngoai-lao"
    article, _ = read(FULL, src_uri="tin-tuc/Đón đoàn Lào.md")
    assert article is not None and article.slug == "don-doan-lao"


def test_nfd_text_is_normalised_and_bom_crlf_accepted() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", FULL).replace("\n", "\r\n")
    article, problems = read(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert [p.code for p in problems if p.severity == "error"] == []
    assert article is not None and article.title == unicodedata.normalize("NFC", "Tỉnh Minh Giang đón đoàn đại biểu Lào")


def test_image_is_relative_to_article_without_leading_slash() -> None:
    article, problems = read(FULL.replace("image: /anh/a.jpg", "image: ../anh/b.jpg"), image_exists=lambda p: True)
    assert article is not None and article.image == "tin-tuc/anh/b.jpg"


def codes(problems) -> list[tuple[str, str | None, int | None]]:
    return [(p.code, p.field, p.line) for p in problems]


def test_broken_yaml_reports_the_line() -> None:
    text = '---\ntitle: "Không đóng ngoặc\ndate: 2025-01-15\ncategory: thoi-su\n---\nx\n'
    article, problems = read(text)
    assert article is None
    assert problems[0].code == "yaml_error" and problems[0].line is not None and problems[0].line >= 2
    assert "tin-tuc/2025/bai-viet.md:" in problems[0].render()


def test_yaml_error_line_points_into_the_file() -> None:
    text = "---\ntitle: Tiêu đề\ndate: 2025-01-15\ncategory: [thoi-su\n---\nx\n"
    _, problems = read(text)
    assert problems[0].code == "yaml_error"
    assert problems[0].line in (4, 5)


def test_missing_front_matter_and_unclosed_block() -> None:
    assert codes(read("Chỉ có nội dung.\n")[1]) == [("no_front_matter", None, 1)]
    assert codes(read("---\ntitle: x\n\nNội dung\n")[1]) == [("unclosed_front_matter", None, 1)]


def test_all_problems_of_a_file_are_reported_together() -> None:
    text = "---\ntitle: \ndate: 15/01/2025\ncategory: the-thao\ndraft: có\ntags: {a: 1}\n---\nx\n"
    article, problems = read(text)
    assert article is None
    found = codes(problems)
    assert ("empty_field", "title", 2) in found
    assert ("bad_date", "date", 3) in found
    assert ("unknown_category", "category", 4) in found
    assert ("wrong_type", "draft", 5) in found
    assert ("wrong_type", "tags", 6) in found
    message = next(p for p in problems if p.code == "unknown_category").render()
    assert "the-thao" in message and "thoi-su" in message and "doi-ngoai" in message


def test_missing_required_fields() -> None:
    _, problems = read("---\nsummary: x\n---\nx\n")
    assert {(p.code, p.field) for p in problems} >= {
        ("missing_field", "title"),
        ("missing_field", "date"),
        ("missing_field", "category"),
    }


def test_duplicate_keys_are_an_error() -> None:
    _, problems = read("---\ntitle: a\ntitle: b\ndate: 2025-01-01\ncategory: thoi-su\n---\nx\n")
    assert problems[0].code == "yaml_error" and "title" in problems[0].render()


def test_unknown_field_is_a_warning_with_suggestion() -> None:
    article, problems = read(FULL.replace("featured: true", "sumary: x"))
    assert article is not None
    (warning,) = problems
    assert warning.severity == "warning" and warning.field == "sumary" and "summary" in warning.render()


def test_missing_image_is_a_warning_and_escaping_path_an_error() -> None:
    _, problems = read(FULL, image_exists=lambda p: False)
    assert [(p.code, p.severity) for p in problems] == [("image_missing", "warning")]
    article, problems = read(FULL.replace("/anh/a.jpg", "../../../etc/passwd"))
    assert article is None and problems[0].code == "image_missing"


def test_source_as_plain_name_and_bad_url() -> None:
    article, _ = read(FULL.replace('{name: "Báo Nhân Dân", url: "https://nhandan.vn/bai"}', '"Thông tấn xã Việt Nam"'))
    assert article is not None and article.source is not None
    assert article.source.name == "Thông tấn xã Việt Nam" and article.source.url is None
    _, problems = read(FULL.replace("https://nhandan.vn/bai", "javascript:alert(1)"))
    assert ("bad_url", "source") in {(p.code, p.field) for p in problems}


def test_not_utf8_is_reported() -> None:
    article, problems = read(b"---\ntitle: \xd0\xe0 N\xe3ng\n---\n")  # Windows-1258 bytes
    assert article is None and problems[0].code == "not_utf8"


DEEP_TEXTS = [
    pytest.param("tags: " + "[" * 2_000 + "]" * 2_000, 4, id="flow-2000"),  # libyaml >= 0.2.5 stops at 1,000 in English
    pytest.param("tags: " + "{a: " * 20 + "}" * 20, 4, id="flow-mappings"),
    pytest.param(
        "source:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 30)) + "  " * 30 + "x: 1", 14, id="block-indent"
    ),
    pytest.param("tags:\n" + "- " * 30 + "x", 5, id="dashes-on-one-line"),
    pytest.param("tags:\n- [\n" + "  [" * 20 + "\n" + "]" * 21, 6, id="flow-over-lines"),
]


@pytest.mark.parametrize(("front", "line"), DEEP_TEXTS)
def test_deep_nesting_is_counted_before_any_yaml_library_sees_it(front: str, line: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The message and its line come from our own count, whatever PyYAML / libyaml would say."""
    import yaml

    def no_yaml(*args: object, **kwargs: object) -> None:
        raise AssertionError("YAML was parsed before the nesting was counted")

    monkeypatch.setattr(yaml, "load", no_yaml)
    monkeypatch.setattr(yaml, "parse", no_yaml)
    _, problems = read(f"---\ntitle: Sâu\ndate: 2025-01-15\n{front}\n---\nx\n")
    assert [(p.code, p.line) for p in problems] == [("yaml_too_deep", line)]
    message = problems[0].render()
    assert "lồng nhau quá sâu" in message and "10 tầng" in message and "bai-viet.md:" in message
    assert not any(english in message for english in ("exceeded", "nesting", "maximum"))


@pytest.mark.parametrize(
    "front",
    [
        "tags: [a, [b, [c]]]\nsource: {name: Báo, url: 'https://x.vn/[[[[[[[[[[[['}",
        "title: 'Dấu [[[[[[[[[[[[[ trong tiêu đề'\nsummary: Ngoặc [[[[[[[[[[[[[[ giữa câu",
        "summary: |\n  [[[[[[[[[[[[[[[[[[\n  {{{{{{{{{{{{{{{{{{\ntags: [a, # [[[[[[[[[[[[[[\n  b]",
        'tags: ["[[[[[[[[[[[[[", "\\"[[[[[[[[[[[[["]',
        "source:\n  name: Báo\n  url: https://x.vn/a",
    ],
)
def test_shallow_front_matter_with_brackets_in_text_is_not_too_deep(front: str) -> None:
    _, problems = read(f"---\ntitle: Nông\ndate: 2025-01-15\ncategory: thoi-su\n{front}\n---\nx\n")
    assert "yaml_too_deep" not in [p.code for p in problems]


def test_depth_limit_is_exact_for_flow_lists() -> None:
    from portal.reading.frontmatter import MAX_DEPTH, nesting_too_deep

    # the front matter mapping is one level; a value holds MAX_DEPTH - 1 more
    assert nesting_too_deep("tags: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)) is None
    assert nesting_too_deep("tags: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH) == 1
