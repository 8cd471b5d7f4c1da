"""Smoking at delivery, breastfeeding and low birth weight through the engine, with the
comparisons (England, region, goal) and data-quality flags they carry."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators.engine import compute_indicator_values
from tests.indicators.engine_fixtures import AREAS, one, wilson_reference

SATOD = pd.DataFrame(
    [
        # area, period, maternities, smokers, non-smokers, status unknown
        ("E92000001", "2023/24", 560000, 40000, 500000, 20000),
        ("E12000001", "2023/24", 24000, 2500, 21000, 500),
        ("E06000001", "2023/24", 900, 150, 700, 50),       # 16.7%: worse; 5.6% unknown
        ("E06000002", "2023/24", 1700, 85, 1460, 155),     # 5.5%: better; 9.1% unknown
        ("E06000008", "2023/24", 1500, 60, 1290, 150),     # 4.4% <= 6%; 10% unknown
        # Blackburn's quarters of 2022/23 (no annual row): summed into the year
        ("E06000008", "2022/23 Q1", 400, 40, 350, 10),
        ("E06000008", "2022/23 Q2", 380, 30, 340, 10),
        ("E06000008", "2022/23 Q3", 390, 35, 345, 10),
        ("E06000008", "2022/23 Q4", 410, 45, 355, 10),
        # Hartlepool has three quarters only: no financial year is made up
        ("E06000001", "2022/23 Q1", 230, 40, 180, 10),
        ("E06000001", "2022/23 Q2", 220, 38, 172, 10),
        ("E06000001", "2022/23 Q3", 240, 41, 189, 10),
    ],
    columns=["area_code", "period", "maternities", "smokers", "non_smokers", "status_unknown"],
)

BREASTFEEDING = pd.DataFrame(
    [
        # area, period, first feed known, first feed breastmilk, due review, totally,
        # partially, not breastfed, status unknown
        ("E06000001", "2023/24", 880, 600, 900, 250, 150, 400, 100),
        ("E06000002", "2023/24", 1650, 1200, np.nan, np.nan, np.nan, np.nan, np.nan),
        ("E06000008", "2023/24", np.nan, np.nan, 1500, np.nan, 300, 700, 20),
    ],
    columns=["area_code", "period", "births_first_feed_known", "first_feed_breastmilk",
             "infants_due_review", "totally_breastfed", "partially_breastfed",
             "not_breastfed", "status_unknown"],
)


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    births = pd.DataFrame({"area_code": ["E06000001", "E06000002"], "year": [2022, 2022],
                           "live_births": [930, 1700], "stillbirths": [2, 5],
                           "infant_deaths": [4, 11], "neonatal_deaths": [3, 7],
                           "postneonatal_deaths": [1, 4],
                           "term_births_weight_known": [820, np.nan],
                           "term_low_birth_weight": [25, np.nan]})
    return compute_indicator_values({"satod": SATOD, "breastfeeding": BREASTFEEDING,
                                     "births_deaths": births}, AREAS)


def test_smoking_excludes_unknown_status_from_the_denominator(values):
    row = one(values, "smoking_delivery", "E06000001", "2023/24")
    assert (row["count"], row["denominator"]) == (150, 850)
    for level, low, high in ((0.95, "lower95", "upper95"), (0.998, "lower998", "upper998")):
        value, lower, upper = wilson_reference(150, 850, level)
        assert row["value"] == pytest.approx(value, rel=1e-12)
        assert (row[low], row[high]) == (pytest.approx(lower, rel=1e-12),
                                         pytest.approx(upper, rel=1e-12))
    assert row["period_kind"] == "financial" and row["period_start"] == "2023-04-01"


def test_smoking_compared_with_england_region_and_the_6_percent_goal(values):
    hartlepool = one(values, "smoking_delivery", "E06000001", "2023/24")
    assert hartlepool["compared_england"] == "Worse"   # 17.6% vs England 7.4%
    assert hartlepool["compared_region"] == "Worse"    # vs North East 10.6%
    assert hartlepool["compared_goal"] == "Worse"
    middlesbrough = one(values, "smoking_delivery", "E06000002", "2023/24")
    assert middlesbrough["compared_england"] == "Better"
    assert middlesbrough["compared_goal"] == "Similar"  # 5.5% (4.4 - 6.8) straddles 6%
    england = one(values, "smoking_delivery", "E92000001", "2023/24")
    assert england["compared_england"] == "Not compared"
    assert england["compared_region"] == "Not compared"
    region = one(values, "smoking_delivery", "E12000001", "2023/24")
    assert region["compared_region"] == "Not compared"
    assert region["compared_england"] == "Worse"


def test_status_unknown_is_flagged_at_5_and_named_at_10_percent(values):
    flagged = one(values, "smoking_delivery", "E06000002", "2023/24")
    assert flagged["dq_value"] == pytest.approx(155 / 1700 * 100)
    assert flagged["dq_flag"] == "Flagged: % smoking status not known 5% or more"
    named = one(values, "smoking_delivery", "E06000008", "2023/24")
    assert named["dq_flag"] == "Named: % smoking status not known 10% or more"
    assert one(values, "smoking_delivery", "E92000001", "2023/24")["dq_flag"] is None


def test_quarters_are_kept_and_a_full_year_of_quarters_makes_the_year(values):
    quarter = one(values, "smoking_delivery_quarterly", "E06000008", "2022/23 Q4")
    assert (quarter["count"], quarter["denominator"], quarter["period_kind"]) == (
        45, 400, "quarter")
    year = one(values, "smoking_delivery", "E06000008", "2022/23")
    assert (year["count"], year["denominator"]) == (150, 1540)
    assert year["value_note"] == "Financial year summed from its four quarters"
    assert year["dq_value"] == pytest.approx(40 / 1580 * 100)
    hartlepool = values[(values["indicator_id"] == "smoking_delivery")
                        & (values["area_code"] == "E06000001")]
    assert hartlepool["period_label"].tolist() == ["2023/24"]


def test_breastfeeding_prevalence_of_infants_with_known_status(values):
    row = one(values, "breastfeeding_6_8_weeks", "E06000001", "2023/24")
    assert (row["count"], row["denominator"]) == (400, 800)
    assert row["dq_value"] == pytest.approx(100 / 900 * 100)
    assert row["dq_flag"] == "Named: % breastfeeding status not known 10% or more"
    coverage = one(values, "breastfeeding_6_8_weeks_coverage", "E06000001", "2023/24")
    assert (coverage["count"], coverage["denominator"]) == (800, 900)
    assert coverage["compared_england"] == "Not compared"
    first = one(values, "first_feed_breastmilk", "E06000001", "2023/24")
    assert first["value"] == pytest.approx(600 / 880 * 100)


def test_blank_blocks_give_no_row_and_a_partial_block_a_missing_value(values):
    middlesbrough = values[values["area_code"] == "E06000002"]
    assert "breastfeeding_6_8_weeks" not in set(middlesbrough["indicator_id"])
    partial = one(values, "breastfeeding_6_8_weeks", "E06000008", "2023/24")
    assert math.isnan(partial["value"]) and math.isnan(partial["count"])
    assert partial["value_note"] == "totally_breastfed not available in source"


def test_low_birth_weight_of_term_babies_only_where_supplied(values):
    row = one(values, "low_birth_weight_term", "E06000001", "2022")
    assert row["value"] == pytest.approx(25 / 820 * 100)
    lbw = values[values["indicator_id"] == "low_birth_weight_term"]
    assert "E06000002" not in set(lbw["area_code"])


def test_region_comparison_uses_the_region_above_a_district():
    births = pd.DataFrame({
        "area_code": ["E07000117", "E07000118", "E06000008", "E12000002", "E92000001"],
        "year": 2022, "live_births": [1000, 1000, 1500, 80000, 600000],
        "stillbirths": 3, "infant_deaths": [30, 3, 5, 300, 2200],
        "neonatal_deaths": [20, 2, 3, 200, 1500], "postneonatal_deaths": [10, 1, 2, 100, 700]})
    values = compute_indicator_values({"births_deaths": births}, AREAS)
    burnley = one(values, "infant_mortality", "E07000117", "2022")
    assert burnley["compared_region"] == "Worse"      # 30.0 vs North West 3.75
    chorley = one(values, "infant_mortality", "E07000118", "2022")
    assert chorley["compared_region"] == "Similar"
    lancashire = one(values, "infant_mortality", "E10000017", "2022")
    assert lancashire["count"] == 33 and lancashire["compared_england"] == "Worse"
