"""`build.py import` as operators run it: real project, real files, then a real build of what it wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from portal.model.entities import Category
from portal.reading.articles import read_article
from portal.reading.frontmatter import parse_front_matter
from portal.reading.limits import MEGABYTE

import build as build_script

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "import"


def _run(config: Path, *args: str) -> int:
    return build_script.main(["-f", str(config), "import", *args])


def _articles(site) -> list[Path]:  # type: ignore[no-untyped-def]
    return sorted((site.content / "tin-tuc").rglob("*.md"))


def _categories(site) -> dict[str, Category]:  # type: ignore[no-untyped-def]
    return {c["slug"]: Category(c["slug"], c["name"]) for c in site.categories}


def test_import_then_complete_then_build(site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    config = site.write_config()
    report = tmp_path / "bao-cao" / "nhap.txt"
    inputs = [str(FIXTURES / "txt"), str(FIXTURES / "html")]
    code = _run(config, *inputs, "--category", "hop-tac-quoc-te", "--year", "2025", "--report", str(report))
    out = capsys.readouterr().out
    # One file has no date anywhere: it is written as a flagged draft, so the run is not clean.
    assert code == 1
    assert "Tổng kết: 6 tệp — 5 đã nhập, 1 cần bổ sung" in out
    assert out.startswith(report.read_text(encoding="utf-8")) and f"Đã ghi báo cáo vào {report}" in out

    written = _articles(site)
    assert len(written) == 6
    categories = _categories(site)
    for path in written:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        src_uri = path.relative_to(site.content).as_posix()
        article, problems = read_article(raw, src_uri, categories=categories)
        if "TODO(nhập liệu): chưa tìm thấy ngày đăng" in text:
            assert article is None and [(p.field, p.code) for p in problems] == [("date", "empty_field")]
            assert "\ndraft: true\n" in text and path.parent.name == "chua-co-ngay"
        else:
            assert article is not None, problems
            assert problems == [], [p.render() for p in problems]
            assert path.parent.name == str(article.date.year)

    # The editor completes the undated article as its TODO says, then builds.
    undated = next(p for p in written if p.parent.name == "chua-co-ngay")
    text = undated.read_text(encoding="utf-8").replace("\ndate:\n", "\ndate: 2024-12-20\n").replace("draft: true\n", "")
    undated.write_text(text, encoding="utf-8")
    site.build()

    page = site.html("tin-tuc/doan-cong-tac-tinh-minh-giang-lam-viec-tai-gyeongsangbuk/")
    assert page.h1.get_text(strip=True) == "Đoàn công tác tỉnh Minh Giang làm việc tại Gyeongsangbuk"
    article_text = page.find("article").get_text(" ", strip=True)
    assert "Từ ngày 10 đến 12/3, đoàn công tác" in article_text  # the sapo
    assert "Phương Thảo" in article_text  # the byline
    assert "(thứ ba từ trái) tại buổi làm việc. Ảnh: Thanh Tùng" in article_text  # the lead photo's caption
    body = page.select_one(".portal-article__body") or page.find("article")
    body_text = body.get_text(" ", strip=True)
    assert body.find("img", src="https://minhgiang.example.gov.vn/uploads/2025/03/gyeongsangbuk-2.jpg") is not None
    captions = [em.get_text() for em in body.find_all("em") if em.parent.name == "p" and em.parent.get_text() == em.get_text()]
    assert captions == ["Đoàn thăm trang trại dâu tây ứng dụng công nghệ cao. Ảnh: Thanh Tùng"]
    assert body.find("h2").get_text(strip=True) == "Mở rộng hợp tác giáo dục" and len(body.find_all("li")) == 3
    assert page.find("meta", property="article:published_time")["content"].startswith("2025-03-12T09:30:00+07:00")
    # The old page's furniture is not in the article (the portal adds its own tools and lists around it).
    for furniture in ("Lượt xem", "Đọc nhiều", "Tin liên quan", "Minh Giang đón đoàn doanh nghiệp Nhật Bản", "Giấy phép số", "Banner"):
        assert furniture not in article_text
    assert "Thời gian đọc" not in body_text and "Chia sẻ" not in body_text and "In bài" not in body_text

    page = site.html("tin-tuc/minh-giang-va-tinh-gyeongsangbuk-ky-ket-ban-ghi-nho-hop-tac-giao-duc/")
    source = page.find("a", href="https://baominhgiang.example.vn/minh-giang-va-gyeongsangbuk-ky-ket-hop-tac-giao-duc.html")
    assert source is not None and "Báo Minh Giang" in source.get_text()
    page = site.html("tin-tuc/khai-mac-hoi-cho-thuong-mai-cua-khau-nam-khe-lan-thu-nhat/")
    assert page.find("meta", property="article:published_time")["content"].startswith("2024-07-13")


def test_running_the_same_import_twice_adds_nothing(site, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    config = site.write_config()
    inputs = [str(FIXTURES / "txt" / "tap-huan-mot-dong.txt"), str(FIXTURES / "html" / "lam-viec-voi-gyeongsangbuk.html")]
    assert _run(config, *inputs, "--category", "thoi-su") == 0
    first = {p: p.read_bytes() for p in _articles(site)}
    assert len(first) == 2
    capsys.readouterr()
    assert _run(config, *inputs, "--category", "thoi-su") == 0
    assert "0 đã nhập, 0 cần bổ sung, 2 đã nhập từ trước" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in _articles(site)} == first


def test_refused_encodings_and_converted_windows_1258(site, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    config = site.write_config()
    code = _run(config, str(FIXTURES / "legacy"), "--category", "thoi-su", "--base-url", "https://old.minhgiang.example.vn/")
    out = capsys.readouterr().out
    assert code == 1
    assert "4 từ chối" in out and "1 đã nhập" in out
    assert "TCVN3 (ABC)" in out and "VNI Windows" in out and "UniKey" in out
    [article] = _articles(site)
    text = article.read_text(encoding="utf-8")
    assert 'title: "Đại sứ Pháp thăm và làm việc tại tỉnh Minh Giang"' in text
    assert "date: 2024-10-23 16:17" in text and "(Windows-1258, sha256:" in text
    # --base-url keeps the old site's photo: it is the lead photo, with its caption.
    assert 'image: "https://old.minhgiang.example.vn/Uploads/2024/10/dai-su-phap.jpg"' in text
    assert 'image_caption: "Chủ tịch UBND tỉnh tặng quà lưu niệm Đại sứ. Ảnh: Đức Anh"' in text
    assert text.encode("utf-8").decode("utf-8") == text and "\r" not in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--category", "the-thao"],
            "chuyên mục 'the-thao' chưa được khai báo. Dùng một trong: thoi-su, hoat-dong-doi-ngoai, hop-tac-quoc-te",
        ),
        (["--category", "thoi-su", "--year", "24"], "--year phải là năm bốn chữ số"),
        (["--category", "thoi-su", "--base-url", "old.example.vn"], "--base-url phải là địa chỉ đầy đủ"),
        (["--category", "thoi-su", "--max-text-mb", "0"], "--max-text-mb phải là số MB lớn hơn 0"),
        (["--category", "thoi-su", "--max-text-mb", "nan"], "--max-text-mb phải là số MB lớn hơn 0"),
        (["--category", "thoi-su", "--max-text-mb", "năm"], "--max-text-mb phải là số MB lớn hơn 0"),
    ],
)
def test_usage_errors_exit_2(site, capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:  # type: ignore[no-untyped-def]
    config = site.write_config()
    assert _run(config, str(FIXTURES / "txt"), *args) == 2
    assert expected in capsys.readouterr().err
    assert _articles(site) == []


def test_missing_input_exits_2(site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert _run(site.write_config(), str(tmp_path / "khong-co"), "--category", "thoi-su") == 2
    assert "không tìm thấy" in capsys.readouterr().err


def test_cli_dry_run_and_out_folder(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = site.write_config()
    source = str(FIXTURES / "txt" / "2024" / "hoi-cho-cua-khau-nam-khe.txt")
    command = [sys.executable, str(REPO / "build.py"), "-f", str(config), "import", source, "--category", "thoi-su"]
    dry = subprocess.run([*command, "--dry-run"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert dry.returncode == 0, dry.stderr
    assert "sẽ ghi" in dry.stdout and 'title: "Khai mạc Hội chợ thương mại cửa khẩu Nậm Khê lần thứ nhất"' in dry.stdout
    assert "date: 2024-07-13" in dry.stdout and "không ghi tệp nào" in dry.stdout
    assert _articles(site) == []
    out = tmp_path / "xem-truoc"
    real = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert real.returncode == 0, real.stdout + real.stderr
    written = [p.relative_to(out).as_posix() for p in out.rglob("*.md")]
    assert written == ["2024/khai-mac-hoi-cho-thuong-mai-cua-khau-nam-khe-lan-thu-nhat.md"]
    assert _articles(site) == []


# File names an old CMS export (or someone hostile) may hold: each would have
# added a field, or closed the front matter, in the "# Nhập từ tệp cũ" comment.
HOSTILE_NAMES = [
    "a\nfeatured: true\n.txt",
    "b\rfeatured: true\r.txt",
    "c\r\nfeatured: true\r\n.txt",
    "d # featured: true.txt",
    "e: featured: true.txt",
    'f "kép" \'đơn\' featured: true.txt',
    "g\n---\nfeatured: true\n---\n.txt",
    "h\n...\nfeatured: true\n.txt",
    "i\u2028featured: true\u2029\x85.txt",
    "j\u202eexe.txt",
    "k\nfeatured: true\n#.txt",  # parsed cleanly by the old importer: a published, featured injection
]


def _legacy_article(number: int) -> str:
    return (
        f"Tỉnh Minh Giang đón đoàn công tác số {number}\n\n"
        f"Ngày 15/01/2025 16:{number:02d}\n\n"
        f"Sáng 15/1, lãnh đạo tỉnh tiếp đoàn công tác số {number} của tỉnh bạn tại trụ sở UBND tỉnh.\n\n"
        "Hai bên trao đổi về hợp tác thương mại, du lịch và giáo dục trong thời gian tới.\n\n"
        "Quang Minh\n"
    )


def test_hostile_file_names_cannot_inject_front_matter(site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    config = site.write_config()
    export = tmp_path / "xuat"
    export.mkdir()
    for number, name in enumerate(HOSTILE_NAMES, start=1):
        (export / name).write_text(_legacy_article(number), encoding="utf-8")
    code = _run(config, str(export), "--category", "thoi-su")
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"Tổng kết: {len(HOSTILE_NAMES)} tệp — {len(HOSTILE_NAMES)} đã nhập" in out
    # The report keeps one line per file: no line of it starts with a forged field.
    assert not [line for line in out.splitlines() if line.lstrip().startswith(("featured", "---", "..."))]
    assert "\u202e" not in out and "\x85" not in out and "\u2028" not in out

    written = _articles(site)
    assert len(written) == len(HOSTILE_NAMES)
    categories = _categories(site)
    comments = []
    for path in written:
        text = path.read_text(encoding="utf-8")
        front, problems = parse_front_matter(text, path.name)
        assert front is not None, problems
        assert set(front.data) == {"title", "date", "category", "summary", "author"}, (path, front.data)
        assert "featured" not in front.data and front.data["category"] == "thoi-su"
        assert front.data["title"].startswith("Tỉnh Minh Giang đón đoàn công tác số ")
        assert front.body.lstrip().startswith("Hai bên trao đổi")
        article, problems = read_article(path.read_bytes(), path.relative_to(site.content).as_posix(), categories=categories)
        assert article is not None and not article.featured and problems == [], problems
        comments += [line for line in text.splitlines() if line.startswith("# Nhập từ tệp cũ: ")]
    # Each name is in its comment, escaped onto one line.
    assert len(comments) == len(HOSTILE_NAMES)
    assert any("a\\nfeatured: true\\n.txt (UTF-8" in line for line in comments), comments
    assert any("c\\r\\nfeatured: true\\r\\n.txt" in line for line in comments)
    assert any("g\\n---\\nfeatured: true\\n---\\n.txt" in line for line in comments)
    assert any("j\\u202eexe.txt" in line for line in comments)
    assert any("f \"kép\" 'đơn' featured: true.txt" in line for line in comments)

    # The editor's check accepts every article as written.
    assert build_script.main(["-f", str(config), "check"]) == 0, capsys.readouterr().out
    assert f"{len(HOSTILE_NAMES)} đang đăng" in capsys.readouterr().out
    # Importing the same folder again recognises every file by the checksum in its comment.
    assert _run(config, str(export), "--category", "thoi-su") == 0
    assert f"{len(HOSTILE_NAMES)} đã nhập từ trước" in capsys.readouterr().out
    assert len(_articles(site)) == len(HOSTILE_NAMES)


def test_a_source_above_the_text_limit_is_refused_unread(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = site.write_config()
    export = tmp_path / "xuat"
    export.mkdir()
    huge = export / "ca-co-so-du-lieu.txt"
    paragraph = _legacy_article(1).encode("utf-8")
    huge.write_bytes(paragraph * (6 * MEGABYTE // len(paragraph) + 1))  # a little over 6 MB of real text
    assert 6 * MEGABYTE < huge.stat().st_size < 6.1 * MEGABYTE
    command = [sys.executable, str(REPO / "build.py"), "-f", str(config), "import", str(export), "--category", "thoi-su"]
    refused = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stdout + refused.stderr
    assert "[từ chối] xuat/ca-co-so-du-lieu.txt" in refused.stdout
    assert "tệp 'ca-co-so-du-lieu.txt' nặng 6,1 MB, quá giới hạn 5 MB của một tệp văn bản" in refused.stdout, refused.stdout
    assert "--max-text-mb 7" in refused.stdout and "max_text_mb" in refused.stdout
    assert "1 từ chối" in refused.stdout
    assert _articles(site) == [] and not (site.content / "tin-tuc").exists()

    # As the message says: a higher limit lets it through (the file is read, and found to be one article).
    allowed = subprocess.run([*command, "--max-text-mb", "7", "--dry-run"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert "Traceback" not in allowed.stdout + allowed.stderr
    assert "quá giới hạn" not in allowed.stdout and "0 từ chối" in allowed.stdout, allowed.stdout
