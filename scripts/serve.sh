#!/usr/bin/env bash
# Installs what serving needs, creates the database from the synthetic sample extracts if
# there is none, and serves the dashboard with gunicorn.
#   HOST     address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
#   PORT     port (default 8050)
#   WORKERS  gunicorn worker processes (default 2)
#   SKIP_SETUP=1  skip scripts/setup.sh (packages already installed, e.g. in an image)
set -euo pipefail
cd "$(dirname "$0")/.."
host=${HOST:-127.0.0.1}
port=${PORT:-8050}
workers=${WORKERS:-2}
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "PORT must be a number from 1 to 65535, not '$port'" >&2
  exit 2
fi
if ! [[ "$workers" =~ ^[0-9]+$ ]] || [ "$workers" -lt 1 ]; then
  echo "WORKERS must be a whole number of at least 1, not '$workers'" >&2
  exit 2
fi
bind="$host:$port"
[[ "$host" == *:* ]] && bind="[$host]:$port"  # an IPv6 address
[ "${SKIP_SETUP:-}" = 1 ] || bash scripts/setup.sh runtime
.venv/bin/python -m data init-sample
echo "Serving the dashboard at http://$bind with $workers worker(s) (Ctrl+C to stop)"
exec .venv/bin/gunicorn --bind "$bind" --workers "$workers" --timeout 120 \
  --no-control-socket "app:server"
