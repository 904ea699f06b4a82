#!/usr/bin/env bash
# Catch upstream releases before a province does.
#
# Installs into a separate virtual environment (.venv-upstream/) the NEWEST
# releases that pyproject.toml's ranges and requirements/*.in allow, ignoring
# the locks, prints which ones differ from requirements/test.lock, and runs the
# whole test suite against them. Extra arguments go to pytest.
#
#   bash scripts/check-upstream.sh            # what a new PyYAML, Markdown, Material... would break
#   bash scripts/check-upstream.sh -x -q      # stop at the first failure
#
# A red run means a release inside our ranges breaks the portal: fix the code or
# narrow the range in pyproject.toml, then refresh the locks
# (scripts/refresh-lock.sh --upgrade). Portals are not affected meanwhile: they
# install from the lock. .github/workflows/upstream.yml runs this weekly on Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${UPSTREAM_VENV:-.venv-upstream}
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q --upgrade --upgrade-strategy eager -r requirements/test.in -e ".[test]"
echo "Newer than requirements/test.lock:"
"$venv/bin/python" - <<'PY'
import re
from importlib import metadata

locked = {}
for line in open("requirements/test.lock", encoding="utf-8"):
    match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
    if match:
        locked.setdefault(match[1].lower().replace("_", "-"), set()).add(match[2])
changed = 0
for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"].lower()):
    name = dist.metadata["Name"].lower().replace("_", "-")
    if name in locked and dist.version not in locked[name]:
        print(f"  {name}: {' / '.join(sorted(locked[name]))} -> {dist.version}")
        changed += 1
print(f"  ({changed} package(s))")
PY
"$venv/bin/python" -m pytest "$@"
