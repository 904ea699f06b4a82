"""Bad content: every problem reported at once, with file and line or field; the old site kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, Site, article_text


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def good_site(site: Site) -> dict[str, bytes]:
    site.article("tin-tot", title="Tin tốt", date="2025-01-01 08:00")
    site.article("ban-nhap", title="Bản nháp", date="2025-01-02 08:00", draft=True)
    site.build()
    return snapshot(site.out)


def test_every_problem_is_reported_and_the_previous_site_survives(site: Site) -> None:
    before = good_site(site)
    site.write("tin-tuc/2025/yaml-hong.md", '---\ntitle: "Thiếu ngoặc\ndate: 2025-01-01\ncategory: thoi-su\n---\nx\n')
    site.write("tin-tuc/2025/thieu-tieu-de.md", "---\ndate: 2025-01-01\ncategory: thoi-su\n---\nx\n")
    site.write("tin-tuc/2025/sai-ngay.md", "---\ntitle: Sai ngày\ndate: 15/01/2025\ncategory: thoi-su\n---\nx\n")
    site.write("tin-tuc/2025/sai-chuyen-muc.md", "---\ntitle: X\ndate: 2025-01-01\ncategory: the-thao\n---\nx\n")
    site.write(
        "tin-tuc/2025/lien-quan-hong.md",
        "---\ntitle: X\ndate: 2025-01-01\ncategory: thoi-su\nrelated: [khong-ton-tai, ban-nhap, sai-ngay]\n---\nx\n",
    )
    site.write("tin-tuc/2024/tin-tot.md", article_text(title="Trùng slug"))
    site.write("tin-tuc/2025/khong-front-matter.md", "Chỉ có nội dung.\n")

    result = site.run_build_py()
    assert result.returncode == 1
    out = result.stderr
    expected = [
        ("content/tin-tuc/2025/yaml-hong.md:2", "YAML"),
        ("content/tin-tuc/2025/thieu-tieu-de.md", "'title'"),
        ("content/tin-tuc/2025/sai-ngay.md:3", "'date'"),
        ("content/tin-tuc/2025/sai-chuyen-muc.md:4", "'category'"),
        ("content/tin-tuc/2025/lien-quan-hong.md:5", "khong-ton-tai"),
        ("content/tin-tuc/2025/lien-quan-hong.md:5", "ban-nhap"),
        ("content/tin-tuc/2025/tin-tot.md", "tin-tuc/2024/tin-tot.md"),
        ("content/tin-tuc/2025/khong-front-matter.md:1", "front matter"),
    ]
    lines = out.splitlines()
    for where, what in expected:
        assert any(where in line and what in line for line in lines), (where, what, out)
    assert "15/01/2025" in out and "2025-01-15 16:17" in out  # the fix shows the right form
    assert "thoi-su" in out  # unknown category lists the known ones
    assert "7 lỗi" in out or "8 lỗi" in out
    assert "Traceback" not in out
    assert "'sai-ngay' không tồn tại" not in out  # that file's own error is enough
    assert snapshot(site.out) == before
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".site")] == []


def test_plain_mkdocs_build_does_not_empty_the_site_on_content_errors(site: Site) -> None:
    before = good_site(site)
    site.write("tin-tuc/2025/sai.md", "---\ntitle: X\ndate: hôm qua\ncategory: thoi-su\n---\nx\n")
    config = site.write_config()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True, text=True, cwd=site.root
    )
    assert result.returncode == 1
    assert "content/tin-tuc/2025/sai.md:3: 'date'" in result.stderr
    assert snapshot(site.out) == before


def test_warnings_fail_the_strict_build_only(site: Site) -> None:
    site.article("tin", title="Tin", sumary="lỗi chính tả ở tên trường")
    result = site.run_build_py()
    assert result.returncode == 1
    assert "content/tin-tuc/2025/tin.md:5: 'sumary'" in result.stderr and "summary" in result.stderr
    result = site.run_build_py("--no-strict")
    assert result.returncode == 0, result.stderr
    assert (site.out / "tin-tuc" / "tin" / "index.html").is_file()


def test_bad_category_declaration_is_reported(site: Site) -> None:
    site.categories = [{"slug": "Thời sự", "name": "Thời sự"}, {"slug": "a", "name": "A"}, {"slug": "a", "name": "B"}]
    site.article("tin", category="a")
    result = site.run_build_py()
    assert result.returncode == 1
    assert "thoi-su" in result.stderr  # suggested slug
    assert "hai lần" in result.stderr


def test_missing_category_option_is_a_config_error(site: Site) -> None:
    site.categories = [{"slug": "thoi-su"}]
    site.article("tin")
    result = site.run_build_py()
    assert result.returncode == 1
    assert "name" in result.stderr


def test_build_script_help_runs() -> None:
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout and "serve" in result.stdout
