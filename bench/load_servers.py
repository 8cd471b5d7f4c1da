"""bench.load's servers: gunicorn on a free loopback port, an HTTP client that answers
as Flask's test client does, the check for the PostgreSQL and Redis binaries, and the
extract load run through the command line half-way through a run."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import requests

from bench.ports import free_port

ROOT = Path(__file__).resolve().parents[1]


class Client:
    """The two calls bench.ui.page_bodies makes of a test client, over HTTP."""

    class Answer:
        def __init__(self, response: requests.Response) -> None:
            self.status_code, self.text = response.status_code, response.text
            self._response = response

        def get_json(self):
            return self._response.json()

    def __init__(self, base: str) -> None:
        self.base, self.session = base, requests.Session()

    def get(self, path: str) -> Answer:
        return self.Answer(self.session.get(self.base + path, timeout=300))

    def post(self, path: str, json: dict) -> Answer:
        return self.Answer(self.session.post(self.base + path, json=json, timeout=300))



@contextmanager
def gunicorn(target: str, workers: int, environment: dict):
    """gunicorn serving `target` on a free loopback port; yields (address, master pid)."""
    binary = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    port = free_port()
    server = subprocess.Popen([binary, "-w", str(workers), "-b", f"127.0.0.1:{port}",
                               "--timeout", "300", target], cwd=ROOT, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn {target} exited with {server.returncode}")
            try:
                if requests.get(base + "/_dash-layout", timeout=30).ok:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)  # polling the port for readiness
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)


def missing_servers(sqlite: bool, no_redis: bool) -> str | None:
    """What the run needs that this machine lacks, with the command that installs it."""
    import glob

    missing = [name for name, needed, found in (
        ("the PostgreSQL server binaries", not sqlite, glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        ("redis-server", not no_redis, shutil.which("redis-server"))) if needed and not found]
    if not missing:
        return None
    return (f"bench.load needs {' and '.join(missing)}: `bash scripts/setup.sh test` installs "
            "them; or pass --sqlite and --no-redis")


class MidwayLoad:
    """`python -m data load FILE` half-way through a run, in a thread; visitors keep going
    until a quarter-run after it has committed (`more`), so they see the new data too."""

    def __init__(self, environment: dict, file: Path, seconds: float,
                 priority: str = "background") -> None:
        self.environment, self.file, self.seconds = environment, file, seconds
        self.priority = priority
        self.finished: float | None = None
        self.took, self.ok, self.error = float("nan"), False, ""
        self.thread = threading.Thread(target=self._load, daemon=True)

    def _load(self) -> None:
        time.sleep(self.seconds / 2)  # half-way through the run is the point, not readiness
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "data", "load", str(self.file), "--user",
                               "bench", "--priority", self.priority], cwd=ROOT,
                              env=self.environment, capture_output=True, text=True)
        self.took, self.ok, self.error = time.perf_counter() - start, done.returncode == 0, \
            done.stderr[-500:]
        self.finished = time.monotonic()

    def more(self) -> bool:
        return self.finished is None or time.monotonic() < self.finished + self.seconds / 4
