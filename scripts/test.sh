#!/usr/bin/env bash
# Installs everything and runs the whole test suite: lint, unit, PostgreSQL and real-browser
# tests. Fails when pytest collects no test (its exit code 5).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
echo "== ruff"
.venv/bin/ruff check .
echo "== pytest"
set +e
# One worker per core (TEST_WORKERS=0 runs in this process); a whole file goes to one worker,
# so its module-scoped stores are built once. Each worker starts its own PostgreSQL, Redis
# and Dash servers on free ports, in its own temporary folders. Files go out in collection
# order, which tests/conftest.py makes longest first (xdist's own reordering would put the
# files with most tests first instead).
.venv/bin/pytest -n "${TEST_WORKERS:-auto}" --dist loadfile --no-loadscope-reorder "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
  exit 1
fi
exit "$status"
