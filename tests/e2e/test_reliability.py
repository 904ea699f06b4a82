"""Atomic and reproducible builds: the previous site survives a killed build; one commit, one site."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, Site, article_text
from portal.commands.build import remove_stale_folders


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def strays(site: Site, settle: float = 30) -> list[str]:
    """Staging and replaced folders beside the site, once the background removal of a replaced site is done.

    The spare (the site before last, which the next build builds over) is not one.
    """
    deadline = time.monotonic() + settle
    while True:
        found = sorted(p.name for p in site.root.iterdir() if p.name.startswith((".site-new-", ".site-old-")))
        replaced = [name for name in found if name.startswith(".site-old-")]
        if not replaced or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def many_articles(site: Site, count: int) -> None:
    for number in range(count):
        body = "\n\n".join(f"Đoạn {k} của bài số {number}, về hợp tác đối ngoại của tỉnh." for k in range(30))
        site.article(
            f"bai-{number:04d}", year=str(2020 + number % 6), title=f"Bài số {number}",
            date=f"{2020 + number % 6}-0{1 + number % 9}-1{number % 10} 0{number % 10}:00",
            category=("thoi-su", "hoat-dong-doi-ngoai", "hop-tac-quoc-te")[number % 3], body=body,
            tags=[f"chủ đề {number % 7}"],
        )


def processes_running(argument: str) -> list[int]:
    """Processes whose command line has ``argument`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and argument.encode() in (entry / "cmdline").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_a_build_killed_midway_leaves_the_previous_site_and_the_next_build_cleans_up(site: Site) -> None:
    many_articles(site, 400)
    site.build()
    before = snapshot(site.out)
    site.article("bai-moi", title="Bài mới sau lần build trước", date="2025-06-01 08:00")
    config = site.write_config()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), "build"],
        cwd=site.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # Kill it while it is writing pages into its staging folder.
    deadline = time.monotonic() + 120
    staging: list[Path] = []
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in site.root.glob(".site-new-*") if (p / "tin-tuc").is_dir()]
        if staging and sum(1 for _ in (staging[0] / "tin-tuc").iterdir()) > 20:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be killed: make the site bigger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)

    assert snapshot(site.out) == before  # the reader still sees the previous site, byte for byte
    assert strays(site), "the killed build left its staging folder (nothing to clean up is a broken test)"

    result = site.run_build_py()
    assert result.returncode == 0, result.stderr
    assert (site.out / "tin-tuc/bai-moi/index.html").exists()
    assert strays(site) == []


def test_killing_a_parallel_build_ends_its_render_workers(site: Site) -> None:
    many_articles(site, 400)
    config = site.write_config()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), "build", "--jobs", "2", "--no-cache"],
        cwd=site.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in site.root.glob(".site-new-*") if (p / "tin-tuc").is_dir()]
        if staging and sum(1 for _ in (staging[0] / "tin-tuc").iterdir()) > 20:  # both processes are rendering
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be killed: make the site bigger"
    assert len(processes_running(str(config))) == 2, "no render worker to test"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    time.sleep(0.3)
    # An orphaned worker would go on writing into the staging folder the next build cleans up.
    assert processes_running(str(config)) == []
    # The workers' hand-over folder was in the staging folder too, which the next build removes.
    assert list(staging[0].glob(".cong-workers-*"))
    assert site.run_build_py("--jobs", "2").returncode == 0
    assert not staging[0].exists()


def test_a_failed_build_keeps_the_previous_site_and_leaves_nothing_behind(site: Site) -> None:
    site.article("tot", title="Tốt")
    site.build()
    before = snapshot(site.out)
    site.write("tin-tuc/2025/hong.md", "---\ntitle: Hỏng\n---\n")
    result = site.run_build_py()
    assert result.returncode == 1 and "hong.md" in result.stderr
    assert snapshot(site.out) == before
    assert strays(site) == []


def test_stale_folders_of_running_builds_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "site"
    alive = tmp_path / f".site-new-{os.getppid()}-abc"
    dead = tmp_path / ".site-new-999999999-abc"
    alive.mkdir()
    dead.mkdir()
    assert remove_stale_folders(target) == [dead]
    assert alive.exists() and not dead.exists()


def test_two_builds_of_the_same_content_are_byte_identical(site: Site) -> None:
    many_articles(site, 40)
    site.write("tin-tuc/2025/lien-quan.md", article_text(title="Liên quan", related=["bai-0001", "bai-0002"]))
    site.build()
    first = snapshot(site.out)
    time.sleep(1.1)  # a timestamp with one-second resolution would differ
    site.build()
    second = snapshot(site.out)
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def hold_build_lock(project: Path) -> subprocess.Popen[str]:
    """Another process holding the project's build lock until a line is written to its stdin."""
    code = (
        "import sys; from pathlib import Path; from portal.caching import cache_dir, lock\n"
        f"lock.acquire(cache_dir(Path({str(project)!r})))\n"
        "print('held', flush=True); sys.stdin.readline()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO / "plugins")),
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_build_waits_for_the_one_running_and_then_publishes(site: Site) -> None:
    site.article("dau", title="Bài đầu")
    site.build()
    site.article("sau", title="Bài viết trong lúc bản dựng khác chạy")
    config = site.write_config()
    holder = hold_build_lock(site.root)  # as a build of the same project would, from its content to its swap
    try:
        waiting = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "-f", str(config), "build"],
            cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert waiting.stderr is not None
        line = ""
        deadline = time.monotonic() + 60
        while "đang chạy" not in line and time.monotonic() < deadline and waiting.poll() is None:
            line = waiting.stderr.readline()
        assert "Một lần xây dựng khác của dự án này đang chạy" in line
        time.sleep(1)
        # It has not touched the shared cache's snapshot or the site while it waits.
        assert waiting.poll() is None
        assert not (site.out / "tin-tuc/sau/index.html").exists()
        assert not list(site.root.glob(".site-new-*"))
    finally:
        holder.communicate("\n", timeout=30)
    _, errors = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, errors
    assert (site.out / "tin-tuc/sau/index.html").exists()


def test_a_render_worker_never_lets_go_of_its_parents_build_lock(tmp_path: Path) -> None:
    from portal.caching import lock

    def free() -> bool:
        probe = "from filelock import FileLock; import sys; FileLock(sys.argv[1]).acquire(timeout=0)"
        return subprocess.run([sys.executable, "-c", probe, str(tmp_path / lock.LOCK_NAME)], capture_output=True).returncode == 0

    lock.acquire(tmp_path)
    try:
        lock.acquire(tmp_path)  # build.py around MkDocs, the content plugin inside: one lock
        pid = os.fork()
        if pid == 0:  # a render worker: the plugin's events run, then it ends at once
            lock.release(tmp_path)
            lock.release(tmp_path)
            os._exit(0)
        os.waitpid(pid, 0)
        assert not free()
        lock.release(tmp_path)
        assert not free()  # the outer hold goes on
    finally:
        lock.release(tmp_path)
    assert free()


def test_a_replaced_site_being_removed_is_left_to_its_remover(tmp_path: Path) -> None:
    """The next build does not remove, at the same time, the old site a detached process is removing."""
    from portal.writing.output_folder import _claimed

    target = tmp_path / "site"
    folder = tmp_path / ".site-old-999999999-abc"  # left by a build that has ended
    (folder / "tin-tuc").mkdir(parents=True)
    remover = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        claimed = _claimed(folder, 999999999, remover.pid)
        assert claimed.name == f".site-old-{remover.pid}-abc" and claimed.is_dir()
        assert remove_stale_folders(target) == []  # its remover is alive
    finally:
        remover.kill()
        remover.wait()
    assert remove_stale_folders(target) == [claimed]  # killed: the next build removes it


def test_the_background_removal_lets_go_of_the_builds_output(tmp_path: Path) -> None:
    """Whoever reads a build's output (a CI step, a benchmark) sees it end when the build ends.

    The removal is held until ``go`` exists: had the detached process kept the pipe open,
    ``subprocess.run`` would wait for it and time out.
    """
    folder = tmp_path / f".site-old-{os.getpid()}-abc"
    (folder / "tin-tuc").mkdir(parents=True)
    (folder / "tin-tuc" / "index.html").write_text("cũ", encoding="utf-8")
    go = tmp_path / "go"
    script = (
        "import shutil, sys, time\n"
        "from pathlib import Path\n"
        "from portal.writing import output_folder\n"
        "removal = shutil.rmtree\n"
        "def held(path, **kwargs):\n"
        f"    while not Path({str(go)!r}).exists():\n"
        "        time.sleep(0.05)\n"
        "    removal(path, **kwargs)\n"
        "output_folder.shutil.rmtree = held\n"
        f"output_folder.remove_in_background(Path({str(folder)!r}))\n"
        "print('đã xong')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == "đã xong\n"
    remaining = [p for p in tmp_path.iterdir() if p.name.startswith(".site-old-")]
    assert len(remaining) == 1 and (remaining[0] / "tin-tuc" / "index.html").is_file()  # still being removed
    go.touch()
    deadline = time.monotonic() + 30
    while any(p.name.startswith(".site-old-") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(p.name.startswith(".site-old-") for p in tmp_path.iterdir())


# -- building over the site before last (writing.previous_site) --------------------------------------


def test_clearing_the_site_before_last_keeps_only_the_very_files_it_is_told_to(tmp_path: Path) -> None:
    """Kept: a file that is the expected inode. Removed: the same name as another file, a symbolic link
    (never followed), anything else, and the folders that leaves empty. Owned folders are left whole."""
    from portal.writing.previous_site import clear_for_build, identity

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "entry").write_text("trang", encoding="utf-8")
    (cache / "other").write_text("trang", encoding="utf-8")  # the same bytes, another file
    outside = tmp_path / "ngoai.txt"
    outside.write_text("không được xóa", encoding="utf-8")
    spare = tmp_path / ".site-spare"
    for folder in ("tin-tuc/a", "tin-tuc/b", "anh/2025", "pagefind/2025", "cu/rat/sau"):
        (spare / folder).mkdir(parents=True)
    os.link(cache / "entry", spare / "tin-tuc/a/index.html")
    os.link(cache / "other", spare / "tin-tuc/b/index.html")
    (spare / "anh/2025/x.jpg").symlink_to(outside)
    (spare / "cu/rat/sau/index.html").write_text("cũ", encoding="utf-8")
    (spare / "pagefind/2025/pagefind.js").write_text("chỉ mục", encoding="utf-8")
    wanted = identity(os.stat(cache / "entry"))
    keep = {"tin-tuc/a/index.html": wanted, "tin-tuc/b/index.html": wanted, "anh/2025/x.jpg": identity(os.stat(outside))}

    cleared = clear_for_build(spare, keep, ["pagefind/"])

    assert cleared.kept == {"tin-tuc/a/index.html"} and cleared.removed == 3
    remaining = sorted(p.relative_to(spare).as_posix() for p in spare.rglob("*"))
    assert remaining == ["pagefind", "pagefind/2025", "pagefind/2025/pagefind.js", "tin-tuc", "tin-tuc/a", "tin-tuc/a/index.html"]
    assert outside.read_text(encoding="utf-8") == "không được xóa"
    assert (cache / "other").read_text(encoding="utf-8") == "trang"


def test_the_replaced_site_is_kept_for_the_next_build_to_build_over_and_never_changed(site: Site) -> None:
    """The third build on builds over the first's site. The site it replaces (and shares files with through
    the cache) is not changed by a byte, the new one is a clean build's, and only what changed is written."""
    many_articles(site, 30)
    site.write("anh/2025/anh.jpg", b"\xff\xd8\xff\xe0 anh")
    site.article("co-anh", title="Có ảnh", date="2025-03-01 08:00", image="/anh/2025/anh.jpg")
    spare = site.root / ".site-spare"
    first = site.run_build_py()
    assert first.returncode == 0, first.stderr
    assert not spare.exists()  # nothing was replaced
    second = site.run_build_py()
    assert second.returncode == 0, second.stderr
    assert spare.is_dir() and (spare.stat().st_mode & 0o777) == 0o700  # a web server serving the parent cannot read it
    assert "Xây dựng trên trang trước" not in second.stderr
    third = site.run_build_py()  # over the first build's site, whose pages were rendered, not linked
    assert third.returncode == 0, third.stderr
    assert "Xây dựng trên trang trước" in third.stderr

    site.article("bai-0003", year="2023", title="Bài số 3, đã sửa", date="2023-04-13 03:00", category="thoi-su")
    published = snapshot(site.out)
    fourth = site.run_build_py()  # over the second build's site: pages and the photo linked from the caches
    assert fourth.returncode == 0, fourth.stderr
    kept = re.search(r"Xây dựng trên trang trước: giữ (\d+) tệp, bỏ (\d+) tệp", fourth.stderr)
    assert kept and int(kept.group(1)) > 30, fourth.stderr
    assert snapshot(spare) == published  # the site it replaced, now the spare: not a byte written through
    assert "Bài số 3, đã sửa" in (site.out / "tin-tuc/bai-0003/index.html").read_text(encoding="utf-8")
    assert (site.out / "anh/2025/anh.jpg").read_bytes() == b"\xff\xd8\xff\xe0 anh"
    clean = site.run_build_py("--no-cache", "-d", "clean")
    assert clean.returncode == 0, clean.stderr
    assert snapshot(site.out) == {
        name: data for name, data in snapshot(site.root / "clean").items()
    }
    assert strays(site) == []


def test_a_spare_that_is_not_a_site_of_ours_is_neither_taken_nor_deleted(site: Site) -> None:
    site.article("tot", title="Tốt")
    spare = site.root / ".site-spare"
    spare.mkdir()
    (spare / "ghi-chu.txt").write_text("của người vận hành", encoding="utf-8")
    for _ in range(3):
        result = site.run_build_py()
        assert result.returncode == 0, result.stderr
        assert "Xây dựng trên trang trước" not in result.stderr
    assert sorted(p.name for p in spare.iterdir()) == ["ghi-chu.txt"]
    assert strays(site) == []  # each replaced site was removed instead


def test_a_build_that_fails_over_the_site_before_last_keeps_the_site(site: Site) -> None:
    """It fails once the spare is cleared and half filled (Pagefind cannot run): the site is untouched,
    the spare is gone with the staging folder, and the next build starts from an empty folder."""
    site.extra_plugins = ["portal/search"]
    many_articles(site, 12)
    for _ in range(2):
        assert site.run_build_py().returncode == 0
    before = snapshot(site.out)
    site.article("bai-moi", title="Bài mới", date="2025-06-01 08:00")
    broken = dict(os.environ, PAGEFIND_BINARY_PATH=str(REPO / "README.md"))
    config = site.write_config()
    failed = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), "build"],
        capture_output=True, text=True, cwd=site.root, env=broken, timeout=300,
    )
    assert failed.returncode != 0 and "Xây dựng trên trang trước" in failed.stderr, failed.stderr
    assert "Traceback" not in failed.stderr
    assert snapshot(site.out) == before
    assert strays(site) == [] and not (site.root / ".site-spare").exists()
    again = site.run_build_py()
    assert again.returncode == 0 and "Xây dựng trên trang trước" not in again.stderr, again.stderr
    assert (site.out / "tin-tuc/bai-moi/index.html").is_file()


def test_a_site_before_last_left_uncleared_is_never_published(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should portal/content ever skip the clearing, build.py refuses to swap the folder in."""
    from portal.mkdocs_plugins.content.plugin import ContentPlugin
    from portal.writing.output_folder import OutputFolderError

    site.article("tot", title="Tốt")
    for _ in range(2):
        site.build()
    before = snapshot(site.out)
    monkeypatch.setattr(ContentPlugin, "_clear_previous_site", lambda self, config: None)
    with pytest.raises(OutputFolderError, match="chưa được dọn"):
        site.build()
    assert snapshot(site.out) == before
    assert strays(site) == []
