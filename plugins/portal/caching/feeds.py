"""Finished feeds by a hash of what they hold: most feeds do not change when one article is published.

A portal has a feed per category and per topic, rendered through feedgen
(the slowest step of a warm build after the pages). A feed's bytes depend on
its title, description and addresses, its items (each by the signature the
site plan uses: file hash, URL, git date) and the site-wide settings given to
the renderer, plus the portal's code and feedgen's version.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path
from typing import Any

from portal.caching import write_cache_file
from portal.caching.keys import portal_code_hash
from portal.planning.plan import article_signature


def feed_key(kind: str, spec: Any, shared: str) -> str:
    """The hash a feed is stored under (see the module's docstring)."""
    try:
        feedgen = metadata.version("feedgen")
    except metadata.PackageNotFoundError:  # pragma: no cover - feedgen is a dependency
        feedgen = ""
    parts = [kind, spec.title, spec.description, spec.page_url, spec.feed_url, shared, portal_code_hash(), feedgen]
    parts += [article_signature(article) for article in spec.articles]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


class FeedCache:
    """One file per feed key; unused keys are pruned after the build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def get(self, key: str) -> bytes | None:
        self._used.add(key)
        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            return None
        # Stored with its own hash in front: a damaged or cut file is never published.
        digest, _, body = data.partition(b"\n")
        return body if digest == hashlib.sha256(body).hexdigest().encode() else None

    def put(self, key: str, data: bytes) -> None:
        self._used.add(key)
        write_cache_file(self.folder / key, hashlib.sha256(data).hexdigest().encode() + b"\n" + data)

    def prune(self) -> None:
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self._used:
                path.unlink(missing_ok=True)
