"""gunicorn serving the dashboard (or a test app) on a free loopback port, for the tests that
need several worker processes, and a client of it that speaks as Flask's test client does."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


class Http:
    """The two calls `page_bodies` makes of a test client, over real HTTP."""

    class Answer:
        def __init__(self, status: int, body: bytes, headers=None) -> None:
            self.status_code, self.body, self.headers = status, body, headers or {}

        @property
        def data(self) -> bytes:  # named as the test client names it
            return self.body

        def get_json(self):
            return json.loads(self.body)

    def __init__(self, base: str) -> None:
        self.base = base

    def get(self, path: str) -> Answer:
        with urllib.request.urlopen(self.base + path, timeout=60) as response:
            return self.Answer(response.status, response.read())

    def post(self, path: str, json: dict, headers: dict | None = None) -> Answer:
        request = urllib.request.Request(self.base + path, data=_dumps(json), method="POST",
                                         headers={"Content-Type": "application/json",
                                                  **(headers or {})})
        with urllib.request.urlopen(request, timeout=60) as response:
            return self.Answer(response.status, response.read(), response.headers)


def _dumps(body: dict) -> bytes:
    return json.dumps(body).encode()


class Served:
    """A running gunicorn: its address, and its log when a request to it fails."""

    def __init__(self, base: str, process: subprocess.Popen, log: Path) -> None:
        self.base, self.process, self.log = base, process, log

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def explain(self, error: OSError) -> AssertionError:
        """A refused or broken request, with whether gunicorn is still there and why not."""
        state = "running" if self.process.poll() is None else f"exited with {self.process.returncode}"
        return AssertionError(f"{error}; gunicorn {state}; its log ends:\n{self.tail()}")


def _wait_until_up(served: Served, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{served.tail()}")
        try:
            Http(served.base).get("/_dash-layout")
            return
        except OSError:
            time.sleep(0.2)  # polling the port for readiness, not standing in for it
    raise TimeoutError("gunicorn did not answer")


@contextmanager
def gunicorn(target: str, workers: int, environment: dict, log: Path,
             extra: tuple[str, ...] = ()) -> Iterator[Served]:
    """`target` served by gunicorn with `workers` workers and serve.sh's worker timeout (a
    busy test machine must not have a worker killed mid-view), then the `extra` options
    (a later option wins); its log written to `log`."""
    binary = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if binary is None:
        pytest.skip("gunicorn is not installed")
    port = free_port()
    with log.open("wb") as sink:
        process = subprocess.Popen([binary, "-w", str(workers), "-b", f"127.0.0.1:{port}",
                                    "--timeout", "120", *extra, target], cwd=ROOT, env=environment,
                                   stdout=subprocess.DEVNULL, stderr=sink)
    served = Served(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(served)
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
