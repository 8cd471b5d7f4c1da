"""National publications (ONS workbook, Fingertips download) load for the areas we know;
rows for other geographies are left out with a note rather than refusing the file."""

from __future__ import annotations

import pytest

from data import queries
from data.refresh import refresh
from data.sample import write_sample


@pytest.fixture
def store_with_areas(store, tmp_path, request, store_snapshots):
    def load():
        files = {p.stem: p for p in write_sample(tmp_path / "sample", last_year=2024)}
        assert refresh(store, [files["areas"]], user="tester").ok

    store_snapshots.prepared(request, "areas", store, load)  # once per backend, then copies
    return store


def test_ons_workbook_gives_england_2020_infant_mortality(store_with_areas, raw_dir):
    workbook = raw_dir / "ons-child-mortality" / "EXAMPLE_cim2020deathcohortworkbook.xlsx"
    report = refresh(store_with_areas, [workbook], user="tester")
    assert report.result == "loaded", report.lines()
    assert any("not in the area table were left out" in note for note in report.notes)
    england = queries.indicator_values(store_with_areas, "infant_mortality", ["E92000001"])
    row = england[england["period_label"] == "2020"].iloc[0]
    # ONS Table_3, England 2020: 2,100 infant deaths among 585,195 live births (IMR 3.6).
    assert (row["count"], row["denominator"]) == (2100, 585195)
    assert row["value"] == pytest.approx(2100 / 585195 * 1000, rel=1e-12)
    assert round(row["value"], 1) == 3.6


def test_fingertips_download_keeps_rows_for_known_areas(store_with_areas, raw_dir):
    export = raw_dir / "fingertips-export-sample" / "indicators-CountyUA.data.csv"
    report = refresh(store_with_areas, [export], user="tester")
    assert report.result == "loaded"
    change = report.changes[0]
    assert change.source == "fingertips" and change.new > 0
    assert change.new_periods == ["2015", "2016", "2017"]
