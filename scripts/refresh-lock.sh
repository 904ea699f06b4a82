#!/usr/bin/env bash
# Refresh the locks in requirements/ from pyproject.toml's ranges and requirements/*.in.
#
#   bash scripts/refresh-lock.sh            # keep locked versions, add what is new
#   bash scripts/refresh-lock.sh --upgrade  # take the newest releases within the ranges
#
# Both locks are universal (every platform, Python 3.10-3.13) and carry hashes:
# requirements/portal.lock is what a portal installs (the deploy recipes, the
# README's first command), requirements/test.lock adds the tests' tools and is
# resolved under portal.lock as a constraint, so tests run the versions portals run.
# Run the tests after refreshing (README "Tests"), then commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-.venv/bin/uv}
if ! [ -x "$UV" ]; then
  echo "uv is needed to write the locks: .venv/bin/pip install uv" >&2
  exit 2
fi
extra=()
if [ "${1:-}" = "--upgrade" ]; then extra+=(--upgrade); fi
common=(--universal --python-version 3.10 --generate-hashes --quiet)
"$UV" pip compile "${common[@]}" "${extra[@]}" pyproject.toml requirements/portal.in -o requirements/portal.lock
"$UV" pip compile "${common[@]}" "${extra[@]}" pyproject.toml --extra test requirements/test.in \
  -c requirements/portal.lock -o requirements/test.lock
echo "requirements/portal.lock and requirements/test.lock written; now run the tests and commit both."
