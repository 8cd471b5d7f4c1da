"""The ethnic group breakdown's words: ONS's small-number thresholds, each row's note, and
the summary when England's rates by group are not loaded."""

from __future__ import annotations

import math

import pandas as pd

from data.queries.ethnicity import reliability
from layouts.pages.inequalities_ethnicity import ethnic_summary, ethnic_table


def test_reliability_follows_ons_thresholds():
    assert reliability(2) == "Fewer than 3 deaths: ONS would not publish this rate"
    assert reliability(3) == reliability(19) == "Fewer than 20 deaths: low reliability"
    assert reliability(20) == "" and reliability(math.nan) == ""


def _rates(england: float) -> pd.DataFrame:
    return pd.DataFrame({
        "category": ["Asian", "Not known"], "count": [12.0, math.nan],
        "denominator": [1500.0, 100.0], "value": [8.0, math.nan], "lower95": [4.129, math.nan],
        "upper95": [13.975, math.nan],
        "value_note": [None, "infant_deaths suppressed ('c') in source"],
        "compared_england": ["Similar", "Not compared"], "england_value": [england, math.nan],
        "reliability": ["Fewer than 20 deaths: low reliability", ""]})


def test_table_and_summary():
    table = str(ethnic_table(_rates(5.0)))
    assert "8.0" in table and "4.1" in table and "14.0" in table and "5.0" in table
    assert "Fewer than 20 deaths: low reliability" in table
    assert "infant_deaths suppressed ('c') in source" in table
    words = ethnic_summary("Manchester", "2023 - 25", _rates(math.nan)).children
    assert words.startswith("Manchester, 2023 - 25: a rate for 1 of 2 groups.")
    assert "not loaded, so the groups are not compared" in words
    assert "No extract" in ethnic_summary("Manchester", None, None).children
