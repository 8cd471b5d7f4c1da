"""Cached page views under gunicorn with several worker processes: after a load committed
by the command line, every answer from every worker shows the new period."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.ports import free_port
from tests.support.dash_requests import page_bodies

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3


class Http:
    """The two calls bench.ui.page_bodies makes of a test client, over real HTTP."""

    class Answer:
        def __init__(self, status: int, body: bytes) -> None:
            self.status_code, self.body = status, body

        def get_json(self):
            return json.loads(self.body)

    def __init__(self, base: str) -> None:
        self.base = base

    def get(self, path: str) -> Answer:
        with urllib.request.urlopen(self.base + path, timeout=60) as response:
            return self.Answer(response.status, response.read())

    def post(self, path: str, json: dict) -> Answer:  # named as the test client names it
        request = urllib.request.Request(self.base + path, data=_dumps(json), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return self.Answer(response.status, response.read())


def _dumps(body: dict) -> bytes:
    return json.dumps(body).encode()


def _wait_until_up(base: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{_tail(server)}")
        try:
            Http(base).get("/_dash-layout")
            return
        except OSError:
            time.sleep(0.2)  # polling the port for readiness, not standing in for it
    raise TimeoutError("gunicorn did not answer")


@pytest.fixture
def served(tmp_path, sample_stores):
    url = sample_stores.copy(tmp_path, ("areas", "births_deaths"), last_year=2024).settings.database_url
    newer = sample_stores.files(2025)["births_deaths"]
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        pytest.skip("gunicorn is not installed")
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": url, "DASHBOARD_INSTANCE_DIR": str(tmp_path)}
    log = tmp_path / "gunicorn.log"
    # serve.sh's worker timeout: a busy test machine must not have a worker killed mid-view.
    with log.open("wb") as sink:
        server = subprocess.Popen([gunicorn, "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
                                   "--timeout", "120", "app:server"], cwd=ROOT, env=environment,
                                  stdout=subprocess.DEVNULL, stderr=sink)
    server.log = log
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base, newer, environment, server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def _tail(server: subprocess.Popen) -> str:
    return server.log.read_text(errors="replace")[-3000:]


def _last_periods(base: str, server: subprocess.Popen, calls: int) -> list[str]:
    try:
        return _ask(base, calls)
    except OSError as error:  # a request refused: say whether gunicorn is still there, and why
        state = "running" if server.poll() is None else f"exited with {server.returncode}"
        raise AssertionError(f"{error}; gunicorn {state}; its log ends:\n{_tail(server)}") from error


def _ask(base: str, calls: int) -> list[str]:
    client = Http(base)
    body = dict(page_bodies(client, "/trends", "?area=E08000003&indicator=infant_mortality"))[
        "trends-chart.figure ..."]

    def last(_number: int) -> str:
        answer = client.post("/_dash-update-component", json=body).get_json()
        return answer["response"]["trends-chart"]["figure"]["layout"]["xaxis"]["categoryarray"][-1]

    with ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:  # spread over the workers
        return list(pool.map(last, range(calls)))


def test_every_worker_shows_a_new_period_after_the_command_line_loads_it(served):
    base, newer, environment, server = served
    assert set(_last_periods(base, server, 24)) == {"2024"}  # now cached in the workers that answered
    done = subprocess.run([sys.executable, "-m", "data", "load", str(newer), "--user", "cli"],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert set(_last_periods(base, server, 24)) == {"2025"}
