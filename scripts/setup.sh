#!/usr/bin/env bash
# Installs what the dashboard needs on Debian/Ubuntu: system packages and the Python
# packages in .venv. Safe to run again: finished steps are skipped.
#   runtime (default): what serving needs: Python and Chromium (chart images), and
#     requirements.txt.
#   test: that, plus what only the tests use: chromedriver (browser tests), the PostgreSQL
#     server (the tests start their own) and requirements-test.txt.
# SETUP_PRINT_PACKAGES=1 prints the system packages it would install, and stops.
# Usage: scripts/setup.sh [runtime|test]
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-runtime}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

case "$want" in
  runtime) packages=(python3 python3-venv python3-pip chromium) ;;
  test) packages=(python3 python3-venv python3-pip chromium chromium-driver postgresql redis-server) ;;
  *) echo "Usage: scripts/setup.sh [runtime|test]" >&2; exit 2 ;;
esac
if [ "${SETUP_PRINT_PACKAGES:-}" = 1 ]; then
  echo "${packages[*]}"
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

requirements=requirements.txt
[ "$want" = test ] && requirements=requirements-test.txt
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=".venv/.installed-$(cat requirements.txt requirements-test.txt | sha256sum | cut -c1-16)-$want"
if [ ! -f "$stamp" ]; then
  echo "Installing Python packages from $requirements"
  .venv/bin/pip install -q --disable-pip-version-check -r "$requirements" 2>&1 \
    | grep -v "is ignored: it is neither a file nor a directory" || true
  .venv/bin/python -c "import dash, pandas, sqlalchemy, pandera, scipy" # fail loudly if incomplete
  touch "$stamp"
fi
