"""Boundary layers: the shipped files against the ONS originals (every English area, small,
attributed, wound as d3 draws them), and a team's own vintage loaded by the command."""

from __future__ import annotations

import json

import pytest

from data import boundaries
from tests.support.command_line import sqlite_command

RAW = {
    "county_ua": ("Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_"
                  "4952317392296043005.geo.json", "CTYUA23CD"),
    "district": ("Local_Authority_Districts_May_2024_Boundaries__UK_BSC_-5684348521832897108"
                 ".geo.json", "LAD24CD"),
    "region": ("Regions_December_2023_Boundaries_EN_BUC_1958740832896680092.geo.json", "RGN23CD"),
}


def _signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


@pytest.mark.parametrize("layer", boundaries.LAYERS)
def test_shipped_layer_has_every_english_area_small_and_attributed(raw_dir, layer):
    name, code = RAW[layer]
    raw = json.loads((raw_dir / "ons-boundaries" / name).read_text(encoding="utf-8"))
    english = {f["properties"][code] for f in raw["features"]
               if f["properties"][code].startswith("E")}
    path = boundaries.SHIPPED_DIR / f"{layer}.geo.json"
    shipped = json.loads(path.read_text(encoding="utf-8"))
    assert {f["id"] for f in shipped["features"]} == english
    assert path.stat().st_size < min(500_000, (raw_dir / "ons-boundaries" / name).stat().st_size)
    assert shipped["attribution"] == boundaries.ATTRIBUTION
    assert "Contains OS data (c) Crown copyright and database right" in boundaries.ATTRIBUTION
    for feature in shipped["features"]:
        assert feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            assert _signed_area(polygon[0]) < 0, f"{feature['id']}: outer ring not clockwise"
            assert all(_signed_area(hole) > 0 for hole in polygon[1:])


def test_generalised_areas_keep_their_place(raw_dir):
    """Each shipped area's box is within about a kilometre of the ONS original's."""
    name, code = RAW["county_ua"]
    raw = json.loads((raw_dir / "ons-boundaries" / name).read_text(encoding="utf-8"))
    shipped = boundaries.load_layer(None, "county_ua")
    for feature in raw["features"]:
        area = feature["properties"][code]
        if not area.startswith("E"):
            continue
        wanted = boundaries.bounds({"features": [{**feature, "id": area}]}, {area})
        got = boundaries.bounds(shipped, {area})
        assert got == pytest.approx(wanted, abs=0.02), area


def test_a_team_loads_another_vintage_and_a_bad_file_changes_nothing(raw_dir, tmp_path):
    run = sqlite_command(tmp_path, "boundaries", timeout=120)

    source = raw_dir / "ons-boundaries" / RAW["region"][0]
    done = run(str(source), "--layer", "region", "--tolerance", "0.02")
    assert done.returncode == 0, done.stderr
    assert "region: 9 English areas" in done.stdout
    own = tmp_path / "boundaries" / "region.geo.json"
    assert boundaries.layer_path(tmp_path, "region") == own
    loaded = boundaries.load_layer(tmp_path, "region")
    assert len(loaded["features"]) == 9
    assert own.stat().st_size < (boundaries.SHIPPED_DIR / "region.geo.json").stat().st_size
    before = own.read_bytes()

    broken = tmp_path / "broken.geo.json"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    refused = run(str(broken), "--layer", "region")
    assert refused.returncode == 1
    assert "broken.geo.json: broken.geo.json: not readable as GeoJSON" in refused.stderr
    assert "the region layer is unchanged" in refused.stderr
    welsh = tmp_path / "welsh.geo.json"
    welsh.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"LAD24CD": "W06000001", "LAD24NM": "Ynys Mon"},
         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}))
    assert "no feature has an English area code" in run(str(welsh), "--layer", "region").stderr
    assert own.read_bytes() == before
