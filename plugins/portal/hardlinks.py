"""Hard links: how the build reuses a file (snapshot, page cache, file cache, search bundles) without copying it.

Where the file system refuses a link (another file system, too many links to
one file, no permission, no support) the file is copied instead; any other
error, a destination that already exists included, is the caller's to handle.
"""

from __future__ import annotations

import errno
import os
import shutil

# Refusals after which a copy does the same job.
CANNOT_LINK = frozenset({errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EACCES, errno.ENOTSUP})


def link_or_copy(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> None:
    """Hard-link ``destination`` to ``source``, or copy it where links are refused."""
    try:
        os.link(source, destination)
    except OSError as error:
        if error.errno not in CANNOT_LINK:
            raise
        shutil.copyfile(source, destination)
