"""The first slice end to end, on SQLite and PostgreSQL: sample extracts -> load -> store ->
infant mortality with its confidence interval, checked against an independent calculation."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy.stats import chi2, norm

from data import queries
from data.load_log import history
from data.refresh import refresh


def _expected_rate(count: float, births: float) -> tuple[float, float, float]:
    """Independent reference: methods.md's exact Poisson (< 10) or Byar's, per 1,000."""
    z = norm.ppf(0.975)
    if count < 10:
        low = 0.0 if count == 0 else chi2.ppf(0.025, 2 * count) / 2
        high = chi2.ppf(0.975, 2 * count + 2) / 2
    else:
        low = count * (1 - 1 / (9 * count) - z / (3 * count**0.5)) ** 3
        high = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * (count + 1) ** 0.5)) ** 3
    return count / births * 1000, low / births * 1000, high / births * 1000


def test_births_deaths_load_gives_infant_mortality_for_areas_region_and_england(store, sample_files):
    report = refresh(store, [sample_files["areas"], sample_files["births_deaths"]], user="tester")
    assert report.result == "loaded", report.lines()

    raw = pd.read_csv(sample_files["births_deaths"])
    values = queries.indicator_values(store, "infant_mortality")
    checked = 0
    for code in ["E92000001", "E12000002", "E08000003", "E06000009"]:
        source = raw[(raw["area_code"] == code) & (raw["year"] == 2024)].iloc[0]
        row = values[(values["area_code"] == code) & (values["period_label"] == "2024")].iloc[0]
        value, low, high = _expected_rate(source["infant_deaths"], source["live_births"])
        assert row["count"] == source["infant_deaths"]
        assert row["denominator"] == source["live_births"]
        assert row["value"] == pytest.approx(value, rel=1e-9)
        assert row["lower95"] == pytest.approx(low, rel=1e-6)
        assert row["upper95"] == pytest.approx(high, rel=1e-6)
        checked += 1
    assert checked == 4
    england = values[values["area_code"] == "E92000001"]
    assert england["period_label"].tolist()[:2] == ["2010", "2011"]


def test_loading_the_same_files_twice_changes_nothing(store, sample_files):
    files = [sample_files["areas"], sample_files["births_deaths"]]
    first = refresh(store, files, user="tester")
    before = queries.indicator_values(store, "infant_mortality")
    second = refresh(store, files, user="tester")
    after = queries.indicator_values(store, "infant_mortality")
    assert first.result == "loaded" and second.result == "unchanged"
    assert all(change.new == 0 and change.revised == 0 for change in second.changes)
    pd.testing.assert_frame_equal(before.drop(columns=["id"]), after.drop(columns=["id"]))
    log = history(store)
    assert log["result"].tolist() == ["unchanged", "loaded"]
    assert log.iloc[1]["files"] == "areas.csv, births_deaths.csv"


def test_a_revised_file_replaces_the_rows_it_covers_and_reports_them(store, sample_files, tmp_path):
    refresh(store, [sample_files["areas"], sample_files["births_deaths"]], user="tester")
    revised = pd.read_csv(sample_files["births_deaths"])
    mask = (revised["area_code"] == "E08000003") & (revised["year"] == 2024)
    old_deaths = int(revised.loc[mask, "infant_deaths"].iloc[0])
    revised.loc[mask, "infant_deaths"] = old_deaths + 5
    revised.loc[mask, "postneonatal_deaths"] += 5
    revised = revised[revised["year"] == 2024]
    path = tmp_path / "births_deaths_revised.csv"
    revised.to_csv(path, index=False)

    report = refresh(store, [path], user="tester")
    assert report.result == "loaded"
    change = report.changes[0]
    assert (change.revised, change.new) == (1, 0)
    assert "E08000003|2024" in change.revised_examples[0]
    assert f"infant_deaths {old_deaths} -> {old_deaths + 5}" in change.revised_examples[0]
    values = queries.indicator_values(store, "infant_mortality", ["E08000003"])
    assert values.loc[values["period_label"] == "2024", "count"].iloc[0] == old_deaths + 5
    # Rows the revised file does not cover are kept.
    assert "2010" in values["period_label"].tolist()


def test_a_changed_method_recomputes_on_the_next_refresh(store, sample_files, monkeypatch):
    """With no extract changed, a new METHODS_VERSION still makes the refresh recompute."""
    from sqlalchemy import select

    import data.catalogue_store as catalogue_store
    from data.schema import indicator_value

    files = [sample_files["areas"], sample_files["births_deaths"]]
    first = refresh(store, files, user="tester")
    monkeypatch.setattr(catalogue_store, "METHODS_VERSION", catalogue_store.METHODS_VERSION + 1)
    second = refresh(store, files, user="tester")
    assert second.result == "unchanged"
    with store.connect() as connection:
        load_ids = set(connection.execute(select(indicator_value.c.load_id).distinct()).scalars())
    assert load_ids == {second.load_id} and first.load_id != second.load_id
