"""The precedence rule on small hand-made inputs: own counts, then the published value,
then an aggregate of children only when every child has counts, else missing with a note;
Fingertips rows aligned by period, sex and category."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.engine import compute_blended

ENGLAND, REGION, UA_A, UA_B = "E92000001", "E12000002", "E06000008", "E06000009"
AREAS = pd.DataFrame({
    "area_code": [ENGLAND, REGION, UA_A, UA_B],
    "area_name": ["England", "North West", "Blackburn with Darwen", "Blackpool"],
    "area_type": ["england", "region", "county_ua", "county_ua"],
    "parent_code": [None, ENGLAND, REGION, REGION]})


def births(codes: list[str], infant: float = 10.0) -> pd.DataFrame:
    rows = [{"area_code": code, "year": year, "live_births": 1500.0, "stillbirths": 5.0,
             "infant_deaths": infant, "neonatal_deaths": infant - 3, "postneonatal_deaths": 3.0,
             "value_note": None} for code in codes for year in (2015, 2016, 2017)]
    return pd.DataFrame(rows)


def fingertips(area_code: str, period: str = "2015 - 17", value: float = 5.0,
               sex: str = "Persons", category_type: str | None = None,
               category: str | None = None, indicator_id: int = 92196) -> dict:
    return {"indicator_id": indicator_id, "area_code": area_code, "sex": sex, "age": "<1 yr",
            "category_type": category_type, "category": category, "time_period": period,
            "value": value, "lower_ci_95": value - 1, "upper_ci_95": value + 1,
            "lower_ci_998": np.nan, "upper_ci_998": np.nan, "count": 20.0,
            "denominator": 4000.0, "value_note": None, "recent_trend": None,
            "compared_to_england": None, "compared_to_region": None}


def shown(raw: dict, area_code: str, indicator_id: str = "infant_mortality_3yr",
          period: str = "2015 - 17", category: str = "") -> pd.Series:
    values = compute_blended(raw, AREAS).values
    rows = values[(values["indicator_id"] == indicator_id) & (values["area_code"] == area_code)
                  & (values["period_label"] == period) & (values["category"] == category)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_aggregate_of_children_when_every_child_has_counts():
    row = shown({"births_deaths": births([UA_A, UA_B])}, REGION)
    assert (row["count"], row["denominator"]) == (60, 9000)
    assert row["provenance"] == "computed" and row["publisher"] is None
    assert row["value_note"] == "Aggregated from all known lower geography values"


def test_published_value_beats_an_aggregate_and_the_aggregate_is_kept_aside():
    raw = {"births_deaths": births([UA_A, UA_B]),
           "fingertips": pd.DataFrame([fingertips(REGION, value=6.5)])}
    row = shown(raw, REGION)
    assert (row["value"], row["provenance"], row["publisher"]) == (6.5, "published",
                                                                   "OHID Fingertips")
    superseded = compute_blended(raw, AREAS).superseded
    aside = superseded[(superseded["area_code"] == REGION)
                       & (superseded["indicator_id"] == "infant_mortality_3yr")]
    assert list(aside["count"]) == [60]
    assert list(aside["provenance"]) == ["computed"]


def test_own_counts_beat_the_published_value():
    raw = {"births_deaths": births([UA_A]),
           "fingertips": pd.DataFrame([fingertips(UA_A, value=9.9)])}
    row = shown(raw, UA_A)
    assert (row["count"], row["provenance"]) == (30, "computed")
    assert row["source_table"] == "births_deaths"


def test_own_missing_count_gives_way_to_the_published_value():
    local = births([UA_A]).assign(infant_deaths=np.nan, neonatal_deaths=np.nan,
                                  value_note="infant_deaths suppressed ('*') in source")
    raw = {"births_deaths": local, "fingertips": pd.DataFrame([fingertips(UA_A, value=7.0)])}
    assert shown(raw, UA_A)["value"] == 7.0


def test_partial_children_give_missing_with_a_note_naming_what_is_missing():
    row = shown({"births_deaths": births([UA_A])}, REGION)
    assert np.isnan(row["value"]) and np.isnan(row["count"])
    assert row["value_note"].endswith("(Not aggregated: 1 of 2 lower geography areas have no "
                                      f"value ({UA_B}))")


def test_fingertips_rows_align_by_period_sex_and_category():
    rows = [fingertips(UA_B, period="2015-17", value=5.0),  # spelt without spaces
            fingertips(UA_B, period="2015-17", value=8.0, sex="Male"),
            fingertips(UA_B, period="2015-17", value=2.0, sex="Female"),
            fingertips(ENGLAND, value=4.0, category_type="District & UA deprivation deciles "
                       "in England (IMD2015)", category="Most deprived decile (IMD2015)"),
            fingertips(UA_B, value=1.0, indicator_id=93356)]  # not in the catalogue
    raw = {"fingertips": pd.DataFrame(rows)}
    assert shown(raw, UA_B)["value"] == 5.0
    decile = shown(raw, ENGLAND, category="Most deprived decile (IMD2015)")
    assert decile["value"] == 4.0
    assert decile["category_type"].startswith("District & UA deprivation deciles")
    values = compute_blended(raw, AREAS).values
    assert set(values["indicator_id"]) == {"infant_mortality_3yr"}


def test_comparison_uses_the_published_benchmark_value():
    raw = {"births_deaths": births([UA_A], infant=20.0),  # 60 / 4,500: 13.3 per 1,000
           "fingertips": pd.DataFrame([fingertips(ENGLAND, value=4.0),
                                       fingertips(REGION, value=14.0)])}
    row = shown(raw, UA_A)
    assert row["lower95"] > 4.0 and row["lower95"] < 14.0 < row["upper95"]
    assert (row["compared_england"], row["compared_region"]) == ("Worse", "Similar")


@pytest.mark.parametrize("trend", ["Decreasing and getting better", None])
def test_published_trend_is_used_where_ours_cannot_be_tested(trend):
    rows = [{**fingertips(ENGLAND, period=f"{y} - {str(y + 2)[2:]}"),
             "recent_trend": trend if y == 2015 else None} for y in range(2011, 2016)]
    row = shown({"fingertips": pd.DataFrame(rows)}, ENGLAND)
    if trend is None:
        assert row["recent_trend"] == "Cannot be calculated"
    else:
        assert row["recent_trend"] == trend
        assert row["trend_note"].startswith("As published by OHID Fingertips")
