"""Web uploads are checked and loaded in the background: the route answers 202 at once,
the job's stage can be asked for while the refresh runs (only by its user), and the
report follows; under gunicorn a load slower than the worker timeout completes."""

from __future__ import annotations

import http.client
import io
import json
import os
import shutil
import threading
import time
import urllib.parse
from pathlib import Path

import pandas as pd
import pytest

from app import create_app
from callbacks import upload_routes
from data import upload_jobs
from data.auth import hash_password, users_entry
from data.refresh import refresh
from data.settings import Settings
from data.store import make_engine, upgrade
from tests.support.gunicorn import gunicorn

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "analyst", "a long test passphrase"


@pytest.fixture(scope="module")
def base_store(tmp_path_factory, sample_stores):
    base = sample_stores.copy(tmp_path_factory.mktemp("upload-background"),
                              ("areas", "births_deaths"), name="base.sqlite")
    births = pd.read_csv(base.files["births_deaths"])
    row = births[births["area_code"] == "E06000008"].sort_values("year").iloc[-1].copy()
    row["year"] = int(births["year"].max()) + 1
    return base.path, pd.DataFrame([row]).to_csv(index=False), int(row["year"])


@pytest.fixture
def settings(base_store, tmp_path) -> Settings:
    shutil.copy(base_store[0], tmp_path / "store.sqlite")
    return Settings(database_url=f"sqlite:///{tmp_path / 'store.sqlite'}", instance_dir=tmp_path,
                    secret_key="k" * 40, upload_users={USER: hash_password(PASSWORD)})


def _signed_in_client(app):
    client = app.server.test_client()
    token = client.get("/data/session").get_json()["csrf_token"]
    client.post("/data/sign-in", data={"username": USER, "password": PASSWORD, "csrf_token": token})
    return client, client.get("/data/session").get_json()["csrf_token"]


def test_the_upload_answers_at_once_and_reports_its_stage(settings, base_store, monkeypatch):
    gate, reached = threading.Event(), threading.Event()

    def gated(*args, progress, **kwargs):
        def hold(stage: str) -> None:
            progress(stage)
            if not reached.is_set():
                reached.set()
                assert gate.wait(120)

        return refresh(*args, progress=hold, **kwargs)

    monkeypatch.setattr(upload_routes, "refresh", gated)
    app = create_app(settings)
    client, token = _signed_in_client(app)
    response = client.post("/data/upload", content_type="multipart/form-data",
                           headers={"Accept": "application/json", "X-CSRF-Token": token},
                           data={"files": (io.BytesIO(base_store[1].encode()), "next_year.csv")})
    assert response.status_code == 202
    job = response.get_json()
    assert job["state"] in ("queued", "running") and "result" not in job
    assert reached.wait(120)
    running = client.get(job["status_url"]).get_json()
    assert running["state"] == "running"
    assert running["stage"] == "Reading and checking next_year.csv (file 1 of 1)."
    # Another visitor cannot follow it, and an unknown job is not found.
    assert app.server.test_client().get(job["status_url"]).status_code == 401
    assert client.get("/data/upload/no-such-job").status_code == 404
    gate.set()
    upload_jobs.wait(job["job"], timeout=300)
    done = client.get(job["status_url"])
    assert done.status_code == 200
    report = done.get_json()
    assert report["state"] == "done" and report["result"] == "loaded"
    assert report["changes"][0]["new_periods"] == [str(base_store[2])]


def test_a_failing_load_ends_the_job_with_its_error(settings, base_store, monkeypatch):
    def broken(*_args, **_kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(upload_routes, "refresh", broken)
    client, token = _signed_in_client(create_app(settings))
    job = client.post("/data/upload", content_type="multipart/form-data",
                      headers={"Accept": "application/json", "X-CSRF-Token": token},
                      data={"files": (io.BytesIO(b"x"), "x.csv")}).get_json()
    upload_jobs.wait(job["job"], timeout=60)
    answer = client.get(job["status_url"]).get_json()
    assert answer["state"] == "failed" and "No space left on device" in answer["error"]


def _http(base, method, path, body=None, cookie="", headers=None):
    connection = http.client.HTTPConnection(base, timeout=60)
    connection.request(method, path, body=body, headers={**({"Cookie": cookie} if cookie else {}),
                                                          **(headers or {})})
    response = connection.getresponse()
    return response, response.read()


@pytest.mark.slow
def test_a_load_slower_than_the_worker_timeout_completes_under_gunicorn(base_store, tmp_path):
    shutil.copy(base_store[0], tmp_path / "store.sqlite")
    timeout = 4
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
                   "DASHBOARD_INSTANCE_DIR": str(tmp_path), "DASHBOARD_SECRET_KEY": "k" * 48,
                   "DASHBOARD_UPLOAD_USERS": users_entry(USER, PASSWORD),
                   "SLOW_UPLOAD_STAGE_SECONDS": "2",
                   "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests' / 'callbacks'}"}
    log = tmp_path / "gunicorn.log"
    with gunicorn("slow_upload_app:server", 2, environment, log, ("--timeout", str(timeout))) as served:
        base = served.base.removeprefix("http://")
        response, body = _http(base, "GET", "/data/session")
        cookie = response.getheader("Set-Cookie").split(";")[0]
        form = urllib.parse.urlencode({"username": USER, "password": PASSWORD,
                                       "csrf_token": json.loads(body)["csrf_token"]})
        response, _ = _http(base, "POST", "/data/sign-in", form, cookie,
                            {"Content-Type": "application/x-www-form-urlencoded"})
        cookie = response.getheader("Set-Cookie").split(";")[0]
        token = json.loads(_http(base, "GET", "/data/session", cookie=cookie)[1])["csrf_token"]
        multipart = (b"--b\r\nContent-Disposition: form-data; name=\"files\"; "
                     b"filename=\"next_year.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                     + base_store[1].encode() + b"\r\n--b--\r\n")
        started = time.monotonic()
        response, body = _http(base, "POST", "/data/upload", multipart, cookie, {
            "Content-Type": "multipart/form-data; boundary=b", "X-CSRF-Token": token,
            "Accept": "application/json"})
        assert response.status == 202, body
        job = json.loads(body)
        stages = set()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            answer = json.loads(_http(base, "GET", job["status_url"], cookie=cookie)[1])
            stages.add(answer["stage"])
            if answer["state"] in ("done", "failed"):
                break
            time.sleep(0.5)  # polling the job's status, as the page does
        elapsed = time.monotonic() - started
        assert answer["state"] == "done" and answer["result"] == "loaded", answer
        assert elapsed > 2 * timeout  # the load outlived the worker timeout ...
        assert "Recomputing the indicators from the stored rows." in stages
    assert "WORKER TIMEOUT" not in log.read_text()  # ... and no worker was killed


def test_the_page_reads_a_finished_report_by_its_job_id_only(settings):
    """The report (which can list thousands of problems) never travels up in a callback:
    the page sends the job's id and the server reads the report, for its user only."""
    from tests.support.dash_requests import page_bodies, post

    app = create_app(settings)
    client, token = _signed_in_client(app)
    bad = "area_code,year,live_births,stillbirths,infant_deaths,neonatal_deaths,postneonatal_deaths\n" + \
        "".join(f"E99{n:06d},2020,1,0,0,0,0\n" for n in range(3000))
    job = client.post("/data/upload", content_type="multipart/form-data",
                      headers={"Accept": "application/json", "X-CSRF-Token": token},
                      data={"files": (io.BytesIO(bad.encode()), "bad.csv")}).get_json()
    upload_jobs.wait(job["job"], timeout=300)

    def report_for(visitor) -> str:
        body = next(b for label, b in page_bodies(visitor, "/data", "")
                    if label.startswith("data-upload-report"))
        body["inputs"][0]["value"] = {"job": job["job"], "state": "done"}
        assert len(json.dumps(body)) < 1000
        return json.dumps(post(visitor, body)[1]["response"]["data-upload-report"])

    shown = report_for(client)
    # The readers bound a problem list (the first 20 of a kind, then how many more): the
    # whole bounded report arrives, from the server's copy.
    assert "Refused: " in shown and "E99000019" in shown and "2,980 more row" in shown
    assert "Refused" not in report_for(app.server.test_client())  # not signed in: nothing


@pytest.mark.postgres
def test_a_background_upload_on_postgresql(postgres_server, base_store, tmp_path, sample_stores):
    """On PostgreSQL the jobs and sign-in attempts live in the store itself (migration
    0004); the job's stages are written while the load's transaction is open."""
    url = postgres_server.create_database("upload_background")
    files = sample_stores.files()
    settings = Settings(database_url=url, instance_dir=tmp_path, secret_key="k" * 40,
                        upload_users={USER: hash_password(PASSWORD)})
    engine = make_engine(settings)
    upgrade(engine)
    assert refresh(engine, [files["areas"], files["births_deaths"]], user="sample-data").ok
    client, token = _signed_in_client(create_app(settings))
    job = client.post("/data/upload", content_type="multipart/form-data",
                      headers={"Accept": "application/json", "X-CSRF-Token": token},
                      data={"files": (io.BytesIO(base_store[1].encode()), "next_year.csv")}).get_json()
    upload_jobs.wait(job["job"], timeout=300)
    report = client.get(job["status_url"]).get_json()
    assert report["state"] == "done" and report["result"] == "loaded", report
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT state, stage FROM upload_job").all()
        attempts = connection.exec_driver_sql("SELECT count(*) FROM sign_in_attempt").scalar()
    assert stored == [("done", "Finished.")] and attempts == 0  # a success leaves no attempt
    engine.dispose()
