"""Who owns each path of the built site, so that no output silently replaces another.

An editor's file (``content/tim-kiem.md``), an article's URL (with a
configurable URL format) and a generated page or file (search page, feeds,
sitemaps, ``pagefind/``, category, date and topic pages) could all claim the
same address. Each is claimed here, once per build; a second claim on a path
is a collision, reported with both owners, and never written over the first.
All collisions are reported together.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from portal.problems import Problem


@dataclass(frozen=True)
class Collision:
    """Two owners for one output path."""

    path: str
    first: str
    second: str
    source: str  # the editor's file to name in the report (or the first owner)


@dataclass
class Outputs:
    """The build's ledger of output paths (``tin-tuc/a/index.html``, ``rss.xml``) and folders (``pagefind/``).

    ``overridable`` lists generated paths an editor's file may replace on
    purpose (``robots.txt``): the generator then does not claim them.
    """

    overridable: frozenset[str] = frozenset({"robots.txt"})
    owners: dict[str, str] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)
    collisions: list[Collision] = field(default_factory=list)
    editor_files: dict[str, str] = field(default_factory=dict)  # path → the editor's file, for reports

    def claim_editor_file(self, path: str, source: str, what: str) -> bool:
        """An editor's file (or article) published at ``path``; ``source`` is its file, as editors see it."""
        self.editor_files[normalise(path)] = source
        return self.claim(path, what)

    def claim(self, path: str, owner: str) -> bool:
        """Claim ``path`` for ``owner``; ``False`` (and a recorded collision) if someone has it."""
        path = normalise(path)
        current = self.owners.get(path) or self._folder_of(path)
        if current is not None and current != owner:
            self._collide(path, current, owner)
            return False
        self.owners[path] = owner
        return True

    def claim_folder(self, folder: str, owner: str) -> bool:
        """Claim a whole folder (``pagefind/``): nothing else may be published inside it."""
        folder = normalise(folder).rstrip("/") + "/"
        inside = sorted(path for path, who in self.owners.items() if path.startswith(folder) and who != owner)
        for path in inside:
            self._collide(path, self.owners[path], owner)
        self.folders[folder] = owner
        return not inside

    def may_write(self, path: str, owner: str) -> bool:
        """Whether ``owner`` may write ``path`` now (claimed by it, or claimed by nobody)."""
        path = normalise(path)
        current = self.owners.get(path) or self._folder_of(path)
        return current is None or current == owner

    def is_editor_file(self, path: str) -> bool:
        return normalise(path) in self.editor_files

    def problems(self, config_label: str = "mkdocs.yml") -> list[Problem]:
        """One error per collision, on the editor's file when there is one."""
        found = []
        for collision in self.collisions:
            params = {"url": collision.path, "first": collision.first, "second": collision.second}
            found.append(Problem(collision.source or config_label, "output_collision", params))
        return found

    def _folder_of(self, path: str) -> str | None:
        for folder, owner in self.folders.items():
            if path.startswith(folder):
                return owner
        return None

    def _collide(self, path: str, first: str, second: str) -> None:
        source = self.editor_files.get(path, "")
        collision = Collision(path, first, second, source)
        if collision not in self.collisions:
            self.collisions.append(collision)


def normalise(path: str) -> str:
    """An output path as the ledger keys it: ``/``-separated, no leading ``/``, a folder URL as its index.html."""
    path = path.replace(os.sep, "/").lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path


def write_output(site_dir: str, relative: str, data: bytes) -> None:
    """Write one generated file into the site (feeds, OPML, sitemaps, robots.txt)."""
    path = os.path.join(site_dir, *relative.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
