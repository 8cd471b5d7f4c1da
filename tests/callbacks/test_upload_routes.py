"""The upload routes through Flask's test client on the real app over a SQLite store:
sign-in, CSRF, refusals that change nothing, and a new period loaded by a signed-in user."""

from __future__ import annotations

import dataclasses
import io
import shutil

import pandas as pd
import pytest
from sqlalchemy import func, select

from app import create_app
from callbacks.upload_routes import original_name
from data import upload_jobs
from data.auth import hash_password
from data.queries.data_page import load_history
from data.schema import indicator_value, load, raw_row
from data.settings import Settings
from data.store import make_engine

USER, PASSWORD = "analyst", "a long test passphrase"
BIRTHS_HEADER = "area_code,year,live_births,stillbirths,infant_deaths,neonatal_deaths,postneonatal_deaths"


@pytest.fixture(scope="module")
def base_store(tmp_path_factory, sample_stores):
    """A store holding the sample's areas and births and deaths, built once."""
    base = sample_stores.copy(tmp_path_factory.mktemp("upload-routes"),
                              ("areas", "births_deaths"), name="base.sqlite")
    return base.path, pd.read_csv(base.files["births_deaths"])


@pytest.fixture(scope="module")
def users() -> dict[str, str]:
    return {USER: hash_password(PASSWORD)}


@pytest.fixture
def settings(base_store, users, tmp_path) -> Settings:
    shutil.copy(base_store[0], tmp_path / "store.sqlite")
    return Settings(database_url=f"sqlite:///{tmp_path / 'store.sqlite'}", instance_dir=tmp_path,
                    secret_key="test secret, long and random enough", upload_users=users)


@pytest.fixture
def client(settings):
    return create_app(settings).server.test_client()


@pytest.fixture
def engine(settings):
    engine = make_engine(settings)
    yield engine
    engine.dispose()


def _token(client) -> str:
    return client.get("/data/session").get_json()["csrf_token"]


def _sign_in(client, password: str = PASSWORD):
    return client.post("/data/sign-in",
                       data={"username": USER, "password": password, "csrf_token": _token(client)})


def _upload(client, name: str, text: str, token: str | None):
    data = {"files": (io.BytesIO(text.encode()), name)}
    if token is not None:
        data["csrf_token"] = token
    response = client.post("/data/upload", data=data, content_type="multipart/form-data",
                           headers={"Accept": "application/json"})
    if response.status_code != 202:
        return response
    # Checked and loaded in the background: wait for it, then ask for the report.
    job = response.get_json()
    upload_jobs.wait(job["job"], timeout=300)
    return client.get(job["status_url"], headers={"Accept": "application/json"})


def _state(engine) -> tuple:
    with engine.connect() as connection:
        raw = connection.execute(select(func.count()).select_from(raw_row)).scalar_one()
        values = connection.execute(
            select(func.count(), func.sum(indicator_value.c.value))).one()
        loads = connection.execute(select(func.count()).select_from(load)).scalar_one()
    return raw, tuple(values), loads


VALID_ROW = "E06000008,2099,1804,7,21,19,2"


def test_upload_without_signing_in_is_401_and_changes_nothing(client, engine):
    before = _state(engine)
    response = _upload(client, "births.csv", f"{BIRTHS_HEADER}\n{VALID_ROW}\n", _token(client))
    assert response.status_code == 401
    assert "Sign in" in response.get_json()["error"]
    assert _state(engine) == before


def test_a_wrong_password_or_unknown_user_does_not_sign_in(client, engine):
    response = _sign_in(client, password="not the password")
    assert response.status_code == 303 and response.headers["Location"].endswith("sign_in=failed")
    assert client.get("/data/session").get_json()["signed_in_as"] is None
    response = client.post("/data/sign-in", data={"username": "stranger", "password": PASSWORD,
                                                  "csrf_token": _token(client)})
    assert response.headers["Location"].endswith("sign_in=failed")
    assert _upload(client, "births.csv", f"{BIRTHS_HEADER}\n{VALID_ROW}\n",
                   _token(client)).status_code == 401


def test_sign_in_itself_needs_the_csrf_token(client):
    _token(client)
    response = client.post("/data/sign-in", data={"username": USER, "password": PASSWORD,
                                                  "csrf_token": "forged"})
    assert response.status_code == 403
    assert client.get("/data/session").get_json()["signed_in_as"] is None


def test_a_bad_or_missing_csrf_token_is_403_and_changes_nothing(client, engine):
    assert _sign_in(client).status_code == 303
    assert client.get("/data/session").get_json()["signed_in_as"] == USER
    before = _state(engine)
    body = f"{BIRTHS_HEADER}\n{VALID_ROW}\n"
    assert _upload(client, "births.csv", body, "not-the-token").status_code == 403
    assert _upload(client, "births.csv", body, None).status_code == 403
    assert _state(engine) == before


def test_signing_in_gives_a_fresh_token_and_signing_out_ends_uploads(client):
    before = _token(client)
    _sign_in(client)
    after = _token(client)
    assert after != before  # a new session at sign-in: a token seen before cannot be replayed
    assert client.post("/data/sign-out", data={"csrf_token": after}).status_code == 303
    assert _upload(client, "births.csv", f"{BIRTHS_HEADER}\n{VALID_ROW}\n",
                   _token(client)).status_code == 401


def test_a_malformed_file_is_refused_with_located_problems_and_nothing_changes(client, engine):
    _sign_in(client)
    token = _token(client)
    before = _state(engine)
    text = "\n".join([BIRTHS_HEADER, "E06000008,2099,abc,7,21,19,2",
                      "E99999999,2099,1804,7,21,19,2", VALID_ROW]) + "\n"
    response = _upload(client, "bad_births.csv", text, token)

    assert response.status_code == 200
    report = response.get_json()
    assert report["result"] == "refused" and report["ok"] is False
    located = {(p["file"], p["row"], p["column"], p["value"]) for p in report["problems"]}
    assert ("bad_births.csv", 2, "live_births", "abc") in located
    assert any(p["row"] == 3 and p["value"] == "E99999999" for p in report["problems"])
    assert report["lines"][0].startswith("Refused") and "row 2" in report["lines"][1]
    raw, values, loads = _state(engine)
    assert (raw, values) == before[:2]
    assert loads == before[2] + 1  # the refused attempt is in the load log, by its user
    with engine.connect() as connection:
        last = connection.execute(select(load).order_by(load.c.id.desc())).mappings().first()
    assert (last["result"], last["user_name"]) == ("refused", USER)
    newest = load_history(engine).iloc[0]  # as the data page words it
    found = len(report["problems"])
    assert newest["what_changed"] == [f"Nothing changed: the files were refused ({found} problems found)."]
    assert newest["problems"] == report["lines"][1:]
    assert [f["name"] for f in newest["files"]] == ["bad_births.csv"]


def test_a_valid_new_period_is_loaded_and_its_values_stored(client, engine, base_store):
    births = base_store[1]
    latest = births[births["area_code"] == "E06000008"].sort_values("year").iloc[-1]
    new_year = int(births["year"].max()) + 1
    row = latest.copy()
    row["year"] = new_year
    body = pd.DataFrame([row]).to_csv(index=False)
    _sign_in(client)
    response = _upload(client, "births_next_year.csv", body, _token(client))

    report = response.get_json()
    assert response.status_code == 200 and report["result"] == "loaded", report
    assert report["changes"][0]["new_periods"] == [str(new_year)]
    with engine.connect() as connection:
        value = connection.execute(select(indicator_value.c.value, indicator_value.c.count,
                                          indicator_value.c.denominator).where(
            indicator_value.c.indicator_id == "infant_mortality",
            indicator_value.c.area_code == "E06000008",
            indicator_value.c.period_label == str(new_year),
            indicator_value.c.category_type == "")).one()
        last = connection.execute(select(load).order_by(load.c.id.desc())).mappings().first()
    assert value.count == latest["infant_deaths"] and value.denominator == latest["live_births"]
    assert value.value == pytest.approx(latest["infant_deaths"] / latest["live_births"] * 1000)
    assert last["user_name"] == USER and "births_next_year.csv" in last["files_json"]
    newest = load_history(engine).iloc[0]
    assert newest["what_changed"] == [f"births_deaths: 1 new row; new period {new_year}"]
    assert newest["periods"] == [str(new_year)] and newest["rows"] == 1


def test_uploads_stay_off_with_the_default_secret(settings, engine):
    client = create_app(dataclasses.replace(settings, secret_key="dev-only-change-me")).server.test_client()
    assert client.get("/data/session").get_json()["uploads_unavailable"]
    assert _sign_in(client).headers["Location"].endswith("sign_in=failed")
    assert _upload(client, "births.csv", f"{BIRTHS_HEADER}\n{VALID_ROW}\n",
                   _token(client)).status_code == 401


@pytest.mark.parametrize("sent, saved", [
    ("births.csv", "births.csv"),
    ("C:\\Users\\me\\Extracts\\births 2026.csv", "births 2026.csv"),
    ("../../etc/passwd", "passwd"),
    ("..", "upload"),
    ("", "upload"),
])
def test_files_keep_their_own_name_and_no_folder(sent, saved):
    assert original_name(sent) == saved
