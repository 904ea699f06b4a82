"""Hostile files and folders: nothing outside content/ is published, no build destroys a file.

Each case runs the real ``build.py build`` on a small portal in a temporary
folder and checks the answer an operator or editor gets (exit code, a
Vietnamese message naming the file and the fix, no traceback) and that nothing
was lost or leaked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, Site
from portal.writing.output_folder import MANIFEST

SECRET = "CONG_TEST_SECRET_9f3b"


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr


@contextmanager
def tmpfs(path: Path, size: str = "64m") -> Iterator[Path]:
    """A real mount point (tmpfs) at ``path``: CI runs as root, as the issue's servers do."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, text=True)
    assert mounted.returncode == 0, f"these tests mount a tmpfs and need root: {mounted.stderr}"
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


# --- the output folder --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "what"),
    [
        ("content", "thư mục bài viết"),
        (".", "thư mục dự án"),
        ("..", "thư mục dự án"),
        ("content/ra", "nằm trong thư mục bài viết"),
        ("content/tin-tuc/2025", "nằm trong thư mục bài viết"),
        (".git", "kho git"),
        (".git/site", "nằm trong kho git"),
        ("theme", "thư mục giao diện"),
        ("theme/assets", "nằm trong thư mục giao diện"),
        (".cache/cong", "bộ nhớ đệm"),
    ],
)
def test_output_folder_that_is_or_holds_the_sources_is_refused(tmp_path: Path, target: str, what: str) -> None:
    site = Site(root=tmp_path / "du-an")
    site.article("bai-mot", title="Bài một")
    (site.root / ".git").mkdir()
    (site.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (site.root / "theme" / "assets").mkdir(parents=True)
    (site.root / "theme" / "main.html").write_text('{% extends "base.html" %}\n')
    (site.root / ".cache" / "cong").mkdir(parents=True)
    site.extra_config = {"theme": {"name": "material", "custom_dir": "theme", "language": "vi", "font": False}}
    site.write_config()
    before = site.tree(site.root)
    result = site.run_build_py("-d", target)
    err = assert_clean_failure(result, 2)
    assert what in err and "Chọn" in err, err
    assert site.tree(site.root) == before, "nothing of the project may be touched"


def test_default_output_folder_with_files_of_someone_else_is_kept(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    site.out.mkdir()
    (site.out / "bao-cao-rieng.pdf").write_bytes(b"%PDF-1.4 not ours")
    err = assert_clean_failure(site.run_build_py(), 2)
    assert "không phải do Cổng tạo ra" in err and "--adopt" in err
    assert (site.out / "bao-cao-rieng.pdf").read_bytes() == b"%PDF-1.4 not ours"


def test_adopting_an_old_output_folder_once_then_it_is_ours(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    site.out.mkdir()
    (site.out / "index.html").write_text("<p>trang cũ</p>")
    result = site.run_build_py("--adopt")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((site.out / MANIFEST).read_text(encoding="utf-8"))
    assert "index.html" in manifest["files"] and "tin-tuc/bai-mot/index.html" in manifest["files"]
    # The adopted folder, not a site of ours, is removed, not kept for the next build to build over.
    assert not (site.root / ".site-spare").exists()
    for _ in range(2):
        assert site.run_build_py().returncode == 0  # from now on no --adopt is needed
    assert (site.root / ".site-spare" / MANIFEST).is_file()  # the sites it replaces since are kept


def test_a_file_added_to_the_output_after_a_build_is_never_deleted(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    assert site.run_build_py().returncode == 0
    (site.out / ".well-known").mkdir()
    (site.out / ".well-known" / "xac-minh.txt").write_text("google-site-verification")
    err = assert_clean_failure(site.run_build_py(), 2)
    assert ".well-known/xac-minh.txt" in err and "content/" in err
    assert (site.out / ".well-known" / "xac-minh.txt").read_text() == "google-site-verification"
    # The fix the message gives: publish it from content/.
    (site.out / ".well-known" / "xac-minh.txt").unlink()
    (site.out / ".well-known").rmdir()
    site.write("xac-minh.txt", "google-site-verification")
    assert site.run_build_py().returncode == 0
    assert (site.out / "xac-minh.txt").read_text() == "google-site-verification"


def test_output_folder_that_is_a_mount_point_is_replaced_inside(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    with tmpfs(site.out):
        first = site.run_build_py()
        assert first.returncode == 0, first.stderr
        assert os.path.ismount(site.out)
        assert (site.out / "tin-tuc" / "bai-mot" / "index.html").is_file()
        site.article("bai-hai", title="Bài hai")
        (site.content / "tin-tuc" / "2025" / "bai-mot.md").unlink()
        second = site.run_build_py()
        assert second.returncode == 0, second.stderr
        assert os.path.ismount(site.out), "the mount point itself is kept"
        assert (site.out / "tin-tuc" / "bai-hai" / "index.html").is_file()
        assert not (site.out / "tin-tuc" / "bai-mot").exists(), "a deleted article disappears"
        leftovers = [p.name for p in site.out.iterdir() if p.name.startswith(".cong-") and p.name != MANIFEST]
        assert leftovers == []
        manifest = json.loads((site.out / MANIFEST).read_text(encoding="utf-8"))["files"]
        present = [p.relative_to(site.out).as_posix() for p in site.out.rglob("*") if p.is_file() and p.name != MANIFEST]
        assert sorted(manifest) == sorted(present)


def test_disk_full_is_a_message_and_the_previous_site_is_kept(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    with tmpfs(site.out, size="4m"):
        assert site.run_build_py().returncode == 0
        before = site.tree(site.out)
        site.write("tai-lieu/lon.pdf", os.urandom(6 * 1024 * 1024))  # does not fit beside the old site
        err = assert_clean_failure(site.run_build_py())
        assert "đĩa đã đầy" in err and "Trang web cũ (nếu có) được giữ nguyên" in err
        assert site.tree(site.out) == before


def test_read_only_output_folder_is_a_message(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    with tmpfs(site.out):
        assert site.run_build_py().returncode == 0
        before = site.tree(site.out)
        subprocess.run(["mount", "-o", "remount,ro", str(site.out)], check=True)
        err = assert_clean_failure(site.run_build_py())
        assert "chỉ cho đọc" in err and "giữ nguyên" in err
        assert site.tree(site.out) == before


def test_output_folder_under_a_file_is_a_message(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    (site.root / "mot-tep").write_text("x")
    err = assert_clean_failure(site.run_build_py("-d", "mot-tep/site"))
    assert "giữ nguyên" in err


# --- symbolic links, special files, sizes ----------------------------------------------------


def test_links_out_of_content_folders_loops_and_fifos_are_refused_all_at_once(site: Site) -> None:
    site.article("bai-mot", title="Bài một", body="Xem ![ảnh](/anh/that.jpg)")
    site.write("anh/that.jpg", b"\xff\xd8\xff\xe0 jpeg")
    outside = site.root / "ngoai"
    outside.mkdir()
    (outside / "mat-khau.txt").write_text("bí mật")
    (site.content / "anh" / "moi-truong.txt").symlink_to("/proc/self/environ")
    (site.content / "anh" / "mat-khau.txt").symlink_to(outside / "mat-khau.txt")
    (site.content / "anh" / "thu-muc-ngoai").symlink_to(outside)
    (site.content / "anh" / "thu-muc-trong").symlink_to(site.content / "tin-tuc")
    (site.content / "anh" / "vong-a").symlink_to(site.content / "anh" / "vong-b")
    (site.content / "anh" / "vong-b").symlink_to(site.content / "anh" / "vong-a")
    (site.content / "vong-thu-muc").symlink_to(site.content)
    (site.content / "anh" / "hong.jpg").symlink_to(site.content / "anh" / "khong-co.jpg")
    (site.content / "tin-tuc" / "2025" / "ngoai.md").symlink_to(outside / "mat-khau.txt")
    os.mkfifo(site.content / "anh" / "ong-dan")
    os.environ[SECRET] = "lo-ra-la-hong"
    try:
        result = site.run_build_py(timeout=120)
    finally:
        del os.environ[SECRET]
    err = assert_clean_failure(result)
    expected = {
        "content/anh/moi-truong.txt": "trỏ ra ngoài thư mục nội dung",
        "content/anh/mat-khau.txt": "trỏ ra ngoài thư mục nội dung",
        "content/anh/thu-muc-ngoai": "trỏ ra ngoài thư mục nội dung",
        "content/anh/thu-muc-trong": "tới một thư mục",
        "content/anh/vong-a": "vòng lặp",
        "content/anh/vong-b": "vòng lặp",
        "content/vong-thu-muc": "tới một thư mục",
        "content/anh/hong.jpg": "vòng lặp hoặc trỏ tới tệp không tồn tại",
        "content/tin-tuc/2025/ngoai.md": "trỏ ra ngoài thư mục nội dung",
        "content/anh/ong-dan": "ống dẫn FIFO",
    }
    lines = err.splitlines()
    for path, what in expected.items():
        assert any(line.startswith(path + ":") and what in line for line in lines), (path, what, err)
    assert err.count("→ ") >= len(expected), "each problem comes with its fix"
    assert not site.out.exists(), "a failed first build publishes nothing"


def test_a_link_to_a_file_inside_content_is_published_as_a_copy(site: Site) -> None:
    site.article("bai-mot", title="Bài một", body="![ảnh](/anh/ban-sao.jpg)")
    site.write("anh/goc.jpg", b"\xff\xd8\xff\xe0 jpeg")
    (site.content / "anh" / "ban-sao.jpg").symlink_to("goc.jpg")
    result = site.run_build_py()
    assert result.returncode == 0, result.stderr
    published = site.out / "anh" / "ban-sao.jpg"
    assert published.is_file() and not published.is_symlink() and published.read_bytes() == b"\xff\xd8\xff\xe0 jpeg"
    assert SECRET not in "".join(p.read_text(errors="ignore") for p in site.out.rglob("*") if p.is_file())


def test_files_over_the_size_limits_are_refused(site: Site) -> None:
    site.plugin_options = {"content": {"max_text_mb": 1, "max_photo_mb": 2}}
    site.article("bai-mot", title="Bài một")
    site.write("tin-tuc/2025/dai.md", "---\ntitle: Dài\ndate: 2025-01-01\ncategory: thoi-su\n---\n" + "chữ " * 400_000)
    site.write("anh/lon.jpg", b"\xff\xd8" + b"0" * (3 * 1024 * 1024))
    site.write("anh/vua.jpg", b"\xff\xd8" + b"0" * (1024 * 1024))
    err = assert_clean_failure(site.run_build_py())
    assert any("content/tin-tuc/2025/dai.md:" in line and "quá giới hạn 1 MB cho tệp văn bản" in line for line in err.splitlines()), err
    assert any("content/anh/lon.jpg:" in line and "quá giới hạn 2 MB cho ảnh" in line for line in err.splitlines()), err
    assert "vua.jpg" not in err


# --- active files --------------------------------------------------------------------------


def test_html_and_script_files_are_refused_unless_allowed(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    site.write("anh/trang.html", "<script>alert(document.cookie)</script>")
    site.write("anh/ma.js", "alert(1)")
    site.write("anh/du-lieu.xml", '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>')
    err = assert_clean_failure(site.run_build_py())
    for name in ("anh/trang.html", "anh/ma.js", "anh/du-lieu.xml"):
        assert any(line.startswith(f"content/{name}:") and "có thể chạy mã" in line for line in err.splitlines()), (name, err)
    site.plugin_options = {"content": {"allow_active_files": ["anh/*.html"]}}
    (site.content / "anh" / "ma.js").unlink()
    (site.content / "anh" / "du-lieu.xml").unlink()
    result = site.run_build_py()
    assert result.returncode == 0, result.stderr
    assert (site.out / "anh" / "trang.html").is_file()


def test_svg_with_script_is_cleaned_and_reported(site: Site) -> None:
    site.article("bai-mot", title="Bài một", body="![sơ đồ](/anh/so-do.svg)")
    site.write(
        "anh/so-do.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">'
        '<script>alert(2)</script><rect width="10" height="10" fill="red"/></svg>',
    )
    site.write("anh/sach.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4" cx="5" cy="5"/></svg>')
    err = assert_clean_failure(site.run_build_py())  # strict: a cleaned file is a warning that stops the build
    assert any("content/anh/so-do.svg:" in line and "SVG" in line and "<script>" in line for line in err.splitlines()), err
    assert "sach.svg" not in err
    result = site.run_build_py("--no-strict")
    assert result.returncode == 0, result.stderr
    published = (site.out / "anh" / "so-do.svg").read_text(encoding="utf-8")
    assert "script" not in published and "onload" not in published and "<rect" in published
    for banner in ("banner.svg", "banner-small.svg", "logo.svg"):  # the theme's own drawings pass untouched
        assert (site.out / "assets" / "images" / banner).read_bytes() == (REPO / "theme" / "assets" / "images" / banner).read_bytes()


# --- collisions ---------------------------------------------------------------------------


def test_every_collision_with_a_generated_output_is_reported_at_once(site: Site) -> None:
    site.extra_plugins = ["portal/search"]
    site.article("bai-mot", title="Bài một", tags=["Lào"])
    site.write("tim-kiem.md", "# Trang của tôi\n")
    site.write("chuyen-muc/thoi-su/index.md", "# Chuyên mục viết tay\n")
    site.write("rss.xml.md", "x")  # not a collision: rss.xml.md publishes at rss.xml/
    site.write("atom.xml", "<feed/>")
    site.write("sitemap.xml", "<urlset/>")
    site.write("pagefind/pagefind.js", "alert(1)")
    site.write("chu-de/lao.md", "# Lào\n")
    site.write("ngay/2025/01/15.md", "# Ngày\n")
    site.write("ngay/2025/01/days.json", "[]")  # the date picker's data for January 2025
    site.write("robots.txt", "User-agent: *\nDisallow:\n")  # documented override: allowed
    site.plugin_options = {"content": {"allow_active_files": ["pagefind/*.js", "*.xml"]}}
    err = assert_clean_failure(site.run_build_py())
    expected = {
        "content/tim-kiem.md": "trang tìm kiếm",
        "content/chuyen-muc/thoi-su/index.md": "trang chuyên mục",
        "content/atom.xml": "RSS/Atom",
        "content/sitemap.xml": "sitemap",
        "content/pagefind/pagefind.js": "thư mục chỉ mục tìm kiếm",
        "content/chu-de/lao.md": "trang chủ đề",
        "content/ngay/2025/01/days.json": "bộ chọn ngày",
    }
    lines = err.splitlines()
    for path, what in expected.items():
        assert any(line.startswith(path + ":") and "vừa là" in line and what in line for line in lines), (path, what, err)
    assert "content/robots.txt" not in err and "rss.xml.md" not in err


def test_an_article_url_format_that_meets_a_generated_page_is_a_collision(site: Site) -> None:
    site.extra_plugins = ["portal/search"]
    site.plugin_options = {"content": {"article_url_format": "{slug}/"}}
    site.article("tim-kiem", title="Bài tên tìm kiếm")
    site.article("rss", title="Bài tên rss")  # rss/ is not rss.xml: no collision
    err = assert_clean_failure(site.run_build_py())
    assert any(
        line.startswith("content/tin-tuc/2025/tim-kiem.md:") and "bài viết" in line and "trang tìm kiếm" in line
        for line in err.splitlines()
    ), err
    assert "rss.md" not in err


def test_robots_txt_and_banner_overrides_stay_allowed(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    site.write("robots.txt", "User-agent: *\nDisallow: /rieng/\n")
    site.write("assets/images/banner.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"><rect width="4" height="1"/></svg>')
    result = site.run_build_py()
    assert result.returncode == 0, result.stderr
    assert (site.out / "robots.txt").read_text() == "User-agent: *\nDisallow: /rieng/\n"
    assert b"<rect" in (site.out / "assets" / "images" / "banner.svg").read_bytes()


# --- one snapshot -----------------------------------------------------------------------------


def test_files_changed_or_deleted_during_a_build_do_not_break_the_site(site: Site) -> None:
    """The build publishes the content as it was when it started: no link to a page or photo that is gone."""
    photo = b"\xff\xd8\xff\xe0 anh"
    for number in range(150):
        site.article(f"bai-{number:03d}", title=f"Bài số {number}", image="/anh/chung.jpg", body="Xem [giới thiệu](/gioi-thieu.md).")
    site.write("anh/chung.jpg", photo)
    site.write("gioi-thieu.md", "# Giới thiệu\n\nTrang tĩnh.\n")
    config = site.write_config()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), "build"],
        cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if "Building documentation" in line:  # the content has been read; pages are being written
            (site.content / "anh" / "chung.jpg").unlink()
            (site.content / "gioi-thieu.md").unlink()
            (site.content / "tin-tuc" / "2025" / "bai-000.md").write_text("---\ntitle: [hỏng\n---\n", encoding="utf-8")
            break
    rest = process.communicate(timeout=300)
    err = "".join(seen) + rest[1]
    assert process.returncode == 0, err
    assert (site.out / "anh" / "chung.jpg").read_bytes() == photo
    assert (site.out / "gioi-thieu" / "index.html").is_file()
    page = BeautifulSoup((site.out / "tin-tuc" / "bai-000" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.find("h1").get_text(strip=True) == "Bài số 0"
    checked = 0
    for name in ("bai-000", "bai-001"):
        folder = site.out / "tin-tuc" / name
        html = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "lxml")
        for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href")):
            for element in html.find_all(tag):
                target = str(element.get(attribute) or "").split("#")[0].split("?")[0]
                if not target or "://" in target or target.startswith(("mailto:", "/", "javascript:")):
                    continue
                path = (folder / target).resolve()
                assert (path / "index.html" if target.endswith("/") or path.is_dir() else path).is_file(), (name, target)
                checked += 1
    assert checked > 20
    assert any("gioi-thieu" in str(a.get("href")) for a in page.find_all("a"))
    kept = [folder.name for folder in (site.root / ".cache" / "cong").glob("snapshot-*")]
    assert kept == ["snapshot-last"], "the snapshot is left for the next build, and only it"


def test_the_next_build_brings_the_last_snapshot_up_to_date(site: Site) -> None:
    """A snapshot kept from the last build never brings back a deleted, replaced or refused file."""
    drawing = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="1" height="1"/></svg>'
    site.article("bai-mot", title="Bài một", image="/anh/mot.jpg")
    site.write("anh/mot.jpg", b"\xff\xd8\xff\xe0 mot")
    site.write("anh/hai.jpg", b"\xff\xd8\xff\xe0 hai")
    site.write("anh/ve.svg", drawing)
    site.write("tai-lieu", "một tệp")
    site.write("ghi-chu.txt", "ghi chú cũ")
    first = site.run_build_py()
    assert first.returncode == 0, first.stderr
    cache = site.root / ".cache" / "cong"
    assert [folder.name for folder in cache.glob("snapshot-*")] == ["snapshot-last"]

    (site.content / "anh" / "hai.jpg").unlink()
    (site.content / "tai-lieu").unlink()
    site.write("tai-lieu/a.txt", "một thư mục")
    (site.content / "ghi-chu.txt").unlink()
    (site.content / "ghi-chu.txt").symlink_to("/etc/hostname")
    refused = site.run_build_py()
    assert refused.returncode != 0 and "content/ghi-chu.txt:" in refused.stdout + refused.stderr
    assert (site.out / "ghi-chu.txt").read_text(encoding="utf-8") == "ghi chú cũ"  # the site is unchanged

    (site.content / "ghi-chu.txt").unlink()
    site.write("ghi-chu.txt", "ghi chú mới")
    third = site.run_build_py()
    assert third.returncode == 0, third.stderr
    assert not (site.out / "anh" / "hai.jpg").exists()
    assert (site.out / "tai-lieu" / "a.txt").read_text(encoding="utf-8") == "một thư mục"
    assert (site.out / "ghi-chu.txt").read_text(encoding="utf-8") == "ghi chú mới"
    assert (site.content / "anh" / "ve.svg").read_text(encoding="utf-8") == drawing  # the cleaned copy never wrote through
    snapshot = cache / "snapshot-last"
    assert sorted(p.relative_to(snapshot).as_posix() for p in snapshot.rglob("*") if p.is_file()) == sorted(
        p.relative_to(site.content).as_posix() for p in site.content.rglob("*") if p.is_file()
    )
    updated = site.tree(site.out)
    shutil.rmtree(cache)
    fresh = site.run_build_py()
    assert fresh.returncode == 0, fresh.stderr
    assert site.tree(site.out) == updated  # as a build without the last snapshot


def test_a_fifo_does_not_hang_the_build(site: Site) -> None:
    site.article("bai-mot", title="Bài một")
    os.mkfifo(site.content / "ong.md")
    started = time.monotonic()
    err = assert_clean_failure(site.run_build_py(timeout=120))
    assert "content/ong.md:" in err and "ống dẫn FIFO" in err
    assert time.monotonic() - started < 120


def test_the_search_for_files_not_ours_runs_beside_the_build_and_still_refuses(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk of the previous output runs in a child process; the build asks for its answer before the
    swap. Should the child fail, the folder is walked in the build itself: a file not ours still stops it."""
    from portal.writing import output_folder

    site.article("bai-mot", title="Bài một")
    site.build()
    walks: list[Path] = []
    walk = output_folder.list_files
    monkeypatch.setattr(output_folder, "list_files", lambda folder, **kw: walks.append(folder) or walk(folder, **kw))
    site.build()
    assert walks == [walks[0]] and walks[0].name.startswith(".site-new-")  # only the new site's manifest here

    (site.out / "la.html").write_text("không phải của Cổng", encoding="utf-8")
    before = {p.name for p in site.out.iterdir()}
    with pytest.raises(output_folder.OutputFolderError, match="la.html"):
        site.build()
    monkeypatch.setattr(output_folder, "die_with", lambda parent: 1 / 0)  # the child ends without an answer
    with pytest.raises(output_folder.OutputFolderError, match="la.html"):
        site.build()
    assert {p.name for p in site.out.iterdir()} == before
    assert (site.out / "la.html").read_text(encoding="utf-8") == "không phải của Cổng"
