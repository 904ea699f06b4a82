"""The build cache never changes results: a warm build's bytes are a clean build's bytes.

A portal in a git repository is built, changed in the ways a newsroom changes
it (a commit between builds: git dates feed "Cập nhật" and the sitemaps), and
built again with the cache and, into another folder, without it. Every file
must be identical, and the warm build must really have reused pages, so that
a cache that never hits cannot pass.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Site, article_text, git
from portal.caching.pages import PAGE

REUSED = re.compile(r"Bộ nhớ đệm: dùng lại (\d+) trang, dựng (\d+) trang")


class CacheSite(Site):
    """A small portal with search, a theme of its own (to change a template) and a git history."""

    def __init__(self, root: Path) -> None:
        super().__init__(root=root, extra_plugins=["portal/search"])
        shutil.copytree(REPO / "theme", root / "theme")
        self.extra_config = {"theme": {"name": "material", "custom_dir": "theme", "language": "vi", "font": False}}
        self.clock = "2025-03-10 12:00"
        self.commit_day = 1
        self.jobs = 1
        self.builds = 0

    def commit(self, message: str) -> None:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "--allow-empty", "-m", message, date=f"2025-03-{self.commit_day:02d}T09:00:00+07:00")
        self.commit_day += 1

    def build_both(self) -> tuple[int, int]:
        """A warm build into site/ and a clean one into clean/; every file compared; (reused, rendered)."""
        warm = self.run_build_py("--now", self.clock, "--progress", "off", "--jobs", str(self.jobs))
        assert warm.returncode == 0, warm.stderr
        self.builds += 1
        # From the third on, each builds over the site before last (writing.previous_site).
        assert ("Xây dựng trên trang trước" in warm.stderr) == (self.builds >= 3), warm.stderr
        clean = self.run_build_py("--now", self.clock, "--progress", "off", "--no-cache", "--jobs", "1", "-d", "clean")
        assert clean.returncode == 0, clean.stderr
        assert_same_files(self.out, self.root / "clean")
        match = REUSED.search(warm.stderr)
        assert match, warm.stderr
        assert "Bộ nhớ đệm" not in clean.stderr
        return int(match.group(1)), int(match.group(2))


def assert_same_files(warm: Path, clean: Path) -> None:
    def tree(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    warm_files, clean_files = tree(warm), tree(clean)
    assert sorted(warm_files) == sorted(clean_files)
    different = [name for name in warm_files if warm_files[name] != clean_files[name]]
    if different:
        import difflib

        first = different[0]
        diff = difflib.unified_diff(
            clean_files[first].decode(errors="replace").splitlines(), warm_files[first].decode(errors="replace").splitlines(),
            "clean/" + first, "warm/" + first, n=1, lineterm="",
        )
        detail = "\n".join(list(diff)[:40])
        raise AssertionError(f"{len(different)} files differ from a clean build: {different[:10]}\n{detail}")


@pytest.fixture
def portal(tmp_path: Path) -> CacheSite:
    site = CacheSite(tmp_path)
    days = ["2025-01-05 08:00", "2025-01-20 09:30", "2025-02-03 10:00", "2025-02-14 15:00", "2025-03-01 07:45",
            "2025-03-08 16:20", "2025-03-09 11:00"]
    categories = ["thoi-su", "hoat-dong-doi-ngoai", "hop-tac-quoc-te"]
    for number, day in enumerate(days * 3):
        slug = f"bai-{number:02d}"
        body = f"Nội dung bài {number}.\n\nXem thêm [bài trước](bai-{max(number - 1, 0):02d}.md)."
        tags = ["Lào", "Hợp tác"] if number % 3 == 0 else ["Biên giới"]
        photo = {"image": f"/anh/2025/{slug}.jpg"} if number % 4 == 0 else {}
        if photo:  # two photos share their bytes: the file cache keeps one copy
            site.write(f"anh/2025/{slug}.jpg", b"\xff\xd8\xff\xe0 anh " + str(min(number, 4)).encode())
        site.write(
            f"tin-tuc/2025/{slug}.md",
            article_text(title=f"Bài số {number}", date=day.replace(":00", f":{number:02d}", 1), category=categories[number % 3],
                         body=body, tags=tags, summary=f"Sapo của bài {number}.", **photo),
        )
    site.write("tai-lieu/cu.pdf", b"%PDF-1.4 cu")
    site.write("tin-tuc/2025/hen-gio.md", article_text(title="Bài hẹn giờ", date="2025-03-12 06:00", category="thoi-su"))
    site.write("gioi-thieu.md", "# Giới thiệu\n\nTỉnh Minh Giang.\n")
    site.plugin_options = {"pages": {"per_page": 4}}
    site.write_config()
    git(site.root, "init", "-q", "-b", "main")
    # As the portal's own .gitignore: outputs, the cache and a replaced site its remover is deleting.
    (site.root / ".gitignore").write_text("site/\nclean/\n.site-*/\n.clean-*/\n.cache/\n", encoding="utf-8")
    site.commit("Bài đầu tiên")
    return site


@pytest.mark.parametrize("jobs", [1, 2])
def test_warm_builds_equal_clean_builds_through_a_newsroom_day(portal: CacheSite, jobs: int) -> None:
    """Warm and parallel (two render processes) builds against serial clean builds."""
    portal.jobs = jobs
    first = portal.build_both()
    assert first[0] == 0, "the first build has nothing to reuse"
    total = sum(first)

    # Nothing changed: every reusable page comes from the cache, every photo from the file cache.
    reused, still = portal.build_both()  # `still`: the pages rendered in every build (not reusable)
    assert reused > total // 2 and still < total // 3, (reused, still)
    assert (portal.out / "anh" / "2025" / "bai-00.jpg").stat().st_nlink >= 2

    # A photo replaced in place (same file), one added, a document removed.
    (portal.content / "anh" / "2025" / "bai-04.jpg").write_bytes(b"\xff\xd8\xff\xe0 anh moi")
    portal.write("anh/2025/them.jpg", b"\xff\xd8\xff\xe0 them")
    (portal.content / "tai-lieu" / "cu.pdf").unlink()
    portal.commit("Thay ảnh bài 4, thêm ảnh, bỏ tài liệu cũ")
    portal.build_both()
    assert (portal.out / "anh" / "2025" / "bai-04.jpg").read_bytes() == b"\xff\xd8\xff\xe0 anh moi"

    # Edit one article's body (committed: its "Cập nhật" date and sitemap date change).
    path = portal.content / "tin-tuc/2025/bai-05.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Nội dung bài 5.", "Nội dung bài 5, đã sửa."), encoding="utf-8")
    portal.commit("Sửa bài 5")
    reused, rendered = portal.build_both()
    # Its page alone: the lists that show its card (related lists, listings, topics) do not show
    # when it was revised, so they are reused.
    assert reused > total // 2 and rendered == still + 1, (reused, rendered, still)

    # Add an article, delete another.
    portal.write("tin-tuc/2025/bai-moi.md", article_text(title="Bài mới", date="2025-03-09 18:00", category="thoi-su", tags=["Lào"]))
    (portal.content / "tin-tuc/2025/bai-20.md").unlink()  # the newest: no article links to it
    portal.commit("Thêm bài mới, xóa bài 20")
    assert portal.build_both()[0] > 0

    # Retag and re-categorise.
    path = portal.content / "tin-tuc/2025/bai-07.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("category: hop-tac-quoc-te", "category: thoi-su").replace("- Biên giới", "- Biển đảo")
    path.write_text(text, encoding="utf-8")
    portal.commit("Đổi chuyên mục và chủ đề bài 7")
    assert portal.build_both()[0] > 0

    # The clock passes the scheduled article, then moves the News sitemap's window.
    portal.clock = "2025-03-12 07:00"
    assert portal.build_both()[0] > 0
    assert (portal.out / "tin-tuc" / "hen-gio" / "index.html").is_file()
    portal.clock = "2025-03-20 07:00"
    assert portal.build_both()[0] > 0


def test_configuration_labels_and_templates_invalidate_what_they_show(portal: CacheSite) -> None:
    portal.build_both()

    # A category's name is on many pages.
    config = yaml.safe_load((portal.root / "mkdocs.yml").read_text(encoding="utf-8"))
    portal.categories = [dict(c, name="Thời sự – Chính trị") if c["slug"] == "thoi-su" else c for c in portal.categories]
    portal.write_config()
    portal.commit("Đổi tên chuyên mục")
    portal.build_both()

    # A label.
    portal.plugin_options = {**portal.plugin_options, "content": {"labels": {"related": "Tin khác"}}}
    portal.write_config()
    portal.commit("Đổi nhãn")
    portal.build_both()
    assert "Tin khác" in (portal.out / "tin-tuc" / "bai-01" / "index.html").read_text(encoding="utf-8")

    # A template: every article page shows it.
    template = portal.root / "theme" / "article.html"
    text = template.read_text(encoding="utf-8")
    assert '<div class="portal-article"' in text
    template.write_text(text.replace('<div class="portal-article"', '<div data-mau="mau-moi" class="portal-article"'), encoding="utf-8")
    portal.commit("Sửa mẫu bài viết")
    portal.build_both()
    assert "mau-moi" in (portal.out / "tin-tuc" / "bai-01" / "index.html").read_text(encoding="utf-8")

    # And nothing changed again: the cache hits.
    assert portal.build_both()[0] > 0
    assert config["site_name"]


def test_a_damaged_or_half_written_cache_entry_is_never_published(portal: CacheSite) -> None:
    portal.build_both()
    entries = sorted((portal.root / ".cache" / "cong" / "pages-build").glob(f"*/*/{PAGE}"))
    assert len(entries) > 10
    # Damage one entry in place (as an edit through a hard link would), and cut another short.
    entries[0].write_bytes(entries[0].read_bytes().replace(b"</html>", b"<script>hong()</script></html>"))
    entries[1].write_bytes(entries[1].read_bytes()[:100])
    (entries[2].parent / "entry.json").unlink()  # a build killed before the entry was complete
    reused, rendered = portal.build_both()  # compares with a clean build: nothing damaged was published
    assert reused > 0 and rendered >= 3
    assert b"hong()" not in b"".join(p.read_bytes() for p in portal.out.rglob("*.html"))


def test_an_unknown_plugin_turns_reuse_off_with_a_warning(portal: CacheSite) -> None:
    portal.extra_plugins = ["portal/search", "tags"]  # Material's tags plugin, spelled as MkDocs' short name
    portal.write_config()
    result = portal.run_build_py("--now", portal.clock, "--progress", "off", "--no-strict")
    assert result.returncode == 0, result.stderr
    assert "Bộ nhớ đệm tắt" in result.stderr and "'material/tags'" in result.stderr
    assert REUSED.search(result.stderr) is None


def test_a_warm_build_reads_only_the_article_files_that_changed(portal: CacheSite, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles are known by their file's identity on disk; one rewritten in place, same size, is read again."""
    import importlib

    site_module = importlib.import_module("portal.site")
    monkeypatch.setenv("PORTAL_NOW", portal.clock)
    portal.build()
    reads: list[str] = []
    original = site_module._read

    def counted(root: str, src_uri: str) -> bytes:
        reads.append(src_uri)
        return original(root, src_uri)

    monkeypatch.setattr(site_module, "_read", counted)
    portal.build()
    assert reads == []

    path = portal.content / "tin-tuc/2025/bai-03.md"
    text = path.read_text(encoding="utf-8")
    with path.open("r+b") as handle:  # the same inode and size, other bytes
        handle.write(text.replace("Bài số 3", "Bài số 8").encode("utf-8"))
    portal.build()
    assert reads == ["tin-tuc/2025/bai-03.md"]
    assert portal.html("tin-tuc/bai-03/").h1.get_text(strip=True) == "Bài số 8"


def test_publishing_next_to_an_older_article_re_indexes_only_the_new_articles_period(tmp_path: Path) -> None:
    """The new article enters its neighbours' related lists, so their pages are rendered again; their
    search records are not changed by that, so their period's index is reused, not rebuilt."""
    site = Site(root=tmp_path, extra_plugins=["portal/search"])
    site.article("cuoi-nam", year="2024", title="Cuối năm", date="2024-12-20 08:00", category="thoi-su")
    site.article("giua-nam", year="2024", title="Giữa năm", date="2024-06-20 08:00", category="thoi-su")
    site.article("dau-nam", title="Đầu năm", date="2025-01-05 08:00", category="thoi-su")
    clock = ("--now", "2025-03-01 12:00", "--progress", "off")
    assert site.run_build_py(*clock).returncode == 0
    site.article("moi", title="Tin mới", date="2025-02-01 08:00", category="thoi-su")
    warm = site.run_build_py(*clock)
    assert warm.returncode == 0, warm.stderr
    reused, rendered = map(int, REUSED.search(warm.stderr).groups())  # type: ignore[union-attr]
    assert rendered >= 4, warm.stderr  # the new article and its neighbours, whose related lists changed
    assert "(1 lập lại, 1 dùng lại)" in warm.stderr, warm.stderr  # 2025-q1 again; 2024 reused
    clean = site.run_build_py(*clock, "--no-cache", "-d", "clean")
    assert clean.returncode == 0, clean.stderr
    assert_same_files(site.out, tmp_path / "clean")
