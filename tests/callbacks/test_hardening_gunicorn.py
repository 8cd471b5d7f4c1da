"""The sign-in limit and the body limits under gunicorn with 2 worker processes, over real
HTTP: twelve simultaneous wrong passwords for one user name, served by both workers, get
exactly five checked and seven 429s, and then even the right password waits (counted in
the store, and in Redis with REDIS_URL); a chunked 300 MB callback body is refused at the
limit; the security headers are on every answer."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.ports import free_port
from callbacks import security
from data.auth import users_entry
from data.settings import Settings
from data.sign_in_limits import USER_RULE
from data.store import make_engine, upgrade
from tests.callbacks.test_cached_views_gunicorn import _wait_until_up
from tests.callbacks.test_security_http import _head, _raw

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "analyst", "a long test passphrase"
WORKERS = 2


@pytest.fixture(scope="module", params=["store", pytest.param("redis", marks=pytest.mark.redis)])
def served(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hardening-gunicorn")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    engine = make_engine(Settings(database_url=url, instance_dir=folder))
    upgrade(engine)  # once, before the workers start
    engine.dispose()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        pytest.skip("gunicorn is not installed")
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": url, "DASHBOARD_INSTANCE_DIR": str(folder),
                   "DASHBOARD_SECRET_KEY": "k" * 48, "DASHBOARD_SAMPLE_DATA": "0",
                   "DASHBOARD_UPLOAD_USERS": users_entry(USER, PASSWORD)}
    environment.pop("REDIS_URL", None)
    redis_url = None
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        import redis

        redis.Redis.from_url(server.url).flushdb()
        environment["REDIS_URL"] = redis_url = server.url
    access = folder / "access.log"
    server = subprocess.Popen(
        [gunicorn, "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--access-logfile", str(access),
         "--access-logformat", "%(p)s %(m)s %(U)s %(s)s", "app:server"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"127.0.0.1:{port}"
    try:
        _wait_until_up(f"http://{base}", server)
        yield base, access, redis_url
    finally:
        alive = server.poll() is None
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        if not alive:
            print(server.stderr.read().decode()[-3000:])  # why it ended, for the failure report


def _call(base: str, method: str, path: str, body: str | None = None, cookie: str = ""):
    connection = http.client.HTTPConnection(base, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    return response, response.read()


def _try(base: str, password: str) -> int:
    """One sign-in from a fresh session: 303 (checked) or 429 (held back)."""
    response, body = _call(base, "GET", "/data/session")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = json.loads(body)["csrf_token"]
    form = urllib.parse.urlencode({"username": USER, "password": password, "csrf_token": token})
    response, _body = _call(base, "POST", "/data/sign-in", form, cookie)
    if response.status == 303:
        assert ("failed" in response.getheader("Location")) == (password != PASSWORD)
    return response.status


def test_the_sign_in_limit_is_shared_by_the_workers(served):
    base, access, redis_url = served
    with ThreadPoolExecutor(max_workers=6) as pool:  # simultaneous, so both workers answer
        statuses = list(pool.map(lambda _n: _try(base, "wrong"), range(12)))
    assert statuses.count(303) == USER_RULE.limit and statuses.count(429) == 12 - USER_RULE.limit
    assert _try(base, PASSWORD) == 429  # the name waits, even with the right password
    workers = {line.split()[0] for line in access.read_text().splitlines() if "/data/sign-in" in line}
    assert len(workers) == WORKERS, "both worker processes answered sign-ins"
    if redis_url:  # counted in Redis, not in the store
        import redis

        assert redis.Redis.from_url(redis_url).keys("dashboard:sign-in:*")


def test_a_chunked_callback_body_is_cut_off_under_gunicorn(served):
    base, _access, _redis = served
    head = _head("/_dash-update-component", {"Content-Type": "application/json",
                                              "Transfer-Encoding": "chunked"})
    status, sent = _raw(base, head, (b"a" * 65536 for _ in range(300 * 16)))
    assert status == 413 and sent < 64 * 2**20
    assert security.CALLBACK_MAX_BYTES < 64 * 2**20


def test_a_declared_large_sign_in_body_is_not_read(served):
    base, _access, _redis = served
    head = _head("/data/sign-in", {"Content-Type": "application/x-www-form-urlencoded",
                                   "Content-Length": str(300 * 2**20)})
    assert _raw(base, head)[0] == 413


def test_headers_on_every_answer_under_gunicorn(served):
    base, _access, _redis = served
    for path in ("/", "/_dash-layout", "/data/session"):
        response, _body = _call(base, "GET", path)
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy")
