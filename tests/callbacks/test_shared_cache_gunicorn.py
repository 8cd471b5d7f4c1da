"""Two gunicorn servers (one worker each) on one store and one real Redis: a page output
computed by one is served by the other, which runs only the data-version query; a load
through the command line shows in both. Without Redis the second computes it again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import ExitStack, contextmanager

import pytest
import redis

from bench.ports import free_port
from tests.callbacks.test_cached_views_gunicorn import (
    ROOT,
    Http,
    _wait_until_up,
)
from tests.support.dash_requests import page_bodies

TRENDS = ("/trends", "?area=E08000003&indicator=infant_mortality")


@contextmanager
def _gunicorn(environment: dict):
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    port = free_port()
    server = subprocess.Popen(
        [gunicorn, "-w", "1", "-b", f"127.0.0.1:{port}", "tests.callbacks.counting_app:server"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def _statements(base: str) -> int:
    return Http(base).get("/_test/statements").get_json()["statements"]


def _chart(base: str, body: dict) -> tuple[dict, int]:
    """The trends chart's answer, and how many statements the server ran for it."""
    before = _statements(base)
    answer = Http(base).post("/_dash-update-component", json=body).get_json()
    return answer["response"]["trends-chart"]["figure"], _statements(base) - before


@pytest.fixture
def store(tmp_path, sample_stores):
    url = sample_stores.copy(tmp_path, ("areas", "births_deaths"), last_year=2024).settings.database_url
    newer = sample_stores.files(2025)["births_deaths"]
    return {**os.environ, "DATABASE_URL": url, "DASHBOARD_INSTANCE_DIR": str(tmp_path)}, newer


@pytest.mark.redis
def test_a_page_computed_by_one_server_is_served_by_the_other(store, redis_server):
    environment, newer = store
    redis.Redis.from_url(redis_server.url).flushdb()
    environment = {**environment, "REDIS_URL": redis_server.url}
    with ExitStack() as servers:
        one = servers.enter_context(_gunicorn(environment))
        other = servers.enter_context(_gunicorn(environment))
        body = dict(page_bodies(Http(one), *TRENDS))["trends-chart.figure ..."]
        figure, computed = _chart(one, body)
        assert computed > 1 and figure["layout"]["xaxis"]["categoryarray"][-1] == "2024"
        served, queries = _chart(other, body)
        assert served == figure and queries == 1  # the data version, nothing else

        done = subprocess.run([sys.executable, "-m", "data", "load", str(newer), "--user", "cli"],
                              cwd=ROOT, env=environment, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        for base in (one, other):
            figure, _queries = _chart(base, body)
            assert figure["layout"]["xaxis"]["categoryarray"][-1] == "2025"


def test_without_redis_the_other_server_computes_it_again(store):
    environment, _newer = store
    environment = {k: v for k, v in environment.items() if k != "REDIS_URL"}
    with ExitStack() as servers:
        one = servers.enter_context(_gunicorn(environment))
        other = servers.enter_context(_gunicorn(environment))
        body = dict(page_bodies(Http(one), *TRENDS))["trends-chart.figure ..."]
        figure, _computed = _chart(one, body)
        served, queries = _chart(other, body)
        assert served == figure and queries > 1
