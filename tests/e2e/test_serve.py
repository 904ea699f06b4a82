"""`build.py serve`: the editors' live preview survives bad files and reloads every kind of change."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Site, article_text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def preview(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str, subprocess.Popen]]:
    theme = tmp_path_factory.mktemp("theme") / "theme"
    shutil.copytree(REPO / "theme", theme)
    site.extra_config["theme"] = {"name": "material", "custom_dir": str(theme), "language": "vi", "font": False}
    site.article("tin-tot", title="Tin tốt", date="2025-01-01 08:00")
    site.article("ban-nhap", title="Bản nháp đang viết", date="2025-01-02 08:00", draft=True)
    site.write("tin-tuc/2025/tin-hong.md", "---\ntitle: Tin hỏng\ndate: 15/01/2025\ncategory: thoi-su\n---\nNội dung.\n")
    # A link loop and a link out of content/: the preview reports them and neither hangs nor publishes them.
    (site.content / "anh").mkdir(parents=True, exist_ok=True)
    (site.content / "anh" / "vong").symlink_to(site.content)
    (site.content / "anh" / "moi-truong.txt").symlink_to("/proc/self/environ")
    config = site.write_config()
    port = free_port()
    log = (site.root / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), "serve", "-a", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, cwd=site.root,
    )
    try:
        # `mkdocs serve` mounts the site at the path of site_url (/portal/ here).
        yield site, f"http://127.0.0.1:{port}/portal/", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()
        log.close()


def test_preview_survives_a_bad_file_and_reloads_every_change(preview: tuple[Site, str, subprocess.Popen]) -> None:
    site, base, process = preview
    wait_for(lambda: fetch(base)[0] == 200 or process.poll() is not None, "the first build")
    assert process.poll() is None, (site.root / "serve.log").read_text()
    output = (site.root / "serve.log").read_text()
    assert "content/tin-tuc/2025/tin-hong.md:3: 'date'" in output  # the build's own report, in the terminal
    assert "content/anh/vong:" in output and "content/anh/moi-truong.txt:" in output
    assert fetch(base + "anh/moi-truong.txt")[0] == 404

    assert fetch(base + "tin-tuc/tin-tot/")[0] == 200
    assert fetch(base + "tin-tuc/tin-hong/")[0] == 404  # left out, not fatal
    status, draft_page = fetch(base + "tin-tuc/ban-nhap/")
    assert status == 200 and "Bản nháp" in draft_page  # drafts are previewed, marked as such

    # An article fixed while the server runs shows up.
    site.write("tin-tuc/2025/tin-hong.md", article_text(title="Tin đã sửa", date="2025-01-15 09:00"))
    wait_for(lambda: "Tin đã sửa" in fetch(base + "tin-tuc/tin-hong/")[1], "the fixed article")

    # A category declared in mkdocs.yml gets its page.
    site.categories.append({"slug": "kinh-te", "name": "Kinh tế đối ngoại"})
    site.write_config()
    wait_for(lambda: "Kinh tế đối ngoại" in fetch(base + "chuyen-muc/kinh-te/")[1], "the new category page")

    # A new image is served.
    site.write("anh/2025/moi.png", b"\x89PNG\r\n\x1a\n")
    wait_for(lambda: fetch(base + "anh/2025/moi.png")[0] == 200, "the new image")

    # A theme override change is picked up.
    theme = site.extra_config["theme"]["custom_dir"]
    article_template = Path(theme) / "article.html"
    text = article_template.read_text(encoding="utf-8")
    marked = text.replace('<div class="portal-article"', '<div data-test-marker="moi" class="portal-article"', 1)
    article_template.write_text(marked, encoding="utf-8")
    wait_for(lambda: 'data-test-marker="moi"' in fetch(base + "tin-tuc/tin-tot/")[1], "the edited theme override")

    # A file broken again while serving is reported, and the server stays up.
    site.write("tin-tuc/2025/tin-tot.md", "---\ntitle: [chưa đóng\n---\n")
    wait_for(lambda: "tin-tot.md" in (site.root / "serve.log").read_text().split("Tin đã sửa")[-1]
             and fetch(base + "tin-tuc/tin-tot/")[0] == 404, "the second bad file")
    assert process.poll() is None and fetch(base)[0] == 200


@contextmanager
def previewing(config_file: Path, site_dir: Path, *, dirty: bool = True, cache: bool = True) -> Iterator[Callable[[], None]]:
    """A `build.py serve` session in this process: yields its builder, which builds as MkDocs' server does."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from portal.commands.build import use_cache

    def load() -> Any:
        config = load_config(str(config_file), site_dir=str(site_dir))
        use_cache(config, cache)
        config.site_url = "http://127.0.0.1:8000/portal/"
        return config

    first = load()
    first.plugins.on_startup(command="serve", dirty=dirty)  # once: the plugin objects live as long as the server

    def build() -> None:
        config = load()
        mkdocs_build(config, serve_url=config.site_url, dirty=dirty)

    try:
        yield build
    finally:
        first.plugins.on_shutdown()
        first.plugins.on_startup(command="build", dirty=False)  # MkDocs shares these plugin objects in this process


def fresh_preview(config_file: Path, site_dir: Path) -> None:
    with previewing(config_file, site_dir, dirty=False, cache=False) as build:
        build()


def test_the_preview_builds_over_its_last_folder_and_gives_a_fresh_builds_files(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_NOW", "2025-03-01 09:00")
    site.article("giu-nguyen", title="Tin giữ nguyên", date="2024-12-01 08:00", category="hop-tac-quoc-te")
    site.article("se-sua", title="Tin sẽ sửa", date="2025-01-02 08:00", image="/anh/se-xoa.png")
    site.article("se-xoa", title="Tin sẽ xoá", date="2025-01-03 08:00", tags=["Lào"])
    site.article("ban-nhap", title="Bản nháp", date="2025-01-04 08:00", draft=True)
    site.article("thang-hai", title="Tin tháng hai", date="2025-02-04 08:00")
    site.write("anh/se-xoa.png", b"\x89PNG\r\n\x1a\nmot")
    config = site.write_config()
    kept = site.root / "xem-truoc"
    unchanged = kept / "tin-tuc" / "giu-nguyen" / "index.html"
    with previewing(config, kept) as build:
        build()
        assert (kept / "tin-tuc" / "se-xoa" / "index.html").is_file() and (kept / "anh" / "se-xoa.png").is_file()
        first = unchanged.stat()

        # Edit, delete, add, remove a photo and a topic, publish the draft.
        site.article("se-sua", title="Tin đã sửa", date="2025-01-02 08:00")
        (site.content / "tin-tuc" / "2025" / "se-xoa.md").unlink()
        (site.content / "anh" / "se-xoa.png").unlink()
        site.article("bai-moi", title="Bài mới", date="2025-01-05 08:00")
        site.article("ban-nhap", title="Bản nháp đã duyệt", date="2025-01-04 08:00")
        build()
        # Rendered by the first build and cached: reused, left where it is (neither rendered nor linked again).
        assert (unchanged.stat().st_ino, unchanged.stat().st_mtime_ns) == (first.st_ino, first.st_mtime_ns)
        inode = unchanged.stat().st_ino
        site.article("se-sua", title="Tin đã sửa", date="2025-01-02 08:00", body="Sửa thêm.")
        build()
    fresh_preview(config, site.root / "moi")
    assert site.tree(kept) == site.tree(site.root / "moi")
    assert not (kept / "tin-tuc" / "se-xoa").exists() and not (kept / "anh" / "se-xoa.png").exists()
    assert "Tin đã sửa" in (kept / "tin-tuc" / "se-sua" / "index.html").read_text(encoding="utf-8")
    assert unchanged.stat().st_ino == inode  # left in place, not linked again

    # A new server over the same folder knows nothing of the last build: it looks through the folder.
    (site.content / "tin-tuc" / "2025" / "thang-hai.md").unlink()  # February leaves the date picker
    with previewing(config, kept) as build:
        build()
    fresh_preview(config, site.root / "moi-nua")
    assert site.tree(kept) == site.tree(site.root / "moi-nua")
    assert not (kept / "ngay" / "2025" / "02").exists()
