"""The preview's output folder, kept from one ``serve`` build to the next.

Emptying the folder and writing 20,000 pages into it again took a third of
each preview build (mkdir, hard links, photo copies). The preview therefore
builds over its previous output (MkDocs' "dirty" build) and
:class:`PreviewFolder` makes that give exactly the files a fresh preview
build gives:

- :meth:`PreviewFolder.start` marks when a build began, with a file the
  folder's own clock dates;
- :func:`clear_for_rendering` removes the output of every page about to be
  rendered (MkDocs skips a page whose output looks newer than its source, and
  the old output may be a hard link into the page cache, which must never be
  written through);
- :meth:`PreviewFolder.is_placed` tells which cached pages are still where
  the last build placed or rendered them;
- :meth:`PreviewFolder.finish` removes every file the build neither wrote
  nor kept: pages of deleted or unpublished articles, removed photos, pages
  no plugin builds any more.

Plain Python; only ``serve`` uses it, in MkDocs' own temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

MARKER = ".cong-preview-build"


@dataclass
class PreviewFolder:
    """What the preview server knows of its folder from one build to the next."""

    site_dir: Path
    produced: set[str] | None = None  # what the last build produced (None: unknown, e.g. after a failed build)
    # Absolute path → fingerprint of the cached page placed there, or of the page rendered there and
    # cached (the same bytes): after the first preview build, which renders every page, a save no
    # longer replaces 15,000 rendered pages by links to their cache entries.
    placed: dict[str, str] = field(default_factory=dict)
    since: int | None = None  # while a build runs: when it started

    def start(self) -> None:
        """A build begins; on an empty folder nothing can be stale."""
        self.since, empty = started(self.site_dir)
        if empty:
            self.produced, self.placed = set(), {}

    def is_placed(self, destination: str, fingerprint: str) -> bool:
        """Whether the last build placed (or rendered) this very cached page there (and the folder is known)."""
        return self.produced is not None and self.placed.get(destination) == fingerprint

    def finish(self, produced: set[str], kept_folders: Iterable[str], placed: Mapping[str, str]) -> int:
        """The build succeeded: remove what is stale, remember what it produced. Returns the count removed."""
        assert self.since is not None
        removed = remove_stale(self.site_dir, produced, kept_folders, self.since, self.produced)
        self.produced, self.placed, self.since = produced, dict(placed), None
        return removed

    def forget(self) -> None:
        """The build failed midway: the next one walks the folder and places every cached page again."""
        self.produced, self.placed, self.since = None, {}, None


def started(site_dir: Path) -> tuple[int, bool]:
    """Mark the start of a build: files written from now on are at least this new (``st_mtime_ns``).

    Also says whether the folder was empty (a first build: nothing can be stale).
    """
    site_dir.mkdir(parents=True, exist_ok=True)
    with os.scandir(site_dir) as entries:
        empty = not any(entry.name != MARKER for entry in entries)
    marker = site_dir / MARKER
    marker.write_bytes(b"")
    return marker.stat().st_mtime_ns, empty


def clear_for_rendering(destinations: Iterable[str]) -> None:
    """Remove the previous output of pages this build renders (absolute paths)."""
    for path in destinations:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except IsADirectoryError:  # pragma: no cover - a folder where a page goes: MkDocs reports it
            pass


def remove_stale(
    site_dir: Path, produced: set[str], kept_folders: Iterable[str], since_ns: int, previous: set[str] | None = None
) -> int:
    """Remove files older than the build that are not in ``produced`` (``/``-separated, relative), and empty folders.

    ``previous`` is what the last build produced (the preview keeps it in memory):
    only those files are looked at, instead of walking the whole folder (its
    15,000 page folders took a second and a half). Without it the folder is walked.
    ``kept_folders`` (``pagefind/``) are left whole: their owner replaces them.
    Returns how many files were removed.
    """
    folders = tuple(folder.rstrip("/") + "/" for folder in kept_folders)
    if previous is None:
        removed = _remove_walking(str(site_dir), produced, folders, since_ns)
    else:
        removed = 0
        for relative in sorted(previous - produced):
            if relative.startswith(folders) or not _remove_if_older(site_dir / relative, since_ns):
                continue
            removed += 1
            parent = (site_dir / relative).parent
            while parent != site_dir and not str(parent.relative_to(site_dir).as_posix() + "/").startswith(folders):
                try:
                    parent.rmdir()  # only if empty
                except OSError:
                    break
                parent = parent.parent
    (site_dir / MARKER).unlink(missing_ok=True)
    return removed


def _remove_if_older(path: Path, since_ns: int) -> bool:
    """Remove ``path`` unless this build wrote it (MkDocs' own 404.html and sitemap, another plugin's file)."""
    try:
        if os.lstat(path).st_mtime_ns >= since_ns:
            return False
        os.unlink(path)
    except FileNotFoundError:
        return False
    return True


def _remove_walking(root: str, produced: set[str], folders: tuple[str, ...], since_ns: int) -> int:
    removed = 0
    for base, dirs, names in os.walk(root, topdown=False):
        relative_base = os.path.relpath(base, root).replace(os.sep, "/")
        prefix = "" if relative_base == "." else relative_base + "/"
        if prefix and prefix.startswith(folders):
            continue
        for name in names:
            relative = prefix + name
            if relative not in produced and relative != MARKER and _remove_if_older(Path(base, name), since_ns):
                removed += 1
        for name in dirs:
            if (prefix + name + "/").startswith(folders):
                continue
            try:
                os.rmdir(os.path.join(base, name))  # only if empty
            except OSError:
                pass
    return removed
