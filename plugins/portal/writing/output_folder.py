"""The output folder: which folders a build may write, own and replace.

A build replaces its output folder whole, so pointing it at the wrong place
(``-d content``, ``-d .``) would destroy editors' work. Every build therefore:

- refuses a folder that is, contains or lies inside the project's sources
  (the project folder, ``content/``, ``theme/``, ``.git``, the build cache);
- accepts only a folder that is new, empty, or a previous output of ours: each
  build writes a manifest (:data:`MANIFEST`) listing every file it wrote, and a
  later build replaces only a folder whose files are all in its manifest;
- stages the new site and swaps it in, beside the folder (two renames), or,
  when the folder is a mount point whose parent cannot take a rename, inside
  it, replacing its entries one rename at a time.

Plain Python: ``build.py build`` and the content plugin (for plain
``mkdocs build``) both call it.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from portal.caching import cache_dir
from portal.processes import die_with, pid_alive

MANIFEST = ".cong-manifest.json"
_GENERATOR = "Cổng"
_STAGING_KINDS = ("new", "old")
_INSIDE_PREFIX = ".cong-"  # staging folders inside a mounted output folder
_SHOWN = 10  # foreign files named in a refusal


class OutputFolderError(Exception):
    """The output folder cannot be used or written; the message (Vietnamese) says why and what to do."""


@dataclass(frozen=True)
class Sources:
    """The project's own folders, which no output folder may touch."""

    project: Path
    docs: Path
    theme: Path | None = None

    @property
    def protected(self) -> list[tuple[Path, str]]:
        """(folder, how editors know it) for every folder an output must neither be nor hold."""
        folders = [
            (self.project, "thư mục dự án"),
            (self.docs, "thư mục bài viết"),
            (self.project / ".git", "kho git"),
            (cache_dir(self.project), "bộ nhớ đệm của Cổng"),
        ]
        if self.theme is not None:
            folders.append((self.theme, "thư mục giao diện"))
        return [(Path(os.path.realpath(folder)), label) for folder, label in folders]


def check_output_folder(target: Path, sources: Sources, *, adopt: bool = False, walk: bool = True) -> None:
    """Refuse, with the reason and the fix, an output folder a build must not replace.

    ``adopt`` accepts once an existing folder without a manifest (a site built
    before manifests existed): see the README, "Reliability". ``walk=False``
    leaves out the search for files the manifest does not list, which walks the
    whole folder: the caller then runs :class:`ForeignFilesCheck` and refuses
    before the swap.
    """
    target = Path(os.path.realpath(target))
    shown = _shown(target, sources.project)
    for folder, label in sources.protected:
        if target == folder or _is_inside(folder, target):
            raise OutputFolderError(
                f"thư mục đầu ra '{shown}' là hoặc chứa {label} ({_shown(folder, sources.project)}): xây dựng vào đó "
                "sẽ xóa mất tệp của bạn. Chọn một thư mục riêng cho trang web, ví dụ 'site' (mặc định) hoặc 'public'."
            )
    for folder, label in sources.protected:
        if label in ("thư mục bài viết", "thư mục giao diện", "kho git", "bộ nhớ đệm của Cổng") and _is_inside(target, folder):
            raise OutputFolderError(
                f"thư mục đầu ra '{shown}' nằm trong {label} ({_shown(folder, sources.project)}): trang web sẽ tự "
                "đăng lại chính nó và lớn dần sau mỗi lần xây dựng. Chọn một thư mục ngoài đó, ví dụ 'site' hoặc 'public'."
            )
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputFolderError(f"'{shown}' là một tệp, không phải thư mục: chọn thư mục khác cho trang web.")
    if not walk and not adopt and (target / MANIFEST).is_file():
        return  # the caller's ForeignFilesCheck reads the manifest and walks the folder
    foreign = foreign_files(target)
    if foreign is None:  # no manifest
        if adopt or not _has_entries(target):
            return
        raise OutputFolderError(_no_manifest(shown))
    if foreign and not adopt:
        raise OutputFolderError(_not_ours(shown, foreign))


def _no_manifest(shown: str) -> str:
    return (
        f"thư mục đầu ra '{shown}' đã có tệp nhưng không phải do Cổng tạo ra (không có {MANIFEST}); Cổng không "
        "xóa tệp không phải của mình. Nếu đó là trang web cũ của cổng (xây dựng trước khi nâng cấp), chạy một lần "
        "'python build.py build --adopt'; nếu không, chọn thư mục khác hoặc tự dọn thư mục này."
    )


def _not_ours(shown: str, foreign: list[str]) -> str:
    listed = ", ".join(foreign[:_SHOWN]) + (f" và {len(foreign) - _SHOWN} tệp khác" if len(foreign) > _SHOWN else "")
    return (
        f"thư mục đầu ra '{shown}' có {len(foreign)} tệp không do lần xây dựng trước tạo ra: {listed}. Cổng không "
        "xóa tệp không phải của mình. Chuyển các tệp cần đăng vào content/ (chúng sẽ được đăng cùng trang), xóa "
        "những tệp không cần, hoặc chạy 'python build.py build --adopt' để Cổng nhận và thay cả thư mục."
    )


class ForeignFilesCheck:
    """The search of a previous output for files its manifest does not list, in a child process.

    Walking a 20,000-article site (68,000 files in 28,000 folders) takes a third
    of a second, mostly the kernel's, at the start of every build. The child
    walks it on the other core while the build reads the articles; the build
    asks for the answer before it swaps the new site in (:meth:`refuse_if_any`),
    and nothing touches the output folder before that. If the child fails, the
    folder is walked here instead.
    """

    def __init__(self, target: Path, sources: Sources) -> None:
        self.target, self.sources = target, sources
        self._pid: int | None = None
        self._pipe: int | None = None
        try:
            read_end, write_end = os.pipe()
            pid = os.fork()
        except (OSError, AttributeError):  # pragma: no cover - no fork: refuse_if_any walks here
            return
        if pid == 0:  # pragma: no cover - runs in the forked process
            try:
                os.close(read_end)
                die_with(os.getppid())
                os.write(write_end, json.dumps(foreign_files(target)).encode("utf-8"))
            finally:
                os._exit(0)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def refuse_if_any(self) -> None:
        """Raise :class:`OutputFolderError` (the message of :func:`check_output_folder`) if the folder holds files not ours."""
        found = self._answer()
        if found is None:  # the child failed, or found no manifest of ours: the whole check, here
            check_output_folder(self.target, self.sources)
        elif found:
            raise OutputFolderError(_not_ours(_shown(self.target, self.sources.project), found))

    def stop(self) -> None:
        """The build failed: end the child without waiting for its walk."""
        if self._pid is not None:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
        self._answer()

    def _answer(self) -> list[str] | None:
        if self._pid is None or self._pipe is None:
            return None
        parts = []
        with os.fdopen(self._pipe, "rb") as pipe:
            while chunk := pipe.read(1 << 16):
                parts.append(chunk)
        os.waitpid(self._pid, 0)
        self._pid = self._pipe = None
        try:
            found = json.loads(b"".join(parts)) if parts else None
        except ValueError:
            return None
        return [str(name) for name in found] if isinstance(found, list) else None


def start_foreign_check(target: Path, sources: Sources) -> ForeignFilesCheck | None:
    """A :class:`ForeignFilesCheck` of ``target`` when it has a manifest (what ``check_output_folder(walk=False)`` left out)."""
    target = Path(os.path.realpath(target))
    if not (target / MANIFEST).is_file():
        return None
    return ForeignFilesCheck(target, sources)


def foreign_files(target: Path) -> list[str] | None:
    """Files in ``target`` that its manifest does not list (sorted), or ``None`` without a manifest."""
    owned = read_manifest(target)
    if owned is None:
        return None
    present = list_files(target, skip_staging=True)
    present.discard(MANIFEST)
    return sorted(present - owned)


def read_manifest(folder: Path) -> set[str] | None:
    """The files a previous build listed as its own, or ``None`` if there is no readable manifest of ours."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generator") != _GENERATOR or not isinstance(data.get("files"), list):
        return None
    return {str(name) for name in data["files"]}


def write_manifest(folder: Path) -> None:
    """List every file now in ``folder`` as the build's own (sorted: builds stay byte-identical)."""
    files = sorted(list_files(folder, skip_staging=True) - {MANIFEST})
    data = {"generator": _GENERATOR, "note": "Các tệp do Cổng tạo ra; lần xây dựng sau sẽ thay thế chúng.", "files": files}
    (folder / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def list_files(folder: Path, *, skip_staging: bool = False) -> set[str]:
    """Every file under ``folder`` as a ``/``-separated relative path (links are listed, not followed)."""
    found: set[str] = set()
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not (skip_staging and not prefix and entry.name.startswith(_INSIDE_PREFIX)):
                        pending.append((entry.path, prefix + entry.name + "/"))
                else:
                    found.add(prefix + entry.name)
    return found


# -- staging and swapping ---------------------------------------------------------


def stages_inside(target: Path) -> bool:
    """Whether the new site must be staged inside ``target``: a mount point cannot be renamed away."""
    return target.is_dir() and os.path.ismount(target)


def make_staging(target: Path) -> Path:
    """A fresh folder for the new site: beside ``target``, or inside it when it is a mount point."""
    if stages_inside(target):
        return Path(tempfile.mkdtemp(prefix=f"{_INSIDE_PREFIX}new-{os.getpid()}-", dir=target))
    return Path(tempfile.mkdtemp(prefix=_prefix(target, "new"), dir=target.parent))


def spare_folder(target: Path) -> Path:
    """Where the replaced site is kept for the next build to build over (:mod:`portal.writing.previous_site`)."""
    return target.parent / f".{target.name}-spare"


def take_spare(target: Path) -> Path | None:
    """The kept previous site, renamed as this build's staging folder; ``None`` if there is none to take.

    Only a folder of ours (with our manifest) is taken. Renamed like any staging
    folder, it is removed by the next build if this one is killed.
    """
    spare = spare_folder(target)
    if stages_inside(target) or spare.is_symlink() or not spare.is_dir():
        return None
    if read_manifest(spare) is None:  # not a site of ours, or one a build was clearing when it died
        return None
    staging = Path(tempfile.mkdtemp(prefix=_prefix(target, "new"), dir=target.parent))
    staging.rmdir()
    spare.rename(staging)
    return staging


def swap_in(staging: Path, target: Path, *, keep_replaced: bool = False) -> None:
    """Publish ``staging`` as ``target``, never leaving ``target`` missing or half-replaced for long.

    ``keep_replaced`` keeps the replaced site as the spare (readable by its owner
    only: a web server that serves the output's parent folder must not publish
    it) instead of removing it, when no spare is kept yet.
    """
    os.chmod(staging, 0o755)
    if staging.parent == target:
        _replace_entries(staging, target)
        return
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=_prefix(target, "old"), dir=target.parent))
        old.rmdir()
        try:
            target.rename(old)
        except OSError as error:
            if error.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
                raise
            # A folder that cannot be renamed (a mount point, a bind mount): replace its entries.
            inside = Path(tempfile.mkdtemp(prefix=f"{_INSIDE_PREFIX}new-{os.getpid()}-", dir=target))
            inside.rmdir()
            shutil.move(str(staging), str(inside))
            _replace_entries(inside, target)
            return
    staging.rename(target)
    if old is None:
        return
    spare = spare_folder(target)
    if keep_replaced and not os.path.lexists(spare):
        try:
            os.chmod(old, 0o700)
            old.rename(spare)
            return
        except OSError:
            pass
    remove_in_background(old)


def remove_in_background(folder: Path) -> None:
    """Delete a replaced site after the build has returned: removing 30,000 files takes seconds no one need wait for.

    A detached process does it, under a name that carries its own pid: a build
    that starts meanwhile leaves the folder to it (it removed it itself before,
    a second at 10,000 articles when builds follow each other). If that process
    is killed, the next build removes the folder (its pid is gone).
    """
    builder = os.getpid()
    try:
        child = os.fork()
    except (OSError, AttributeError):  # pragma: no cover - no fork: remove it now
        shutil.rmtree(folder, ignore_errors=True)
        return
    if child == 0:  # pragma: no cover - runs in the forked processes
        try:
            os.setsid()
            if os.fork() == 0:
                _detach()
                shutil.rmtree(_claimed(folder, builder, os.getpid()), ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def _detach() -> None:  # pragma: no cover - runs in the forked process
    """Let go of the build's pipes and files: whoever reads the build's output (a CI step,
    ``$(...)``, a benchmark) sees it end when the build ends, not when the removal does."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, 65536)


def _claimed(folder: Path, builder: int, remover: int) -> Path:
    """``folder`` renamed from the build's pid to the remover's, or as it is if that fails."""
    head, mark, tail = folder.name.rpartition(f"-old-{builder}-")
    if not mark:
        return folder
    claimed = folder.with_name(f"{head}-old-{remover}-{tail}")
    try:
        folder.rename(claimed)
    except OSError:
        return folder
    return claimed


def _replace_entries(staging: Path, target: Path) -> None:
    """Replace ``target``'s entries by ``staging``'s, one rename each, the manifest last.

    Each top-level entry (``index.html``, ``tin-tuc/``…) is swapped by two
    renames, so a reader never meets a missing page; while it runs a reader may
    see some new entries beside old ones. Only entries the previous manifest
    owned are moved away (the caller checked there are no others).
    """
    old = Path(tempfile.mkdtemp(prefix=f"{_INSIDE_PREFIX}old-{os.getpid()}-", dir=target))
    new_names = sorted(entry.name for entry in staging.iterdir())
    for name in [n for n in new_names if n != MANIFEST] + ([MANIFEST] if MANIFEST in new_names else []):
        current = target / name
        if current.exists() or current.is_symlink():
            current.rename(old / name)
        (staging / name).rename(current)
    for entry in list(target.iterdir()):
        if entry.name.startswith(_INSIDE_PREFIX) or entry.name in new_names:
            continue
        entry.rename(old / entry.name)
    staging.rmdir()
    shutil.rmtree(old, ignore_errors=True)


def remove_stale_folders(target: Path) -> list[Path]:
    """Delete staging folders left by builds that were killed (their process is gone)."""
    removed = []
    candidates: list[tuple[Path, str]] = []
    for kind in _STAGING_KINDS:
        candidates += [(folder, f".{target.name}-{kind}-") for folder in target.parent.glob(f".{target.name}-{kind}-*")]
        if target.is_dir():
            candidates += [(folder, f"{_INSIDE_PREFIX}{kind}-") for folder in target.glob(f"{_INSIDE_PREFIX}{kind}-*")]
    for folder, prefix in candidates:
        pid = folder.name[len(prefix):].split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and (not pid.isdigit() or not _process_alive(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _prefix(target: Path, kind: str) -> str:
    # The pid tells a folder of a running build from one a killed build left behind.
    return f".{target.name}-{kind}-{os.getpid()}-"


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of ours from an earlier, finished build in this process
    return pid_alive(pid)


def _is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` lies strictly inside ``folder`` (both resolved)."""
    return path != folder and folder in path.parents


def _has_entries(folder: Path) -> bool:
    return any(not entry.name.startswith(_INSIDE_PREFIX) for entry in folder.iterdir())


def _shown(path: Path, project: Path) -> str:
    """A path as the operator typed it: relative to the project when inside it."""
    try:
        relative = path.relative_to(os.path.realpath(project))
    except ValueError:
        return str(path)
    return relative.as_posix() if relative.parts else "."


def describe_os_error(error: OSError, target: Path | None = None) -> str:
    """A Vietnamese sentence for a failed read or write, with the fix; the previous site is kept."""
    where = f"'{error.filename}'" if error.filename else (f"'{target}'" if target else "thư mục đầu ra")
    reasons = {
        errno.ENOSPC: ("đĩa đã đầy", "giải phóng chỗ trống trên đĩa rồi xây dựng lại"),
        errno.EDQUOT: ("đã hết hạn mức dung lượng", "giải phóng chỗ trống hoặc xin thêm hạn mức rồi xây dựng lại"),
        errno.EROFS: ("ổ đĩa chỉ cho đọc", "chọn thư mục đầu ra trên ổ ghi được (-d THƯ_MỤC)"),
        errno.EACCES: ("không có quyền ghi", "cấp quyền ghi cho người chạy lệnh hoặc chọn thư mục khác (-d THƯ_MỤC)"),
        errno.EPERM: ("không được phép thao tác", "cấp quyền cho người chạy lệnh hoặc chọn thư mục khác (-d THƯ_MỤC)"),
        errno.ENOENT: ("không tìm thấy thư mục hoặc tệp", "kiểm tra đường dẫn thư mục đầu ra (-d THƯ_MỤC)"),
        errno.ENOTDIR: ("một phần của đường dẫn là tệp, không phải thư mục", "kiểm tra đường dẫn thư mục đầu ra"),
        errno.EIO: ("lỗi đọc/ghi đĩa", "kiểm tra ổ đĩa rồi xây dựng lại"),
    }
    reason, fix = reasons.get(error.errno or 0, (error.strerror or "lỗi hệ thống", "kiểm tra ổ đĩa và thư mục đầu ra"))
    return f"không ghi được {where}: {reason}. Trang web cũ (nếu có) được giữ nguyên. Cách sửa: {fix}."
