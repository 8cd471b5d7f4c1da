"""Cached page views under gunicorn with several worker processes: after a load committed
by the command line, every answer from every worker shows the new period."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.dash_requests import page_bodies
from tests.support.gunicorn import ROOT, Http, Served, gunicorn

WORKERS = 3


@pytest.fixture
def served(tmp_path, sample_stores):
    url = sample_stores.copy(tmp_path, ("areas", "births_deaths"), last_year=2024).settings.database_url
    newer = sample_stores.files(2025)["births_deaths"]
    environment = {**os.environ, "DATABASE_URL": url, "DASHBOARD_INSTANCE_DIR": str(tmp_path)}
    with gunicorn("app:server", WORKERS, environment, tmp_path / "gunicorn.log") as server:
        yield server, newer, environment


def _last_periods(server: Served, calls: int) -> list[str]:
    try:
        return _ask(server.base, calls)
    except OSError as error:
        raise server.explain(error) from error


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
    server, newer, environment = served
    assert set(_last_periods(server, 24)) == {"2024"}  # now cached in the workers that answered
    done = subprocess.run([sys.executable, "-m", "data", "load", str(newer), "--user", "cli"],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert set(_last_periods(server, 24)) == {"2025"}
