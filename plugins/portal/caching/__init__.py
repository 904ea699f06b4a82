"""The content-addressed build cache under ``.cache/cong/``.

``keys`` computes what every page depends on (configuration, templates,
plugins and their versions, the portal's code); ``pages`` stores finished
pages by fingerprint and hands them back for reuse through hard links. A
cached build gives exactly the bytes a clean build gives: a page is reused
only when its fingerprint (``planning.plan``) is unchanged, and an entry that
is incomplete or altered is ignored. ``lock`` lets one build of a project
use it at a time.
"""

import os
from pathlib import Path

# Beside mkdocs.yml; git-ignored (``.cache/`` itself holds pip's cache in the GitLab recipe).
CACHE_FOLDER = Path(".cache", "cong")


def cache_dir(project: Path) -> Path:
    """The build cache of the project whose mkdocs.yml is in ``project``."""
    return project / CACHE_FOLDER


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole or not at all: a hidden partial file, renamed into place.

    False when the disk refused (full, read-only): a cache file not written only
    costs time in the next build, so callers go on without it.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    return True


def file_identity(info: os.stat_result) -> str:
    """A file's identity on disk: equal identities mean equal bytes (the snapshot's articles, the photo cache).

    Device, inode, size, modification and change times: an edit in place changes the
    times, and a change time cannot be set back by any tool.
    """
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
