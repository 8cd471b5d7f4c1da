"""Whole callback answers kept per data version (callbacks.response_cache): a repeated
request is answered with the same bytes after one version query and without running the
callback; other inputs, a load, or an unmarked callback run it; a PreventUpdate or an
error keeps nothing; inside one answer every cached query sees one version."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

import pytest
from dash import Dash, Input, Output, html
from dash.exceptions import PreventUpdate
from sqlalchemy import insert

from app import create_app
from callbacks import recent_areas, response_cache, view_cache
from callbacks.context import AppContext
from data.queries import cache
from data.queries.version import data_version
from data.refresh import refresh
from data.schema import load
from data.store import make_engine
from tests.data.test_queries_cache import statements
from tests.support.dash_requests import page_bodies, post

TRENDS = ("/trends", "?area=E08000003&indicator=infant_mortality")


def _body(output: str, value) -> dict:
    component, prop = output.split(".")
    return {"output": output, "outputs": {"id": component, "property": prop},
            "inputs": [{"id": "in", "property": "value", "value": value}], "state": [],
            "changedPropIds": ["in.value"]}


@pytest.fixture
def small_app(tmp_path, sample_stores):
    """A Dash app of three callbacks on a sample store: one marked, one not, one marked that
    refuses odd numbers (PreventUpdate) and fails on "boom"; each counts its runs and notes
    the data version it saw twice over."""
    settings = sample_stores.copy(tmp_path, ("areas",)).settings
    engine = make_engine(settings)
    runs = {"kept": 0, "unmarked": 0, "picky": 0}
    seen = []
    app = Dash(__name__)
    app.layout = html.Div([html.Div(id=name) for name in ("in", "kept", "unmarked", "picky")])

    @app.callback(Output("kept", "children"), Input("in", "value"))
    @view_cache.outputs
    def kept(value):
        runs["kept"] += 1
        seen.append((data_version(engine), data_version(engine)))
        return f"kept {value}"

    @app.callback(Output("unmarked", "children"), Input("in", "value"))
    def unmarked(value):
        runs["unmarked"] += 1
        return f"unmarked {value}"

    @app.callback(Output("picky", "children"), Input("in", "value"))
    @view_cache.outputs
    def picky(value):
        runs["picky"] += 1
        if value == "boom":
            raise RuntimeError("boom")
        if int(value) % 2:
            raise PreventUpdate
        return f"even {value}"

    response_cache.install(app, AppContext(engine=engine, settings=settings))
    cache.clear()
    yield app, engine, runs, seen
    cache.clear()
    engine.dispose()


def test_a_repeat_is_the_same_bytes_without_running_the_callback(small_app):
    app, engine, runs, seen = small_app
    client = app.server.test_client()
    assert set(response_cache.cacheable_outputs(app)) == {"kept.children", "picky.children"}
    with statements(engine) as computing:
        first = client.post("/_dash-update-component", json=_body("kept.children", 1))
    # one read of the version for the answer, though the callback asked twice
    assert sum("FROM load" in statement for statement in computing) == 1
    with statements(engine) as ran:
        again = client.post("/_dash-update-component", json=_body("kept.children", 1))
    assert again.status_code == 200 and again.data == first.data
    assert json.loads(again.data)["response"]["kept"]["children"] == "kept 1"
    assert runs["kept"] == 1 and len(ran) == 1  # the data version, nothing else
    # the trigger is not part of the key: these callbacks never read it
    client.post("/_dash-update-component", json={**_body("kept.children", 1), "changedPropIds": []})
    assert runs["kept"] == 1

    client.post("/_dash-update-component", json=_body("kept.children", 2))  # another value
    assert runs["kept"] == 2
    for _ in range(2):  # an unmarked callback runs each time
        assert client.post("/_dash-update-component",
                           json=_body("unmarked.children", 1)).get_json()["response"]
    assert runs["unmarked"] == 2

    with engine.begin() as connection:  # a load commits: a new data version
        connection.execute(insert(load).values(
            started_at=datetime.now(UTC), finished_at=datetime.now(UTC), user_name="test",
            files_json="[]", source_types="", result="refused"))
    client.post("/_dash-update-component", json=_body("kept.children", 1))
    assert runs["kept"] == 3
    assert seen[-1][0] == data_version(engine) != seen[0][0]


def test_a_prevented_update_or_an_error_keeps_nothing(small_app):
    app, _engine, runs, _seen = small_app
    client = app.server.test_client()
    for _ in range(2):
        assert client.post("/_dash-update-component", json=_body("picky.children", 3)).status_code == 204
    assert runs["picky"] == 2
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    for _ in range(2):
        assert client.post("/_dash-update-component",
                           json=_body("picky.children", "boom")).status_code == 500
    assert runs["picky"] == 4
    for _ in range(2):
        assert client.post("/_dash-update-component",
                           json=_body("picky.children", 4)).get_json()["response"]
    assert runs["picky"] == 5


def test_the_dashboards_chart_is_answered_once_per_version(tmp_path, sample_stores):
    stored = sample_stores.copy(tmp_path, ("areas", "births_deaths"), last_year=2024)
    app = create_app(stored.settings, warm_up=False)
    engine, client = app.dashboard_context.engine, app.server.test_client()
    marked = response_cache.cacheable_outputs(app)
    for output in ("overview-content.children", "trends-chart.figure", "compare-chart.figure",
                   "map-chart.figure", "box-chart.figure", "multiples-chart.figure"):
        assert any(output in name for name in marked), output
    cache.clear()
    # The router's answer is kept, but it still notes every view's area (for the warm-up);
    # the data page's sign-in or upload form, which depends on the visitor, is never kept.
    router = dict(page_bodies(client, "/", "?area=E08000003"))["router: page-content.children ..."]
    post(client, router)
    recent_areas.forget()
    post(client, {**router, "state": [{**router["state"][0], "value": "?area=E06000009"}]})
    post(client, router)
    assert recent_areas.latest()[:2] == ["E08000003", "E06000009"]
    assert "data-upload-panel.children" not in marked
    form = dict(page_bodies(client, "/data", ""))["data-upload-panel.children"]
    with cache.recording() as kept:
        post(client, form)
    assert not [key for key, _value in kept if key[0] == response_cache.KEY]
    recent_areas.forget()
    body = dict(page_bodies(client, *TRENDS))["trends-chart.figure ..."]
    with statements(engine) as computed:
        first = client.post("/_dash-update-component", json=body)
    with statements(engine) as repeated:
        again = client.post("/_dash-update-component", json=body)
    assert len(computed) > 1 and len(repeated) == 1 and again.data == first.data
    figure = json.loads(first.data)["response"]["trends-chart"]["figure"]
    assert figure["layout"]["xaxis"]["categoryarray"][-1] == "2024"

    report = refresh(engine, [sample_stores.files(2025)["births_deaths"]], user="test")
    assert report.ok
    _seconds, answer = post(client, body)
    assert answer["response"]["trends-chart"]["figure"]["layout"]["xaxis"]["categoryarray"][-1] == "2025"
    cache.clear()


def test_a_browser_gets_the_kept_answer_compressed_and_others_get_it_as_dash_made_it(
        tmp_path, sample_stores):
    stored = sample_stores.copy(tmp_path, ("areas", "births_deaths"))
    app = create_app(stored.settings, warm_up=False)
    client = app.server.test_client()
    cache.clear()
    body = dict(page_bodies(client, *TRENDS))["trends-chart.figure ..."]
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    packed = client.post("/_dash-update-component", json=body, headers=browser)
    plain = client.post("/_dash-update-component", json=body)
    cache.clear()
    made = client.post("/_dash-update-component", json=body)  # worked out afresh by Dash
    assert packed.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data == made.data
    assert len(packed.data) * 5 < len(plain.data) and plain.data.startswith(b'{"multi"')
    small = dict(page_bodies(client, *TRENDS))["url.search ..."]
    answer = client.post("/_dash-update-component", json=small, headers=browser)
    assert len(answer.data) < response_cache.COMPRESS_FROM
    assert "Content-Encoding" not in answer.headers and answer.get_json()["response"]
    cache.clear()
