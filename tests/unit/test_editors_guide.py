"""The editors' guide (docs/huong-dan-bien-tap.md) keeps up with the code.

Editors fix their articles from this guide, so a message, a field or a
command added to the code without being documented here fails the suite; so
do a quoted message that no longer matches the catalogue, a table-of-contents
link that leads nowhere, and an example the build would refuse.
"""

from __future__ import annotations

import re
import string
import sys
import unicodedata
from pathlib import Path

import pytest
from portal.messages import MESSAGES
from portal.model.entities import Category
from portal.reading.articles import KNOWN_FIELDS, REQUIRED_FIELDS, read_article

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "huong-dan-bien-tap.md"
FENCED_BLOCK = re.compile(r"^```[^\n]*\n.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_bytes().decode("utf-8")


def prose(text: str) -> str:
    """The guide without its code blocks (whose '#' lines are not headings)."""
    return FENCED_BLOCK.sub("", text)


def quoted_lines(text: str) -> list[str]:
    """The messages the guide quotes: block-quote lines, without the '> ' and the hard-break '\\'."""
    return [line[2:].rstrip().removesuffix("\\").rstrip() for line in text.splitlines() if line.startswith("> ")]


def template_pattern(template: str) -> re.Pattern[str]:
    """A catalogue template as a regex: its fixed words exact (``{{`` read as ``{``), each ``{field}`` any text."""
    pattern = ""
    for literal, field_name, _, _ in string.Formatter().parse(template):
        pattern += re.escape(literal) + (".+?" if field_name is not None else "")
    return re.compile(pattern)


def github_anchor(heading: str) -> str:
    """The id GitHub (and GitLab, for headings without runs of hyphens) gives a heading."""
    text = re.sub(r"`|\*\*|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def headings(text: str) -> list[str]:
    return [match.group(2) for match in re.finditer(r"^(#{1,6}) +(.+?) *#*$", prose(text), re.MULTILINE)]


def table_rows(text: str) -> list[list[str]]:
    rows = []
    for line in prose(text).splitlines():
        if line.startswith("|") and not re.fullmatch(r"[|\s:-]+", line):
            rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


CATEGORIES = {
    slug: Category(slug=slug, name=slug)
    for slug in ("thoi-su", "hoat-dong-doi-ngoai", "hop-tac-quoc-te", "dau-tu-thuong-mai", "van-hoa-du-lich")
}


def validate(front_matter: str, body: str = "Nội dung bài viết.") -> list[str]:
    """Problems the build finds in an article with this front matter (rendered, for the assertion message)."""
    raw = f"---\n{front_matter}\n---\n{body}\n".encode()
    _, problems = read_article(raw, "tin-tuc/2025/vi-du.md", categories=CATEGORIES)
    return [problem.render() for problem in problems]


# --- the file itself --------------------------------------------------------------------------


def test_guide_is_utf8_nfc_without_bom(guide: str) -> None:
    assert not guide.startswith("\ufeff")
    assert unicodedata.is_normalized("NFC", guide)
    assert "\r" not in guide
    assert "Hướng dẫn biên tập" in guide.splitlines()[0]


def test_guide_lives_outside_the_content_folder() -> None:
    match = re.search(r"^docs_dir:\s*(\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    docs_dir = (REPO / (match.group(1) if match else "docs")).resolve()
    assert docs_dir != GUIDE.parent.resolve() and docs_dir not in GUIDE.resolve().parents


# --- the message catalogue --------------------------------------------------------------------


def catalogue_codes() -> list[str]:
    return list(MESSAGES["vi"])


@pytest.mark.parametrize("code", catalogue_codes())
def test_every_message_code_is_documented(guide: str, code: str) -> None:
    assert f"`{code}`" in guide, f"document the message '{code}' (portal/messages.py) in {GUIDE.name}"


@pytest.mark.parametrize("code", [code for code in catalogue_codes() if code != "report_header"])
def test_every_message_is_quoted_as_the_editors_see_it(guide: str, code: str) -> None:
    what, fix = MESSAGES["vi"][code]
    lines = quoted_lines(guide)
    what_pattern = template_pattern(what)
    matches = [number for number, line in enumerate(lines) if what_pattern.search(line) and not line.startswith("→")]
    assert matches, f"quote the message '{code}' as printed: '> {what}' (fill in an example)"
    if fix:
        fix_pattern = template_pattern(fix)
        assert any(
            number + 1 < len(lines) and lines[number + 1].startswith("→ ") and fix_pattern.search(lines[number + 1])
            for number in matches
        ), f"follow the quoted '{code}' message with its fix line: '> → {fix}'"


def test_report_header_is_shown(guide: str) -> None:
    assert template_pattern(MESSAGES["vi"]["report_header"][0]).search(guide)


def test_each_message_entry_says_whether_it_stops_the_build(guide: str) -> None:
    sections = re.split(r"^#### ", prose(guide), flags=re.MULTILINE)[1:]
    codes = {code for code in catalogue_codes() if code != "report_header"}
    seen = set()
    for section in sections:
        title = section.splitlines()[0]
        found = re.findall(r"\(`(\w+)`\)$", title)
        assert found, f"an error entry's heading ends with its code: {title!r}"
        seen.add(found[0])
        assert "**Mức:**" in section, f"say whether '{found[0]}' is an error or a warning"
    assert codes <= seen, f"give these messages their own entry: {sorted(codes - seen)}"


def test_template_pattern_fails_on_changed_wording() -> None:
    pattern = template_pattern("không đọc được ngày giờ '{value}'.")
    assert pattern.search("'date': không đọc được ngày giờ '15/01/2025'.")
    assert not pattern.search("'date': sai ngày giờ '15/01/2025'.")
    assert template_pattern("nhóm source: {{name, url}}; xóa").search("nhóm source: {name, url}; xóa")


# --- fields -----------------------------------------------------------------------------------


def field_rows(guide: str) -> dict[str, list[str]]:
    return {row[0].strip("`"): row for row in table_rows(guide) if re.fullmatch(r"`\w+`", row[0]) and len(row) == 4}


def test_every_field_has_a_row_in_the_fields_table(guide: str) -> None:
    rows = field_rows(guide)
    missing = [name for name in KNOWN_FIELDS if name not in rows]
    assert not missing, f"add a row to the fields table for {missing}"
    assert not set(rows) - set(KNOWN_FIELDS), "the table lists fields the build does not know"
    for name in REQUIRED_FIELDS:
        assert rows[name][1] == "có", f"'{name}' is required"
    for name in set(KNOWN_FIELDS) - set(REQUIRED_FIELDS):
        assert rows[name][1] == "không", f"'{name}' is optional"


@pytest.mark.parametrize("name", KNOWN_FIELDS)
def test_every_field_example_is_accepted_by_the_build(guide: str, name: str) -> None:
    examples = re.findall(r"`([^`]+)`", field_rows(guide)[name][3])
    assert examples, f"give an example for '{name}'"
    base = {"title": '"Tiêu đề"', "date": "2025-01-15 16:17", "category": "thoi-su"}
    for example in examples:
        assert example.startswith(f"{name}: "), example
        fields = {**base, name: example.split(": ", 1)[1]}
        front = "\n".join(f"{key}: {value}" for key, value in fields.items())
        assert validate(front) == [], f"the example '{example}' is refused"


def test_field_example_check_can_fail() -> None:
    assert validate('title: "Tiêu đề"\ndate: 15/01/2025\ncategory: thoi-su')
    assert validate('title: "Tiêu đề"\ndate: 2025-01-15\ncategory: thoi-su\nfeatured: có')


def test_complete_article_examples_are_valid(guide: str) -> None:
    blocks = re.findall(r"^```markdown\n(---\n.*?)^```", guide, re.MULTILINE | re.DOTALL)
    complete = [
        block for block in blocks
        if block.count("---\n") >= 2 and all(f"\n{name}:" in block for name in REQUIRED_FIELDS)
    ]
    assert len(complete) >= 2, "show a complete minimal article"
    for block in complete:
        _, front, body = block.split("---\n", 2)
        assert validate(front.strip("\n"), body) == [], block


# --- commands and links -----------------------------------------------------------------------


def build_py_commands() -> set[str]:
    sys.path.insert(0, str(REPO))
    try:
        import build
    finally:
        sys.path.remove(str(REPO))
    return set(build.COMMANDS)


def test_guide_covers_every_build_py_command(guide: str) -> None:
    used = set(re.findall(r"python build\.py (\w+)", guide))
    commands = build_py_commands()
    assert used <= commands, f"the guide uses commands build.py does not have: {sorted(used - commands)}"
    assert commands <= used, f"document these build.py commands: {sorted(commands - used)}"
    for needed in ("check --fix", "--strict", "http://127.0.0.1:8000/", "--category"):
        assert needed in guide


def test_table_of_contents_links_lead_to_headings(guide: str) -> None:
    anchors = [github_anchor(heading) for heading in headings(guide)]
    assert len(anchors) == len(set(anchors)), "two headings would get the same link"
    links = re.findall(r"\]\(#([^)]+)\)", prose(guide))
    assert len(links) > 20
    for link in links:
        assert link in anchors, f"link #{link} leads to no heading"
        assert "--" not in link, f"#{link}: GitLab merges runs of hyphens, so the link would differ there"
    toc = prose(guide).split("## Mục lục", 1)[1].split("\n## ", 1)[0]
    for heading in headings(guide):
        if re.match(r"\d+\. ", heading):
            assert f"(#{github_anchor(heading)})" in toc, f"put '{heading}' in the table of contents"


def test_github_anchor_matches_githubs_rule() -> None:
    assert github_anchor("1. Những điều cần biết trước") == "1-những-điều-cần-biết-trước"
    assert github_anchor("Không đọc được ngày giờ (`bad_date`)") == "không-đọc-được-ngày-giờ-bad_date"
    assert github_anchor("Cách 1: dùng lệnh new") == "cách-1-dùng-lệnh-new"
