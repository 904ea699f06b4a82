"""Parsed articles by the hash of their file, so a warm build reads YAML only for what changed.

Reading an article (YAML, validation, NFC) costs about a millisecond; at
20,000 articles that is most of a warm build. An entry is keyed by the file's
SHA-256 and path; a whole cache belongs to one set of reading settings
(categories, zone, the portal's code). Whether the lead image exists is part
of reading, so each entry keeps the answers it was given and is used only if
they are still true. Entries live in 16 shard files, rewritten only when one
of their entries changed; a shard that cannot be read is ignored.

Reading and hashing every file was itself a quarter of a second per 10,000
articles, so the hash is also kept by the file's identity on disk (device,
inode, size, modification and change times, from the snapshot): a file whose
identity is known is neither read nor hashed unless it must be parsed again.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from portal.caching import write_cache_file

_SHARDS = "0123456789abcdef"
DIGESTS = "digests.pickle"


class ArticleCache:
    """``(article, problems)`` of :func:`portal.reading.articles.read_article` by file hash."""

    def __init__(self, folder: Path, settings: str) -> None:
        self.folder = folder / hashlib.sha256(settings.encode("utf-8")).hexdigest()[:16]
        self._shards: dict[str, dict[str, tuple[Any, Any, tuple[tuple[str, bool], ...]]]] = {}
        self._dirty: set[str] = set()
        self._used: set[str] = set()
        self._digests: dict[str, str] | None = None  # file identity → SHA-256 (digests.pickle)
        self._digests_used: dict[str, str] = {}
        self.hits = 0

    def start_build(self) -> None:
        """Use this cache for one more build (the preview keeps it in memory between builds: no shard is read again)."""
        self._dirty = set()
        self._used = set()
        self._digests_used = {}
        self.hits = 0

    def digest_of(self, identity: str) -> str | None:
        """The SHA-256 of the file last seen with this identity, if it is still cached."""
        digests = self._load_digests()
        digest = digests.get(identity)
        if digest is not None:
            self._digests_used[identity] = digest
        return digest

    def remember(self, identity: str, digest: str) -> None:
        """Know the file with this identity by ``digest`` from now on (saved with the shards)."""
        self._digests_used[identity] = digest

    def has(self, digest: str, src_uri: str) -> bool:
        """Whether a reading of the file with this hash at this path is cached (its image answers unchecked)."""
        key = digest + "|" + src_uri
        return key in self._shard(key[0])

    def read(
        self, raw: bytes | None, src_uri: str, exists: Callable[[str], bool], parse: Callable[[Callable[[str], bool]], tuple[Any, Any]],
        digest: str | None = None,
    ) -> tuple[Any, Any]:
        """The cached reading of ``raw`` (whose SHA-256 is ``digest``) if its image answers still hold, else ``parse`` it.

        ``raw`` may be None when ``digest`` is given: ``parse`` then reads the file itself.
        """
        if digest is None:
            assert raw is not None
            digest = hashlib.sha256(raw).hexdigest()
        key = digest + "|" + src_uri
        shard = self._shard(key[0])
        self._used.add(key)
        entry = shard.get(key)
        if entry is not None and all(exists(path) == answer for path, answer in entry[2]):
            self.hits += 1
            return copy.copy(entry[0]), list(entry[1])  # the build sets url, revised…: keep ours pristine
        asked: list[tuple[str, bool]] = []

        def recorded(path: str) -> bool:
            answer = exists(path)
            asked.append((path, answer))
            return answer

        article, problems = parse(recorded)
        shard[key] = (article, problems, tuple(asked))
        self._dirty.add(key[0])
        return copy.copy(article), list(problems)

    def save(self) -> None:
        """Write the shards that changed, without the entries this build did not read (deleted or edited files)."""
        for name in _SHARDS:
            shard = self._shards.get(name)
            if shard is None:
                continue
            stale = [key for key in shard if key not in self._used]
            for key in stale:
                del shard[key]
            if name not in self._dirty and not stale:
                continue
            write_cache_file(self.folder / f"{name}.pickle", pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL))
        self._save_digests()

    def _load_digests(self) -> dict[str, str]:
        if self._digests is None:
            try:
                loaded = pickle.loads((self.folder / DIGESTS).read_bytes())  # noqa: S301 - written by us
                self._digests = loaded if isinstance(loaded, dict) else {}
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                self._digests = {}
        return self._digests

    def _save_digests(self) -> None:
        """Keep the identities this build saw (deleted and edited files drop out), if they differ from the file's."""
        if self._digests_used == (self._digests or {}):
            return
        self._digests = dict(self._digests_used)
        write_cache_file(self.folder / DIGESTS, pickle.dumps(self._digests, protocol=pickle.HIGHEST_PROTOCOL))

    def _shard(self, name: str) -> dict[str, tuple[Any, Any, tuple[tuple[str, bool], ...]]]:
        if name not in self._shards:
            try:
                loaded = pickle.loads((self.folder / f"{name}.pickle").read_bytes())  # noqa: S301 - written by us
                self._shards[name] = loaded if isinstance(loaded, dict) else {}
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                self._shards[name] = {}
        return self._shards[name]
