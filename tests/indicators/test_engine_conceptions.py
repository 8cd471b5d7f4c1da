"""The teenage conception rates through the engine, against values worked by hand:
conceptions per 1,000 females of the matching age, Byar's limits from 10 conceptions and
exact Poisson limits below, comparison with England, and missing counts kept missing."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators.catalogue import get_indicator
from indicators.engine import compute_indicator_values
from tests.indicators.engine_fixtures import AREAS, one

COLUMNS = ["area_code", "year", "age_group", "conceptions", "female_population"]
CONCEPTIONS = pd.DataFrame([
    ("E92000001", 2021, "under18", 13000, 1000000),
    ("E06000001", 2021, "under18", 30, 1500),
    ("E06000001", 2021, "under16", 6, 1450),
    ("E06000001", 2020, "under18", 24, 1480),
    # conceptions suppressed in the source: missing, never zero
    ("E06000002", 2021, "under18", None, 1200),
], columns=COLUMNS)


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return compute_indicator_values({"conceptions": CONCEPTIONS}, AREAS)


def test_under_18_rate_with_byars_limits(values):
    # 30 / 1,500 x 1,000 = 20.0; Byar's: 30 (1 - 1/270 - 1.96/(3 sqrt 30))^3 = 20.2366
    # and 31 (1 - 1/279 + 1.96/(3 sqrt 31))^3 = 42.8288 conceptions, per 1,500 x 1,000
    row = one(values, "conceptions_under_18", "E06000001", "2021")
    assert (row["count"], row["denominator"]) == (30, 1500)
    assert row["value"] == pytest.approx(20.0)
    assert row["lower95"] == pytest.approx(13.4913, abs=1e-3)
    assert row["upper95"] == pytest.approx(28.5525, abs=1e-3)
    # England 13.0 lies below the area's lower limit
    assert row["compared_england"] == "Worse"


def test_under_16_rate_with_exact_poisson_limits(values):
    # 6 conceptions: exact limits chi2(0.025, 12)/2 = 2.2019 and chi2(0.975, 14)/2 = 13.0594
    row = one(values, "conceptions_under_16", "E06000001", "2021")
    assert row["value"] == pytest.approx(6 / 1450 * 1000)
    assert row["lower95"] == pytest.approx(2.2019 / 1.450, abs=1e-3)
    assert row["upper95"] == pytest.approx(13.0594 / 1.450, abs=1e-3)


def test_suppressed_count_stays_missing(values):
    row = one(values, "conceptions_under_18", "E06000002", "2021")
    assert math.isnan(row["value"]) and "conceptions" in row["value_note"]


def test_trend_series_has_both_years(values):
    series = values[(values["indicator_id"] == "conceptions_under_18")
                    & (values["area_code"] == "E06000001")]
    assert series["period_label"].tolist() == ["2020", "2021"]
    assert series["value"].tolist() == pytest.approx([24 / 1.48, 20.0])


def test_catalogue_entries_follow_fingertips_metadata():
    under_18 = get_indicator(20401)
    assert under_18.id == "conceptions_under_18"
    assert (under_18.value_type, under_18.polarity, under_18.period_type,
            under_18.ci_method, under_18.multiplier) == (
        "Crude rate", "Low is good", "Calendar", "poisson", 1000)
    assert get_indicator("conceptions_under_16").fingertips_id is None


def test_unknown_age_group_is_refused():
    bad = CONCEPTIONS.assign(age_group=["under18", "under18", "under20", "under18",
                                        "under18"])
    with pytest.raises(ValueError, match="under20"):
        compute_indicator_values({"conceptions": bad}, AREAS)
