"""The CSV downloads of the map and the all-areas overview, called as the browser calls them
(Flask's test client, Dash's callback JSON): the rows are the view's areas and values."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

UPDATE = "/_dash-update-component"


@pytest.fixture(scope="module")
def client(tmp_path_factory, sample_stores):
    settings = sample_stores.copy(tmp_path_factory.mktemp("downloads"),
                                  ("areas", "births_deaths", "satod")).settings
    from app import create_app

    return create_app(settings).server.test_client()


def _control(page: str, key: str, value):
    return {"id": {"key": key, "page": page, "type": "url-control"}, "property": "value",
            "value": value}


def _download(client, button: str, target: str, state: list[dict]) -> pd.DataFrame:
    body = {"output": f"{target}.data", "outputs": {"id": target, "property": "data"},
            "inputs": [{"id": button, "property": "n_clicks", "value": 1}], "state": state,
            "changedPropIds": [f"{button}.n_clicks"]}
    response = client.post(UPDATE, json=body)
    assert response.status_code == 200, response.text[:500]
    data = json.loads(response.data)["response"][target]["data"]
    return pd.read_csv(io.StringIO(data["content"]))


def test_map_csv_lists_the_regions_areas(client):
    frame = _download(client, "map-download-button", "map-download", [
        _control("map", "indicator", "93085"), _control("map", "area", "E10000017"),
        _control("map", "period", None), _control("map", "geography", "county_ua"),
        _control("map", "zoom", "E12000002")])
    assert len(frame) == 24 and set(frame["region_code"]) == {"E12000002"}
    assert (frame["indicator_id"] == "smoking_delivery").all()
    assert frame["value"].notna().all() and set(frame["compared_england"]) <= {
        "Better", "Similar", "Worse"}


def test_all_areas_csv_has_every_indicator_and_area(client):
    frame = _download(client, "all-areas-download-button", "all-areas-download", [
        _control("all-areas", "area", "E10000017"), _control("all-areas", "areas", "region")])
    assert frame["area_code"].nunique() == 24 + 2  # the region's areas, the region, England
    assert frame.groupby("indicator_id").size().eq(26).all()
    assert frame.loc[frame["role"] == "area", "area_code"].unique().tolist() == ["E10000017"]
