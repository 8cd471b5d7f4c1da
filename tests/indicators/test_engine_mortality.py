"""Infant mortality (annual and 3-year pooled) and the other birth rates through the engine."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators.engine import OUTPUT_COLUMNS, compute_indicator_values
from tests.indicators.engine_fixtures import AREAS, births_deaths, one, rate_reference

AGGREGATED = "Aggregated from all known lower geography values"

RAW = births_deaths([
    # area, year, births, stillbirths, infant, neonatal, postneonatal
    ("E06000001", 2020, 931, 2, 4, 3, 1),
    ("E06000001", 2021, 950, 3, 6, 4, 2),
    ("E06000001", 2022, 940, 1, 12, 8, 4),
    ("E06000002", 2020, 1754, 9, 10, 9, 1),
    ("E06000002", 2021, 1700, 7, 11, 7, 4),
    ("E06000002", 2022, 1690, 8, np.nan, np.nan, np.nan),
    ("E07000117", 2020, 1100, 4, 5, 3, 2),
    ("E07000118", 2020, 1200, 5, 6, 4, 2),
    ("E06000008", 2020, 1800, 6, 14, 10, 4),
    # North West supplied for 2020: used as supplied, not summed from its children.
    ("E12000002", 2020, 80000, 300, 300, 220, 80),
])


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    raw = RAW.assign(value_note=None)
    raw.loc[raw["infant_deaths"].isna(), "value_note"] = "infant_deaths suppressed ('*') in source"
    return compute_indicator_values({"births_deaths": raw}, AREAS)


def test_columns_are_exactly_the_indicator_value_columns(values):
    assert list(values.columns) == OUTPUT_COLUMNS


@pytest.mark.parametrize(("area", "year", "deaths", "births"), [
    ("E06000001", "2020", 4, 931),     # exact Poisson (count < 10)
    ("E06000002", "2021", 11, 1700),   # Byar's
    ("E06000001", "2022", 12, 940),
])
def test_annual_rate_and_limits_match_hand_calculation(values, area, year, deaths, births):
    row = one(values, "infant_mortality", area, year)
    for level, lower_col, upper_col in ((0.95, "lower95", "upper95"),
                                        (0.998, "lower998", "upper998")):
        value, lower, upper = rate_reference(deaths, births, 1000, level)
        assert row["value"] == pytest.approx(value, rel=1e-9)
        assert row[lower_col] == pytest.approx(lower, rel=1e-9)
        assert row[upper_col] == pytest.approx(upper, rel=1e-9)
    assert row["count"] == deaths and row["denominator"] == births
    assert row["period_kind"] == "calendar" and row["year_range"] == 1
    assert row["period_start"] == f"{year}-01-01" and row["period_sortable"] == int(year) * 10000


def test_three_year_pooled_rate_sums_counts_then_divides(values):
    row = one(values, "infant_mortality_3yr", "E06000001", "2020 - 22")
    value, lower, upper = rate_reference(4 + 6 + 12, 931 + 950 + 940, 1000, 0.95)
    assert (row["count"], row["denominator"]) == (22, 2821)
    assert row["value"] == pytest.approx(value, rel=1e-9)
    assert (row["lower95"], row["upper95"]) == (pytest.approx(lower), pytest.approx(upper))
    assert row["period_kind"] == "pooled" and row["year_range"] == 3
    assert (row["period_start"], row["period_end"]) == ("2020-01-01", "2022-12-31")


def test_suppressed_count_stays_missing_with_its_note(values):
    row = one(values, "infant_mortality", "E06000002", "2022")
    assert math.isnan(row["value"]) and math.isnan(row["count"]) and math.isnan(row["lower95"])
    assert row["value_note"] == "infant_deaths suppressed ('*') in source"
    pooled = one(values, "infant_mortality_3yr", "E06000002", "2020 - 22")
    assert math.isnan(pooled["value"]) and "missing" in pooled["value_note"]
    # the stillbirth rate of the same row is unaffected
    assert one(values, "stillbirth_rate", "E06000002", "2022")["count"] == 8


def test_stillbirth_rate_is_per_thousand_total_births(values):
    row = one(values, "stillbirth_rate", "E06000001", "2020")
    assert row["denominator"] == 931 + 2
    assert row["value"] == pytest.approx(2 / 933 * 1000)


def test_parent_without_a_row_is_aggregated_from_its_children(values):
    lancashire = one(values, "infant_mortality", "E10000017", "2020")
    assert (lancashire["count"], lancashire["denominator"]) == (11, 2300)
    assert lancashire["value_note"] == AGGREGATED
    north_east = one(values, "infant_mortality", "E12000001", "2021")
    assert (north_east["count"], north_east["denominator"]) == (17, 2650)
    assert north_east["value_note"] == AGGREGATED


def test_supplied_parent_row_is_used_as_supplied(values):
    north_west = one(values, "infant_mortality", "E12000002", "2020")
    assert (north_west["count"], north_west["denominator"]) == (300, 80000)
    assert north_west["value_note"] is None


def test_parent_with_a_missing_child_is_missing_and_names_the_child(values):
    # Middlesbrough 2022 is suppressed: a North East sum of Hartlepool alone would
    # understate it, so the region's value is missing and the note says why.
    north_east = one(values, "infant_mortality", "E12000001", "2022")
    assert math.isnan(north_east["count"]) and math.isnan(north_east["value"])
    assert north_east["value_note"] == (
        "Not aggregated: 1 of 2 lower geography areas have no value (E06000002)")
    # The North West has no rows for 2021 at all, so England 2021 is not a North East sum.
    england_2021 = one(values, "infant_mortality", "E92000001", "2021")
    assert math.isnan(england_2021["value"])
    assert "(E12000002)" in england_2021["value_note"]
    england = one(values, "infant_mortality", "E92000001", "2020")
    assert england["count"] == 4 + 10 + 300  # North East (aggregated) + North West (supplied)
    assert england["value_note"] == AGGREGATED


def test_rows_are_in_a_deterministic_order():
    first = compute_indicator_values({"births_deaths": RAW}, AREAS)
    again = compute_indicator_values({"births_deaths": RAW.sample(frac=1, random_state=1)},
                                     AREAS.sample(frac=1, random_state=2))
    pd.testing.assert_frame_equal(first, again)


def test_no_raw_tables_gives_no_rows():
    values = compute_indicator_values({}, AREAS)
    assert values.empty and list(values.columns) == OUTPUT_COLUMNS


def test_bad_year_is_a_clear_error():
    with pytest.raises(ValueError, match="year 'twenty' .* is not a whole calendar year"):
        compute_indicator_values({"births_deaths": RAW.assign(year="twenty")}, AREAS)
