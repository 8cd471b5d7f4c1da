"""Page views kept per data version, through Flask's test client on the real app: a view
answered from the cache is the one worked out afresh; after a load (here or through the
upload route) the very next view shows the new period; the data page's form follows the
visitor's sign-in, never another visitor's."""

from __future__ import annotations

import json
import shutil

import pytest

from app import create_app
from data.auth import hash_password
from data.queries import cache
from data.refresh import refresh
from data.sample import write_sample
from data.settings import Settings
from data.store import make_engine
from tests.support.dash_requests import page_bodies, post

AREA = "E08000003"
USER, PASSWORD = "analyst", "a long test passphrase"


@pytest.fixture(scope="module")
def base_store(tmp_path_factory, sample_stores):
    """The sample's areas and births and deaths to 2024, and the births file to 2025."""
    base = sample_stores.copy(tmp_path_factory.mktemp("cached-views"), ("areas", "births_deaths"),
                              last_year=2024, name="base.sqlite")
    return base.path, sample_stores.files(2025)["births_deaths"]


@pytest.fixture
def settings(base_store, tmp_path) -> Settings:
    shutil.copy(base_store[0], tmp_path / "store.sqlite")
    return Settings(database_url=f"sqlite:///{tmp_path / 'store.sqlite'}", instance_dir=tmp_path,
                    secret_key="test secret, long and random enough",
                    upload_users={USER: hash_password(PASSWORD)})


def _trend_periods(client) -> list[str]:
    bodies = dict(page_bodies(client, "/trends", f"?area={AREA}&indicator=infant_mortality"))
    _seconds, answer = post(client, bodies["trends-chart.figure ..."])
    return answer["response"]["trends-chart"]["figure"]["layout"]["xaxis"]["categoryarray"]


def test_a_cached_view_is_the_view_worked_out_afresh(settings):
    client = create_app(settings).server.test_client()
    bodies = page_bodies(client, "/compare", f"?area={AREA}")
    cache.clear()
    fresh = [json.dumps(post(client, body)[1], sort_keys=True) for _label, body in bodies]
    cached = [json.dumps(post(client, body)[1], sort_keys=True) for _label, body in bodies]
    assert cached == fresh


def test_a_new_period_loaded_elsewhere_shows_in_the_next_view(settings, base_store):
    app = create_app(settings)
    client = app.server.test_client()
    before = _trend_periods(client)
    assert before[-1] == "2024" and _trend_periods(client) == before  # the second from the cache
    engine = make_engine(settings)  # as the command line or another worker would load it
    assert refresh(engine, [base_store[1]], user="tester").ok
    engine.dispose()
    assert _trend_periods(client) == [*before, "2025"]


def _panel_text(client) -> str:
    """The data page's sign-in or upload form, as its own callback fills it in (the rest
    of the page, the router's answer, is the same for every visitor and kept)."""
    form = dict(page_bodies(client, "/data", ""))["data-upload-panel.children"]
    return json.dumps(post(client, form)[1]["response"]["data-upload-panel"])


def test_the_data_page_form_follows_each_visitors_sign_in(settings):
    app = create_app(settings)
    visitor, other = app.server.test_client(), app.server.test_client()
    assert "Sign in" in _panel_text(visitor)
    token = visitor.get("/data/session").get_json()["csrf_token"]
    visitor.post("/data/sign-in",
                 data={"username": USER, "password": PASSWORD, "csrf_token": token})
    assert "Signed in as " in _panel_text(visitor) and USER in _panel_text(visitor)
    assert "Signed in as" not in _panel_text(other)


def _statements_of_a_view(client, path: str, query: str) -> list[str]:
    """Every SQL statement (with its parameters) the page view's callbacks run, from an
    empty cache."""
    from sqlalchemy import Engine, event

    bodies = page_bodies(client, path, query)
    cache.clear()
    seen: list[str] = []

    def record(_connection, _cursor, statement, parameters, *_args):
        seen.append(" ".join(statement.split()) + f" {parameters!r}")

    event.listen(Engine, "before_cursor_execute", record)
    try:
        for _label, body in bodies:
            post(client, body)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    return [s for s in seen if "FROM load" not in s]  # less the version checks


@pytest.mark.slow
def test_a_view_runs_each_query_once(settings, base_store):
    engine = make_engine(settings)
    cdop = next(p for p in write_sample(settings.instance_dir / "cdop") if p.stem == "cdop")
    assert refresh(engine, [cdop], user="tester").ok
    engine.dispose()
    client = create_app(settings).server.test_client()
    for path in ("/trends", "/child-deaths", "/compare", "/inequalities", "/"):
        statements = _statements_of_a_view(client, path, f"?area={AREA}")
        assert statements, path
        repeated = {s for s in statements if statements.count(s) > 1}
        assert not repeated, f"{path} ran the same query twice: {sorted(repeated)[:2]}"
