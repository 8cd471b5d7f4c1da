"""Infant mortality by ethnic group through the engine, against values worked by hand:
deaths per 1,000 live births in each ONS 2021 high-level group, exact Poisson limits below
10 deaths and Byar's from 10, the 3-year pooled series (counts and births summed), each
group compared with England's rate for the same group, and missing counts kept missing."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy.stats import chi2

from indicators.catalogue import get_indicator
from indicators.engine import compute_indicator_values
from tests.indicators.engine_fixtures import AREAS

COLUMNS = ["area_code", "year", "ethnic_group", "live_births", "infant_deaths"]
ROWS = [row for year in (2019, 2020, 2021) for row in (
    ("E92000001", year, "Asian", 80000, 400), ("E92000001", year, "White", 400000, 1400),
    ("E06000001", year, "Asian", 1500, 12), ("E06000001", year, "White", 2000, 4),
    # deaths suppressed in the source: missing, never zero
    ("E06000001", year, "Not known", 100, None))]
TABLE = pd.DataFrame(ROWS, columns=COLUMNS)


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return compute_indicator_values({"births_deaths_ethnicity": TABLE}, AREAS)


def _row(values: pd.DataFrame, indicator: str, period: str, group: str) -> pd.Series:
    rows = values[(values["indicator_id"] == indicator) & (values["area_code"] == "E06000001")
                  & (values["period_label"] == period) & (values["category"] == group)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_annual_rate_with_exact_poisson_limits_below_ten_deaths(values):
    # 4 / 2,000 x 1,000 = 2.0; exact limits chi2(0.025, 8)/2 = 1.0899 and
    # chi2(0.975, 10)/2 = 10.2416 deaths, per 2,000 births x 1,000
    row = _row(values, "infant_mortality_ethnic", "2021", "White")
    assert (row["category_type"], row["count"], row["denominator"]) == ("Ethnic group", 4, 2000)
    assert row["value"] == pytest.approx(2.0)
    assert row["lower95"] == pytest.approx(1.0899 / 2, abs=1e-3)
    assert row["upper95"] == pytest.approx(10.2416 / 2, abs=1e-3)
    assert row["lower95"] == pytest.approx(chi2.ppf(0.025, 8) / 2 / 2)


def test_pooled_rate_with_byars_limits_and_comparison_with_englands_group(values):
    # 36 / 4,500 x 1,000 = 8.0; Byar's: 36 (1 - 1/324 - 1.96/(3 x 6))^3 = 25.2105 and
    # 37 (1 - 1/333 + 1.96/(3 sqrt 37))^3 = 49.8407 deaths, per 4,500 x 1,000
    row = _row(values, "infant_mortality_ethnic_3yr", "2019 - 21", "Asian")
    assert (row["count"], row["denominator"]) == (36, 4500)
    assert row["value"] == pytest.approx(8.0)
    assert row["lower95"] == pytest.approx(25.2105 / 4.5, abs=1e-3)
    assert row["upper95"] == pytest.approx(49.8407 / 4.5, abs=1e-3)
    # England's Asian rate, 1,200 / 240,000 = 5.0, lies below the lower limit 5.60
    assert row["compared_england"] == "Worse"
    white = _row(values, "infant_mortality_ethnic_3yr", "2019 - 21", "White")
    # 12 / 6,000 = 2.0 (1.03 to 3.49) against England's White 3.5
    assert white["value"] == pytest.approx(2.0) and white["compared_england"] == "Better"


def test_suppressed_deaths_stay_missing(values):
    row = _row(values, "infant_mortality_ethnic", "2021", "Not known")
    assert math.isnan(row["value"]) and "infant_deaths" in row["value_note"]
    pooled = _row(values, "infant_mortality_ethnic_3yr", "2019 - 21", "Not known")
    assert math.isnan(pooled["value"]) and "Not calculated" in pooled["value_note"]


def test_catalogue_entries():
    annual, pooled = (get_indicator(i) for i in ("infant_mortality_ethnic",
                                                 "infant_mortality_ethnic_3yr"))
    assert annual.categories == ("Asian", "Black", "Mixed", "White", "Other", "Not known")
    assert (annual.source_table, annual.category_type, annual.ci_method) == (
        "births_deaths_ethnicity", "Ethnic group", "poisson")
    assert (pooled.year_range, pooled.pooled_from, pooled.fingertips_id) == (
        3, "infant_mortality_ethnic", None)


def test_a_group_outside_the_ons_groups_is_refused():
    bad = TABLE.assign(ethnic_group=["Martian", *TABLE["ethnic_group"][1:]])
    with pytest.raises(ValueError, match="Martian"):
        compute_indicator_values({"births_deaths_ethnicity": bad}, AREAS)
