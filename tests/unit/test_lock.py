"""The locks in requirements/: a province installs exactly what the tests ran.

Cổng is an application: every install (the README's two commands, .ci/run, the
deploy recipes) takes the versions it was tested with from a hashed, universal
lock. These tests keep the locks complete and true to pyproject.toml's ranges,
and keep every install command on them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[2]
PORTAL_LOCK = REPO / "requirements" / "portal.lock"
TEST_LOCK = REPO / "requirements" / "test.lock"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
PLATFORMS = ("linux", "darwin", "win32")
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def pins(lock: Path) -> list[tuple[str, Version, Marker | None, list[str]]]:
    """(name, version, marker, hashes) of every requirement in a lock."""
    entries: list[tuple[str, Version, Marker | None, list[str]]] = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            marker = Marker(match[3]) if match[3] else None
            entries.append((canonicalize_name(match[1]), Version(match[2]), marker, []))
        elif line.strip().startswith("--hash=sha256:") and entries:
            entries[-1][3].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return entries


def resolved(lock: Path, python: str, platform: str) -> dict[str, Version]:
    """The versions pip would install from ``lock`` on that Python and platform."""
    environment = {"python_version": python, "python_full_version": f"{python}.0", "sys_platform": platform,
                   "platform_system": {"linux": "Linux", "darwin": "Darwin", "win32": "Windows"}[platform],
                   "os_name": "nt" if platform == "win32" else "posix", "implementation_name": "cpython",
                   "platform_python_implementation": "CPython", "platform_machine": "x86_64"}
    chosen: dict[str, Version] = {}
    for name, version, marker, _ in pins(lock):
        if marker is None or marker.evaluate(environment):
            assert name not in chosen, f"{lock.name}: two versions of {name} on Python {python} / {platform}"
            chosen[name] = version
    return chosen


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lock", [PORTAL_LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_every_pin_carries_hashes_and_the_lock_is_universal(lock: Path) -> None:
    entries = pins(lock)
    assert len(entries) > 30
    for name, _, _, hashes in entries:
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), f"{lock.name}: {name} has no hash"
    header = lock.read_text(encoding="utf-8")[:600]
    assert "--universal" in header and "--generate-hashes" in header and "--python-version 3.10" in header


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize(("lock", "extras"), [(PORTAL_LOCK, ()), (TEST_LOCK, ("test",))], ids=["portal", "test"])
def test_lock_satisfies_every_range_of_pyproject(lock: Path, extras: tuple[str, ...], python: str, platform: str) -> None:
    """Each dependency is locked, once, inside its range, on every supported Python."""
    data = project()
    wanted = [Requirement(text) for text in data["project"]["dependencies"]]
    for extra in extras:
        wanted += [Requirement(text) for text in data["project"]["optional-dependencies"][extra]]
    wanted += [Requirement(text) for text in data["build-system"]["requires"]]  # installed with --no-build-isolation
    wanted += [Requirement("properdocs>=1.6,<1.7")]  # the engine's continuation, tested (README "Engine")
    versions = resolved(lock, python, platform)
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in versions, f"{lock.name} lacks {name} for Python {python} / {platform}"
        assert requirement.specifier.contains(versions[name], prereleases=True), f"{name} {versions[name]} not in {requirement}"


def test_tests_run_the_versions_portals_install() -> None:
    for python in PYTHONS:
        portal, test = resolved(PORTAL_LOCK, python, "linux"), resolved(TEST_LOCK, python, "linux")
        assert {name: test.get(name) for name in portal} == portal


def readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick)


def test_readme_commands_and_ci_install_from_the_lock() -> None:
    build, tests = readme_commands()
    assert "--require-hashes -r requirements/portal.lock" in build and "build.py build" in build
    assert "--require-hashes -r requirements/test.lock" in tests and "pytest" in tests
    for command in (build, tests):
        assert "--no-deps --no-build-isolation -e ." in command
        assert command.index("--require-hashes") < command.index("--no-deps")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci, "CI runs the README's test command"
    assert "scripts/refresh-lock.sh" in (REPO / "README.md").read_text(encoding="utf-8"), "the README says how to refresh"
