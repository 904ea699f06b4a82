"""One consistent, checked copy of ``content/`` for the whole build.

Everything a build publishes comes from this snapshot, taken before MkDocs
lists the files, so that:

- only files that really lie in ``content/`` are published: a symbolic link
  that leaves it (``/proc/self/environ``), a link to a folder, a broken link
  and a loop are refused; a link to a file inside ``content/`` is published as
  a copy of that file;
- special files (FIFO, socket, device) are refused without being opened;
- text files and photos above their size limits are refused (``reading.limits``);
- files a browser would run on the portal's origin (HTML, JavaScript, XML…)
  are refused unless ``allow_active_files`` names them; SVG drawings are
  cleaned with an allow-list (``rendering.svg``);
- a file changed or deleted while the build runs cannot leave pages linking
  to a file that is gone: every file is hard-linked (a deleted or replaced file
  stays in the snapshot as it was), or copied where hard links are not
  possible. Articles are read into memory right after the snapshot; a file
  rewritten *in place* (same inode) during the build may be published in its
  new version, never half-missing.

A build leaves its snapshot as ``snapshot-last`` and the next build takes it
over (one rename, so two builds never share one) and brings it up to date:
every file is checked again by the same rules, a file still linked to the
same editor's file is kept, anything else is linked or copied again, and
whatever the content folder no longer has, or the rules now refuse, is
removed. At 20,000 files that costs a ``stat`` each instead of a new link,
and nothing to delete at the end.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from portal.caching import file_identity
from portal.hardlinks import link_or_copy
from portal.problems import Problem
from portal.processes import pid_alive
from portal.reading.limits import DEFAULT_MAX_PHOTO_MB, DEFAULT_MAX_TEXT_MB, MEGABYTE, PHOTO_EXTENSIONS, limit_for

SNAPSHOT_PREFIX = "snapshot-"
LAST = "snapshot-last"  # the previous build's snapshot, for the next build to bring up to date

# Served by web servers as types browsers execute or render with scripts on the portal's origin.
ACTIVE_EXTENSIONS = {
    ".html": "HTML", ".htm": "HTML", ".xhtml": "XHTML", ".xht": "XHTML", ".shtml": "HTML", ".mht": "MHTML",
    ".mhtml": "MHTML", ".js": "JavaScript", ".mjs": "JavaScript", ".cjs": "JavaScript", ".xml": "XML",
    ".xsl": "XSL", ".xslt": "XSL", ".wasm": "WebAssembly", ".swf": "Flash", ".svgz": "SVG nén",
    ".php": "PHP", ".phtml": "PHP", ".asp": "ASP", ".aspx": "ASP", ".jsp": "JSP", ".cgi": "CGI",
    ".htaccess": "cấu hình máy chủ",
}
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "ống dẫn FIFO"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "thiết bị ký tự"),
    (stat.S_ISBLK, "thiết bị khối"),
)


@dataclass
class Snapshot:
    """The checked copy of the content folder and what was refused."""

    root: Path
    source: Path
    files: set[str] = field(default_factory=set)
    # Each Markdown file's identity on disk when it was linked: device, inode, size, modification and
    # change times (a change time cannot be set back), so that a warm build need not read and hash an
    # article whose identity it has seen (caching.articles).
    identities: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    folders: set[str] = field(default_factory=set)

    def remove(self, *, keep: bool = False) -> None:
        """Remove the snapshot, or with ``keep`` leave it for the next build (unless one was left already)."""
        if keep:
            try:
                os.rename(self.root, self.root.parent / LAST)
                return
            except OSError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass(frozen=True)
class SnapshotRules:
    """What the snapshot lets through (``portal/content`` options)."""

    docs_label: str = "content"
    max_text_mb: float = DEFAULT_MAX_TEXT_MB
    max_photo_mb: float = DEFAULT_MAX_PHOTO_MB
    allow_active_files: tuple[str, ...] = ()
    clean_svg: bool = True


def take_snapshot(source: Path, cache_dir: Path, rules: SnapshotRules) -> Snapshot:
    """Copy every publishable file of ``source`` into a folder of its own under ``cache_dir``.

    The folder is the last build's snapshot when there is one, brought up to date.
    Never follows a link out of ``source`` and never opens a special file.
    Raises ``OSError`` only when the copy itself cannot be written.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_snapshots(cache_dir)
    root = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-", dir=cache_dir))
    try:
        os.rename(cache_dir / LAST, root)  # replaces the new, empty folder: this build's alone now
    except OSError:
        pass  # none left, or another build took it: start from the empty folder
    snapshot = Snapshot(root=root, source=source)
    real_source = os.path.realpath(source)
    try:
        _walk(source, "", real_source, snapshot, rules)
        _remove_unlisted(snapshot)
    except BaseException:
        snapshot.remove()
        raise
    return snapshot


def _walk(folder: Path, prefix: str, real_source: str, snapshot: Snapshot, rules: SnapshotRules) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        snapshot.problems.append(Problem(_label(rules, prefix.rstrip("/") or "."), "special_file", {"kind": error.strerror}))
        return
    for entry in entries:
        if entry.name.startswith("."):  # hidden files are never published (as MkDocs excludes them)
            continue
        relative = prefix + entry.name
        if entry.is_symlink():
            _link(entry, relative, real_source, snapshot, rules)
        elif entry.is_dir(follow_symlinks=False):
            _make_folder(snapshot.root / relative)
            snapshot.folders.add(relative)
            _walk(Path(entry.path), relative + "/", real_source, snapshot, rules)
        else:
            _file(entry.path, entry.stat(follow_symlinks=False), relative, snapshot, rules)


def _link(entry: os.DirEntry[str], relative: str, real_source: str, snapshot: Snapshot, rules: SnapshotRules) -> None:
    """Links stay inside ``content/`` and point to a file, or are refused."""
    label = _label(rules, relative)
    try:
        target = os.path.realpath(entry.path, strict=True)
    except OSError:  # a loop, or a target that does not exist
        snapshot.problems.append(Problem(label, "link_loop"))
        return
    inside = target == real_source or target.startswith(real_source.rstrip(os.sep) + os.sep)
    if not inside:
        snapshot.problems.append(Problem(label, "link_outside", {"target": os.readlink(entry.path)}))
        return
    info = os.stat(target)
    if stat.S_ISDIR(info.st_mode):
        shown = rules.docs_label + "/" + os.path.relpath(target, real_source).replace(os.sep, "/")
        snapshot.problems.append(Problem(label, "link_to_folder", {"target": shown}))
        return
    _file(target, info, relative, snapshot, rules)


# Paths are strings here, not pathlib objects: building 40,000 Path objects was half of a kept snapshot's time.
def _file(path: str, info: os.stat_result, relative: str, snapshot: Snapshot, rules: SnapshotRules) -> None:
    if not stat.S_ISREG(info.st_mode):
        label = _label(rules, relative)
        kind = next((name for test, name in _SPECIAL_KINDS if test(info.st_mode)), "tệp đặc biệt")
        snapshot.problems.append(Problem(label, "special_file", {"kind": kind}))
        return
    name = relative.rsplit("/", 1)[-1]
    suffix = os.path.splitext(name)[1].lower() or (name.lower() if name.lower() == ".htaccess" else "")
    limit = limit_for(name, max_text_mb=rules.max_text_mb, max_photo_mb=rules.max_photo_mb)
    if limit is not None and info.st_size > limit:
        label = _label(rules, relative)
        photo = suffix in PHOTO_EXTENSIONS
        params = {
            "size": f"{info.st_size / MEGABYTE:.1f}",
            "limit": f"{limit / MEGABYTE:g}",
            "kind": "ảnh" if photo else "tệp văn bản",
            "option": "max_photo_mb" if photo else "max_text_mb",
        }
        snapshot.problems.append(Problem(label, "file_too_large", params))
        return
    if suffix in ACTIVE_EXTENSIONS and not _allowed(relative, rules.allow_active_files):
        snapshot.problems.append(Problem(_label(rules, relative), "active_file", {"kind": ACTIVE_EXTENSIONS[suffix]}))
        return
    destination = f"{snapshot.root}/{relative}"
    if suffix == ".svg" and rules.clean_svg:
        _svg(Path(path), Path(destination), _label(rules, relative), snapshot)
    else:
        linked = _link_or_copy(path, destination, info)
        if suffix == ".md":
            if linked:  # as the next build will see it
                info = os.stat(path)
            snapshot.identities[relative] = file_identity(info)
    snapshot.files.add(relative)


def _svg(path: Path, destination: Path, label: str, snapshot: Snapshot) -> None:
    from portal.rendering.svg import clean_svg

    cleaned, removed = clean_svg(path.read_bytes())
    if cleaned is None:
        detail = removed[0] if removed else "không phải XML hợp lệ"
        snapshot.problems.append(Problem(label, "bad_svg", {"detail": detail}))
        return
    if removed:
        snapshot.problems.append(Problem(label, "svg_cleaned", {"removed": ", ".join(removed)}, severity="warning"))
    _remove(destination)  # never write through a link the last snapshot made to the editor's file
    destination.write_bytes(cleaned)


def _link_or_copy(path: str, destination: str, info: os.stat_result) -> bool:
    """Link ``destination`` to ``path`` (or copy it); a link the last snapshot made to this same file stays.

    True when a link or copy was made (a new link changes the file's change time).
    """
    try:
        link_or_copy(path, destination)
        return True
    except FileExistsError:
        existing = os.lstat(destination)
        if stat.S_ISREG(existing.st_mode) and (existing.st_ino, existing.st_dev) == (info.st_ino, info.st_dev):
            return False
        _remove(destination)
    link_or_copy(path, destination)
    return True


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir()
    except FileExistsError:
        if not folder.is_dir() or folder.is_symlink():
            _remove(folder)
            folder.mkdir()


def _remove(path: str | Path) -> None:
    """Whatever is at ``path`` in the snapshot: a file, a link or a folder."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        shutil.rmtree(path)
    except PermissionError:  # a folder, on systems that say so instead
        if not os.path.isdir(path):
            raise
        shutil.rmtree(path)


def _remove_unlisted(snapshot: Snapshot) -> None:
    """Remove what the last build's snapshot had and this one does not: deleted files, files now refused."""
    root = str(snapshot.root)
    for base, dirs, names in os.walk(root, topdown=False):
        relative = os.path.relpath(base, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        for name in names:
            if prefix + name not in snapshot.files:
                os.unlink(os.path.join(base, name))
        for name in dirs:
            if prefix + name not in snapshot.folders:
                _remove(Path(base, name))  # a folder, or a link to one, which is never followed


def _allowed(relative: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(relative, pattern.strip("/")) for pattern in patterns)


def _label(rules: SnapshotRules, relative: str) -> str:
    return f"{rules.docs_label}/{relative}"


def remove_stale_snapshots(cache_dir: Path) -> None:
    """Remove snapshots left by builds that were killed (their process is gone)."""
    for folder in cache_dir.glob(f"{SNAPSHOT_PREFIX}*"):
        pid = folder.name[len(SNAPSHOT_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


    return True
