#!/usr/bin/env bash
# Installs everything, creates the database from the synthetic sample extracts if there is
# none, and serves the dashboard at http://127.0.0.1:8050 .
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh runtime
.venv/bin/python -m data init-sample
echo "Serving the dashboard at http://127.0.0.1:8050 (Ctrl+C to stop)"
exec .venv/bin/gunicorn --bind 127.0.0.1:8050 --workers 2 --timeout 120 \
  --no-control-socket "app:server"
