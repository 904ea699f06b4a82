"""Hostile tags and article bodies, built for real: the page stays clean and the editor is told where.

Tags that give no topic (``!!!``, an emoji) are left out with a warning; one
tag written several ways gives one link. Invisible control and bidi
characters in the body are removed from the page, with a warning naming the
file, the line and the character.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import urljoin

import feedparser
from conftest import REPO, Site, article_text


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def resolve(page_url: str, href: str) -> str:
    return urljoin("https://x/" + page_url, href).removeprefix("https://x/")


def run_check(site: Site) -> subprocess.CompletedProcess[str]:
    config = site.write_config()
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), "check"],
        capture_output=True, text=True, cwd=site.root, timeout=300,
    )


def file_line(path, needle: str) -> int:
    """The 1-based line of the file holding ``needle`` (split on newlines only, as editors count)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


# --- tags ---------------------------------------------------------------------------------------

EMPTY_TAGS = ["!!!", "🎉", "-"]


def test_one_link_per_topic_and_tags_without_a_topic_are_reported(site: Site) -> None:
    path = site.article(
        "lao",
        title="Đón đoàn Chăm-pa-sắc",
        tags=["Lào", "lào", " LÀO ", "!!!", "hợp tác", "🎉", "Hợp Tác", "-"],
    )
    result = site.run_build_py("--no-strict")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr

    url = "tin-tuc/lao/"
    page = site.html(url)
    links = page.select(".portal-article .portal-tag")
    assert [text(link) for link in links] == ["Lào", "hợp tác"]
    assert all(link.name == "a" for link in links)
    assert [resolve(url, link["href"]) for link in links] == ["chu-de/lao/", "chu-de/hop-tac/"]
    assert [meta["content"] for meta in page.select('meta[property="article:tag"]')] == ["Lào", "hợp tác"]
    ld = next(json.loads(s.string) for s in page.select('script[type="application/ld+json"]') if "keywords" in s.string)
    assert ld["keywords"] == ["Lào", "hợp tác"]

    topic = site.html("chu-de/lao/")
    assert [text(a) for a in topic.select(".portal-item__title a")] == ["Đón đoàn Chăm-pa-sắc"]

    line = file_line(path, "tags:")
    for tag in EMPTY_TAGS:
        assert f"content/tin-tuc/2025/lao.md:{line}: 'tags': chủ đề '{tag}' không có chữ cái hay chữ số nào" in result.stderr
    assert result.stderr.count("không có chữ cái hay chữ số") == len(EMPTY_TAGS)
    assert "Viết chủ đề bằng chữ" in result.stderr


def test_a_tag_without_a_topic_fails_the_strict_build(site: Site) -> None:
    site.article("vui", tags=["🎉"])
    result = site.run_build_py()
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "content/tin-tuc/2025/vui.md:" in result.stderr and "chủ đề '🎉'" in result.stderr


# --- control characters in the body ---------------------------------------------------------------

# Each line of the body holds one kind of invisible character, between visible words.
HIDDEN = {
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\x07": "U+0007",
    "\x1b": "U+001B",
    "\x0b": "U+000B",
    "\x0c": "U+000C",
    "\x85": "U+0085",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\x7f": "U+007F",
}
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def hostile_body() -> str:
    lines = ["Đoạn mở đầu bình thường.", ""]
    for number, char in enumerate(HIDDEN, start=1):
        lines += [f"Dòng{number} có{char}ký tự ẩn{char}giữa chữ.", ""]
    lines += ["| cột | giá trị |", "| --- | --- |", "| a\u202e | b\x1f |", "", "```", "mã\x08 trong khối", "```"]
    return "\n".join(lines)


def test_control_characters_leave_the_page_and_each_line_is_reported(site: Site) -> None:
    path = site.write("tin-tuc/2025/an.md", article_text(title="Bài có ký tự ẩn", body=hostile_body()))
    result = site.run_build_py("--no-strict")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr

    html = (site.out / "tin-tuc" / "an" / "index.html").read_text(encoding="utf-8")
    assert not FORBIDDEN.search(html), repr(FORBIDDEN.search(html))
    page = site.html("tin-tuc/an/")
    body_text = text(page.select_one(".md-content"))
    for number in range(1, len(HIDDEN) + 1):
        assert f"Dòng{number} cóký tự ẩngiữa chữ." in body_text
    assert "mã trong khối" in body_text

    for number, name in enumerate(HIDDEN.values(), start=1):
        line = file_line(path, f"Dòng{number} có")
        assert f"content/tin-tuc/2025/an.md:{line}: nội dung bài có ký tự ẩn {name}" in result.stderr, name
    assert f"an.md:{file_line(path, '| a')}: nội dung bài có ký tự ẩn U+202E" in result.stderr
    assert f"an.md:{file_line(path, 'mã')}: nội dung bài có ký tự ẩn U+0008" in result.stderr
    assert result.stderr.count("nội dung bài có ký tự ẩn") == len(HIDDEN) + 2  # one per line
    assert "gõ lại đoạn chữ trên dòng đó" in result.stderr

    feed = feedparser.parse((site.out / "rss.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    for item in feed.entries:
        assert not FORBIDDEN.search(json.dumps(item, ensure_ascii=False, default=str))


def test_check_shows_the_body_warnings_with_their_lines(site: Site) -> None:
    path = site.write("tin-tuc/2025/an.md", article_text(title="Bài có ký tự ẩn", body="Mở đầu.\n\nChữ\u202eđảo.\n"))
    result = run_check(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    line = file_line(path, "Chữ")
    assert f"content/tin-tuc/2025/an.md:{line}: nội dung bài có ký tự ẩn U+202E RIGHT-TO-LEFT OVERRIDE ở ký tự thứ 4" in result.stdout
    assert "1 cảnh báo" in result.stdout


def test_a_clean_body_gives_no_warning(site: Site) -> None:
    site.article("sach", body="Tab\tvà dòng mới bình thường.\n\nTiếng Việt có dấu: Đối ngoại.")
    result = site.run_build_py()
    assert result.returncode == 0, result.stderr
    assert "ký tự ẩn" not in result.stderr
