"""Building over the site before last instead of into an empty folder.

``build.py build`` writes each new site into a staging folder and swaps it in
(:mod:`portal.writing.output_folder`). Filling an empty folder with a
20,000-article site means 28,000 ``mkdir`` and 68,000 hard links, about 3.8 s
of system time, and removing the replaced site as much again, for a publish
that changed a dozen pages. So the replaced site is kept beside the output
(``.site-spare``) and the next build takes it as its staging folder, where
almost every file is already what the new site needs.

"Almost" is checked, never assumed. Before anything is written
(:func:`clear_for_build`, at the end of ``on_files``, once the plan knows
which pages it takes from the cache), every file is removed except:

- a page taken from the page cache, kept only if it *is* that cache entry's
  file (same inode and device), whose bytes the cache has just checked;
- an editor's photo or file, kept only if it is the photo cache's copy of the
  file being published;
- folders whose owner replaces what changed in them itself (``pagefind/``,
  :func:`portal.writing.search_index.build_period_indexes`).

Everything else (rendered pages, feeds, sitemaps, the theme's files, a page or
photo that changed, anything someone put in the folder) is unlinked, and
folders left empty are removed: the folder then holds exactly what a fresh
staging folder holds once those links are placed, and the build goes on as it
would there. Files are only ever unlinked or linked, never written through: a
kept file is a hard link shared with the cache and the published site.

Plain Python: ``build.py build`` takes the folder; the content plugin clears it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

Identity = tuple[int, int]  # (st_ino, st_dev): the same file, not just the same bytes


@dataclass
class Cleared:
    """What :func:`clear_for_build` left in place and what it removed."""

    kept: set[str] = field(default_factory=set)  # ``/``-separated paths relative to the folder
    removed: int = 0


def clear_for_build(folder: Path, keep: Mapping[str, Identity], owned_folders: Iterable[str] = ()) -> Cleared:
    """Remove from ``folder`` every file but those ``keep`` names that are that very file; remove emptied folders.

    ``keep`` maps a relative path to the identity its file must have. ``owned_folders``
    (``pagefind/``) are left whole for their owner. Symbolic links are removed, never followed.
    """
    skipped = {name.strip("/") for name in owned_folders}
    cleared = Cleared()
    _clear(str(folder), "", keep, skipped, cleared)
    return cleared


def _clear(path: str, prefix: str, keep: Mapping[str, Identity], skipped: set[str], cleared: Cleared) -> bool:
    """Clear one folder (depth first); whether it is empty afterwards."""
    empty = True
    with os.scandir(path) as entries:
        listed = list(entries)
    for entry in listed:
        relative = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if relative in skipped or not _clear(entry.path, relative + "/", keep, skipped, cleared):
                empty = False
                continue
            try:
                os.rmdir(entry.path)
            except OSError:
                empty = False
            continue
        wanted = keep.get(relative)
        if wanted is not None and entry.inode() == wanted[0]:
            info = entry.stat(follow_symlinks=False)
            if (info.st_ino, info.st_dev) == wanted and not entry.is_symlink():
                cleared.kept.add(relative)
                empty = False
                continue
        os.unlink(entry.path)
        cleared.removed += 1
    return empty


def identity(info: os.stat_result) -> Identity:
    return (info.st_ino, info.st_dev)
