"""`build.py new` and `build.py check`, run as an editor runs them."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import yaml
from conftest import REPO, Site, article_text
from portal.model.entities import Category
from portal.reading.articles import KNOWN_FIELDS, read_article


def run(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    config = site.write_config()
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), *args],
        capture_output=True, text=True, cwd=site.root, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PORTAL_NOW": "2025-03-10 09:30"},
    )


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


# -- new ---------------------------------------------------------------------


def test_new_creates_a_complete_draft_at_the_documented_place(site: Site) -> None:
    result = run(site, "new", "Đoàn công tác Lào: thăm và làm việc #1", "--category", "hoat-dong-doi-ngoai")
    assert result.returncode == 0, result.stderr
    path = site.root / result.stdout.splitlines()[0]
    assert path == site.content / "tin-tuc/2025/doan-cong-tac-lao-tham-va-lam-viec-1.md"
    data = front_matter(path)
    assert set(KNOWN_FIELDS) - {"slug"} <= set(data)  # every field present, the slug is the file name
    assert data["title"] == "Đoàn công tác Lào: thăm và làm việc #1"
    assert str(data["date"]).startswith("2025-03-10 09:30")
    assert data["category"] == "hoat-dong-doi-ngoai" and data["draft"] is True
    categories = {c["slug"]: Category(c["slug"], c["name"]) for c in site.categories}
    article, problems = read_article(path.read_bytes(), "tin-tuc/2025/x.md", categories=categories)
    assert article is not None and not [p for p in problems if p.severity == "error"], problems
    assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8"))


def test_new_refuses_a_taken_slug_and_suggests_another(site: Site) -> None:
    site.write("tin-tuc/2024/cu.md", article_text(title="Tin cũ", slug="hoi-nghi-doi-ngoai"))
    before = (site.content / "tin-tuc/2024/cu.md").read_bytes()
    result = run(site, "new", "Hội nghị đối ngoại", "--category", "thoi-su")
    assert result.returncode == 1
    assert "hoi-nghi-doi-ngoai" in result.stdout and "--slug hoi-nghi-doi-ngoai-2" in result.stdout
    assert (site.content / "tin-tuc/2024/cu.md").read_bytes() == before
    assert not (site.content / "tin-tuc/2025/hoi-nghi-doi-ngoai.md").exists()
    assert run(site, "new", "Hội nghị đối ngoại", "--category", "thoi-su", "--slug", "hoi-nghi-doi-ngoai-2").returncode == 0


def test_new_rejects_an_unknown_category_listing_the_known_ones(site: Site) -> None:
    result = run(site, "new", "Tin thể thao", "--category", "the-thao")
    assert result.returncode == 1
    assert "the-thao" in result.stdout
    for category in site.categories:
        assert category["slug"] in result.stdout and category["name"] in result.stdout
    assert not (site.content / "tin-tuc").exists()


def test_new_with_a_date_schedules_and_publish_is_not_a_draft(site: Site) -> None:
    result = run(site, "new", "Tin hẹn giờ", "-c", "thoi-su", "--date", "2025-04-01 07:00", "--publish")
    assert result.returncode == 0, result.stderr
    data = front_matter(site.content / "tin-tuc/2025/tin-hen-gio.md")
    assert data["draft"] is False and str(data["date"]).startswith("2025-04-01 07:00")


# -- check -------------------------------------------------------------------


def test_check_passes_clean_content_and_lists_counts(site: Site) -> None:
    site.article("mot", title="Một", date="2025-01-01 08:00")
    site.article("hai", title="Hai", date="2025-01-02 08:00", draft=True)
    result = run(site, "check")
    assert result.returncode == 0, result.stdout
    assert "0 lỗi, 0 cảnh báo" in result.stdout and "1 đang đăng" in result.stdout and "1 bản nháp" in result.stdout


def test_check_reports_every_error_at_once_without_building(site: Site) -> None:
    site.article("tot", title="Tốt")
    site.write("tin-tuc/2025/sai-ngay.md", "---\ntitle: X\ndate: 15/01/2025\ncategory: thoi-su\n---\nx\n")
    site.write("tin-tuc/2025/sai-muc.md", "---\ntitle: X\ndate: 2025-01-01\ncategory: the-thao\n---\nx\n")
    site.write("tin-tuc/2025/lien-quan.md", article_text(related=["khong-co"]))
    result = run(site, "check")
    assert result.returncode == 1
    out = result.stdout
    assert "content/tin-tuc/2025/sai-ngay.md:3: 'date'" in out
    assert "content/tin-tuc/2025/sai-muc.md:4: 'category'" in out
    assert "khong-co" in out and "3 lỗi" in out
    assert not site.out.exists()  # nothing was built


def test_check_warnings_and_strict(site: Site) -> None:
    site.write("anh/co.jpg", b"jpg")
    body = "Ảnh có: ![a](/anh/co.jpg)\n\nẢnh thiếu:\n\n![b](/anh/khong-co.jpg)\n\n```\n![code](/khong/tinh.jpg)\n```\n"
    site.write("tin-tuc/2025/anh.md", article_text(title="Ảnh", body=body))
    site.write("tin-tuc/2025/sapo.md", article_text(title="Sapo", summary="Câu dài. " * 50))
    site.write("tin-tuc/2025/hen-gio.md", article_text(title="Hẹn giờ", date="2025-03-11 08:00"))
    site.write("tin-tuc/2025/het-han.md", article_text(title="Hết hạn", date="2025-01-01", expires="2025-02-01"))
    nfd = unicodedata.normalize("NFD", article_text(title="Tổ hợp", body="Đối ngoại tỉnh."))
    site.write("tin-tuc/2025/to-hop.md", nfd.encode("utf-8"))

    result = run(site, "check")
    assert result.returncode == 0, result.stdout
    out = result.stdout
    lines = out.splitlines()
    # the missing body image, at its line in the file (line 10: 3 fields between two fences, then 4 lines)
    assert any("content/tin-tuc/2025/anh.md:10" in line and "/anh/khong-co.jpg" in line for line in lines), out
    assert "/anh/co.jpg" not in out and "/khong/tinh.jpg" not in out
    assert any("sapo.md" in line and "'summary'" in line and "449" in line for line in lines), out
    assert any("hen-gio.md" in line and "08:00 11/03/2025" in line for line in lines), out
    assert any("het-han.md" in line and "00:00 01/02/2025" in line for line in lines), out
    assert any("to-hop.md:2" in line and "NFC" in line for line in lines), out
    assert "1 hẹn giờ, 1 hết hạn" in out

    assert run(site, "check", "--strict").returncode == 1


def test_check_fix_rewrites_decomposed_text_to_nfc_and_nothing_else(site: Site) -> None:
    text = article_text(title="Tổ hợp", body="Đối ngoại tỉnh.\r\nDòng hai.").replace("\n", "\r\n")
    path = site.write("tin-tuc/2025/to-hop.md", unicodedata.normalize("NFD", text).encode("utf-8"))
    clean = site.write("tin-tuc/2025/sach.md", article_text(title="Sạch"))
    clean_before = clean.read_bytes()
    result = run(site, "check", "--fix")
    assert result.returncode == 0, result.stdout
    assert "Đã chuyển sang Unicode NFC: content/tin-tuc/2025/to-hop.md" in result.stdout
    assert "NFC" not in result.stdout.split("Đã chuyển")[-1].split("\n", 1)[1]  # no warning left
    assert path.read_bytes() == unicodedata.normalize("NFC", text).encode("utf-8")  # CRLF kept
    assert clean.read_bytes() == clean_before


def test_check_bad_configuration_is_a_usage_error(site: Site) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "-f", str(site.root / "khong-co.yml"), "check"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2 and "khong-co.yml" in result.stderr
