"""Smoking at booking, obesity in early pregnancy and early access through the engine:
proportions of bookings with the status recorded, Wilson intervals, the "not recorded"
data-quality share, and financial years summed from four quarters."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators.engine import compute_indicator_values
from tests.indicators.engine_fixtures import AREAS, one, wilson_reference

COLUMNS = ["area_code", "period", "bookings", "smokers_at_booking", "non_smokers_at_booking",
           "smoking_unknown_at_booking", "bmi_30_or_over", "bmi_under_30", "bmi_unknown",
           "booked_by_10_weeks", "booked_after_10_weeks", "gestation_unknown"]
BOOKING = pd.DataFrame([
    ("E92000001", "2023/24", 600000, 72000, 522000, 6000, 150000, 430000, 20000, 420000,
     170000, 10000),
    ("E06000001", "2023/24", 1000, 150, 800, 50, 270, 630, 100, 560, 420, 20),
    # a BMI the provider did not send: missing, never zero
    ("E06000002", "2023/24", 1700, 170, 1500, 30, None, None, None, 1200, 480, 20),
    ("E06000008", "2022/23 Q1", 400, 40, 355, 5, 100, 290, 10, 250, 140, 10),
    ("E06000008", "2022/23 Q2", 380, 30, 345, 5, 95, 280, 5, 240, 130, 10),
    ("E06000008", "2022/23 Q3", 390, 35, 350, 5, 97, 288, 5, 260, 120, 10),
    ("E06000008", "2022/23 Q4", 410, 45, 360, 5, 103, 300, 7, 270, 130, 10),
], columns=COLUMNS)


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return compute_indicator_values({"booking": BOOKING}, AREAS)


@pytest.mark.parametrize("indicator, count, known, unknown", [
    ("smoking_booking", 150, 950, 50),
    ("obesity_booking", 270, 900, 100),
    ("early_booking", 560, 980, 20),
])
def test_proportion_of_recorded_bookings(values, indicator, count, known, unknown):
    row = one(values, indicator, "E06000001", "2023/24")
    value, lower, upper = wilson_reference(count, known, 0.95)
    assert (row["count"], row["denominator"]) == (count, known)
    assert row["value"] == pytest.approx(value)
    assert (row["lower95"], row["upper95"]) == pytest.approx((lower, upper))
    assert row["dq_value"] == pytest.approx(100 * unknown / 1000)


def test_missing_bmi_stays_missing(values):
    row = one(values, "obesity_booking", "E06000002", "2023/24")
    assert math.isnan(row["value"]) and row["value_note"]
    assert one(values, "smoking_booking", "E06000002", "2023/24")["value"] == pytest.approx(
        100 * 170 / 1670)


def test_year_from_four_quarters(values):
    row = one(values, "early_booking", "E06000008", "2022/23")
    assert (row["count"], row["denominator"]) == (1020, 1540)
