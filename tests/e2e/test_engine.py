"""The portal runs unchanged on ProperDocs, the continuation of MkDocs 1.x (README "Engine").

MkDocs 1.6.1 is the last 1.x release. ProperDocs continues it and loads the same
plugins; this test builds the sample site with both engines at one clock and
requires the same bytes in every file, the generator ``<meta>`` aside.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
CLOCK = "2026-11-01 12:00"


def engine_build(engine: str, out: Path) -> dict[str, bytes]:
    """Build the sample site with ``engine``'s own command line; every output file by relative path."""
    command = Path(sys.executable).with_name(engine)
    assert command.is_file(), f"{engine} is not installed beside {sys.executable}: install from requirements/test.lock"
    result = subprocess.run(
        [str(command), "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        env={**os.environ, "PORTAL_NOW": CLOCK},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


def test_properdocs_and_mkdocs_build_the_same_site(tmp_path: Path) -> None:
    mkdocs = engine_build("mkdocs", tmp_path / "mkdocs")
    properdocs = engine_build("properdocs", tmp_path / "properdocs")
    assert sorted(mkdocs) == sorted(properdocs)
    assert len(mkdocs) > 100 and "index.html" in mkdocs and "rss.xml" in mkdocs
    generators: set[bytes] = set()
    different = []
    for name, data in mkdocs.items():
        other = properdocs[name]
        if name.endswith(".html"):
            generators.update(GENERATOR.findall(data) + GENERATOR.findall(other))
            data, other = GENERATOR.sub(b"", data), GENERATOR.sub(b"", other)
        if data != other:
            different.append(name)
    assert different == []
    # the one difference allowed is really there: both engines ran
    assert any(b"ProperDocs" in g for g in generators) and any(b"mkdocs-1." in g for g in generators), generators
