"""The scenarios page through the real app (Flask's test client, Dash's JSON bodies): its
callbacks answer on load, and the CSV download carries exactly the issue's columns with
the engine's figures for the targets on the page."""

from __future__ import annotations

import csv
import io

import pytest

from data.queries.scenarios import build_scenario
from data.store import make_engine
from indicators.scenarios.risks import DEFAULT_RELATIVE_RISKS
from indicators.scenarios.simulate import SCENARIO_COLUMNS
from tests.support.dash_requests import collect_components, page_bodies, post, request_body

AREA = "E06000009"


@pytest.fixture(scope="module")
def app_and_settings(tmp_path_factory, sample_stores):
    settings = sample_stores.copy(tmp_path_factory.mktemp("scenarios-app"), (
        "areas", "births_deaths", "satod", "breastfeeding", "deprivation")).settings
    from app import create_app

    return create_app(settings), settings


def test_download_has_the_issues_columns_and_the_engines_figures(app_and_settings):
    app, settings = app_and_settings
    client = app.server.test_client()
    query = f"?area={AREA}&smoking_delivery=6.0"
    bodies = page_bodies(client, "/scenarios", query)
    components = collect_components(client.get("/_dash-layout").get_json(), {})
    components["url"] = ("url", {"pathname": "/scenarios", "search": query})
    _s, answer = post(client, bodies[0][1])
    collect_components(answer["response"]["page-content"]["children"], components)
    for _label, body in bodies[1:]:
        _s, answer = post(client, body)
        assert answer.get("response"), _label
    download = next(d for d in client.get("/_dash-dependencies").get_json()
                    if d["output"] == "scenario-download.data")
    components["scenario-download-button"][1]["n_clicks"] = 1
    _s, answer = post(client, request_body(download, components))
    text = answer["response"]["scenario-download"]["data"]["content"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == SCENARIO_COLUMNS
    engine = make_engine(settings)
    expected = build_scenario(engine, AREA, DEFAULT_RELATIVE_RISKS, {"smoking_delivery": 6.0})
    engine.dispose()
    smoking = next(r for r in rows if r["indicator"] == "smoking_delivery")
    want = expected.table.set_index("indicator").loc["smoking_delivery"]
    assert float(smoking["target_prevalence"]) == pytest.approx(0.06)
    for column in ("current_prevalence", "deaths_avoided_per_year", "deaths_avoided_lower",
                   "deaths_avoided_upper", "share_of_gap"):
        assert float(smoking[column]) == pytest.approx(want[column]), column
