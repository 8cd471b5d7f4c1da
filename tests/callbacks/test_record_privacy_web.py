"""The data page and the upload route over the real app: child death review revisions are
counts for visitors and for signed-in users without the record role, examples for those
with it; a refused review file's problems come back located but without cell values."""

from __future__ import annotations

import dataclasses
import io
import json

import pandas as pd
import pytest

from app import create_app
from data import upload_jobs
from data.auth import hash_password
from data.refresh import refresh
from data.store import make_engine
from tests.support.dash_requests import page_bodies, post

USER, PASSWORD = "analyst", "a long test passphrase"
SECRET = "Zebra-4471"


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_stores):
    folder = tmp_path_factory.mktemp("privacy-web")
    base = sample_stores.copy(folder, ("areas", "births_deaths", "cdop"), name="s.sqlite",
                              secret_key="test secret, long and random enough, 32+",
                              upload_users={USER: hash_password(PASSWORD)})
    settings, files = base.settings, base.files
    engine = make_engine(settings)
    reviews = pd.read_csv(files["cdop"], dtype=str, keep_default_na=False)
    reviews.loc[:1, "category"] = "1" if reviews.loc[0, "category"] != "1" else "2"
    reviews.to_csv(folder / "revised.csv", index=False)
    assert refresh(engine, [folder / "revised.csv"], user="analyst").result == "loaded"
    engine.dispose()
    return settings, list(reviews.loc[:1, "case_id"]), reviews


def _history_json(client) -> str:
    for label, body in page_bodies(client, "/data", ""):
        if label.startswith("data-upload-report"):
            return json.dumps(post(client, body)[1])
    raise AssertionError("no data tables callback")


def _sign_in(client) -> None:
    token = client.get("/data/session").get_json()["csrf_token"]
    client.post("/data/sign-in", data={"username": USER, "password": PASSWORD, "csrf_token": token})


@pytest.mark.parametrize("viewers, signed_in, shown", [
    (None, False, False), (frozenset(), True, False), (None, True, True),
    (frozenset({USER}), True, True)])
def test_revision_examples_only_for_the_record_role(store, viewers, signed_in, shown):
    settings, case_ids, _reviews = store
    client = create_app(dataclasses.replace(settings, record_viewers=viewers)).server.test_client()
    if signed_in:
        _sign_in(client)
    text = _history_json(client)
    assert ("2 reviews revised" in text) is not shown
    assert (case_ids[0] in text) is shown


def test_a_refused_review_upload_is_located_without_values(store):
    settings, _case_ids, reviews = store
    client = create_app(settings).server.test_client()
    _sign_in(client)
    bad = reviews.head(3).copy()
    bad.loc[1, "sex"] = SECRET
    token = client.get("/data/session").get_json()["csrf_token"]
    response = client.post("/data/upload", content_type="multipart/form-data",
                           headers={"Accept": "application/json", "X-CSRF-Token": token},
                           data={"files": (io.BytesIO(bad.to_csv(index=False).encode()), "bad.csv")})
    payload = response.get_json()
    payload = _finished(client, payload)
    assert payload["result"] == "refused"
    assert SECRET not in json.dumps(payload)
    assert any(p["row"] == 3 and p["column"] == "sex" for p in payload["problems"])


def _finished(client, payload: dict) -> dict:
    """The upload's report (the route answers at once and loads in the background)."""
    upload_jobs.wait(payload["job"], timeout=300)
    return client.get(payload["status_url"]).get_json()


@pytest.mark.parametrize("viewers, shown", [(frozenset(), False), (None, True)])
def test_an_uploaded_revision_is_reported_by_role(store, viewers, shown):
    settings, _case_ids, reviews = store
    client = create_app(dataclasses.replace(settings, record_viewers=viewers)).server.test_client()
    _sign_in(client)
    revised = reviews.copy()
    row = 6 if shown else 5  # a row of its own for each case (the store is shared)
    revised.loc[row, "sex"] = "Male" if revised.loc[row, "sex"] != "Male" else "Female"
    token = client.get("/data/session").get_json()["csrf_token"]
    payload = client.post("/data/upload", content_type="multipart/form-data",
                          headers={"Accept": "application/json", "X-CSRF-Token": token},
                          data={"files": (io.BytesIO(revised.to_csv(index=False).encode()),
                                          "revised_again.csv")}).get_json()
    payload = _finished(client, payload)
    assert payload["result"] == "loaded"
    case = revised.loc[row, "case_id"]
    assert (case in json.dumps(payload)) is shown
    assert bool(payload["changes"][0]["revised_examples"]) is shown
