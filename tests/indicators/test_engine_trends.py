"""Recent trends: the methods.md reference vectors through the engine, and the batch test
agreeing with the one-series reference (indicators.stats.trend.recent_trend)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.engine import compute_indicator_values
from indicators.engine.trend_batch import batch_recent_trend
from indicators.stats.rates import crude_rate
from indicators.stats.trend import recent_trend
from tests.indicators.engine_fixtures import AREAS, births_deaths, one

# methods.md reference vectors: crude rates per 1,000 (values 24.67, 24.6, 28, 30.2, 30.6
# with Byar's 95% limits 23.16-26.25 ...) -> significant, chi2 = 46.77; the second is flat.
RISING = [(994, 40299), (1023, 41527), (1199, 42811), (1332, 44064), (1367, 44701)]
FLAT = [(209, 1017), (213, 1087), (213, 1119), (239, 1117), (210, 1139)]


def _births(area: str, points: list[tuple[int, int]], first_year: int = 2016) -> list[tuple]:
    return [(area, first_year + i, births, 0, deaths, deaths, 0)
            for i, (deaths, births) in enumerate(points)]


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    rows = _births("E06000001", RISING) + _births("E06000002", FLAT)
    rows += _births("E06000008", RISING[:4], first_year=2017)  # only 4 years
    return compute_indicator_values({"births_deaths": births_deaths(rows)}, AREAS)


def test_methods_reference_rising_series_is_significant(values):
    latest = one(values, "infant_mortality", "E06000001", "2020")
    assert latest["recent_trend"] == "Increasing and getting worse"
    assert latest["trend_note"] is None
    earlier = one(values, "infant_mortality", "E06000001", "2019")
    assert earlier["recent_trend"] is None


def test_methods_reference_flat_series_has_no_significant_change(values):
    assert one(values, "infant_mortality", "E06000002", "2020")["recent_trend"] == (
        "No significant change")


def test_fewer_than_five_points_cannot_be_calculated_with_a_reason(values):
    latest = one(values, "infant_mortality", "E06000008", "2020")
    assert latest["recent_trend"] == "Cannot be calculated"
    assert "needs 5" in latest["trend_note"]


def test_pooled_series_trend_is_tested_on_the_annual_values(values):
    pooled = one(values, "infant_mortality_3yr", "E06000001", "2018 - 20")
    assert pooled["recent_trend"] == "Increasing and getting worse"
    assert "single years" in pooled["trend_note"]
    short = one(values, "infant_mortality_3yr", "E06000008", "2018 - 20")
    assert short["recent_trend"] == "Cannot be calculated"
    assert "pooled" in short["trend_note"]


def test_batch_test_on_the_rounded_methods_vector():
    # methods.md's printed values and limits (rounded) give chi2 = 46.77 in the reference
    points = pd.DataFrame({
        "series": 0, "value": [24.67, 24.6, 28, 30.2, 30.6],
        "lower95": [23.16, 23.15, 26.44, 28.63, 28.98],
        "upper95": [26.25, 26.19, 29.64, 31.9, 32.25],
        "count": [c for c, _ in RISING], "denominator": [d for _, d in RISING]})
    reference = recent_trend(*(points[c] for c in ["value", "lower95", "upper95", "count",
                                                   "denominator"]), "Low is good")
    assert reference.chi2 == pytest.approx(46.77, abs=0.005)
    batch = batch_recent_trend(points, pd.Series({0: "Low is good"}))
    assert batch.loc[0, "label"] == "Increasing and getting worse"
    # the engine's own limits for the same counts are the unrounded Byar's limits
    table = crude_rate(points["count"], points["denominator"], 1000)
    np.testing.assert_allclose(table["lower95"], points["lower95"], atol=0.006)
    np.testing.assert_allclose(table["upper95"], points["upper95"], atol=0.006)


def _random_series(rng: np.random.Generator, n_series: int) -> pd.DataFrame:
    frames = []
    for series in range(n_series):
        length = int(rng.integers(3, 9))
        births = rng.integers(200, 5000, length).astype(float)
        rate = rng.uniform(0.002, 0.01) * np.linspace(1, rng.uniform(0.5, 1.8), length)
        deaths = rng.poisson(births * rate).astype(float)
        if rng.random() < 0.2:
            deaths[rng.integers(0, length)] = np.nan
        if rng.random() < 0.05:
            deaths[-1] = births[-1]
        table = crude_rate(deaths, births, 1000)
        frames.append(table.assign(series=series, count=deaths, denominator=births))
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize("polarity", ["Low is good", "High is good", "No judgement"])
def test_batch_test_agrees_with_the_reference_series_by_series(polarity):
    points = _random_series(np.random.default_rng(7), 300)
    polarities = pd.Series(polarity, index=range(300))
    batch = batch_recent_trend(points, polarities)
    for series, rows in points.groupby("series"):
        expected = recent_trend(rows["value"], rows["lower95"], rows["upper95"], rows["count"],
                                rows["denominator"], polarity)
        assert batch.loc[series, "label"] == expected.label, series
        assert batch.loc[series, "reason"] == (expected.reason or None), series
    assert set(batch["label"]) >= {"No significant change", "Cannot be calculated"}
    assert len(set(batch["label"])) >= 3  # some significant trends too
