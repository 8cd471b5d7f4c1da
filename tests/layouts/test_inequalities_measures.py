"""The inequalities page's measures, checked against sums done by hand and an independent
weighted least-squares fit (Low & Low 2004)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from data.queries.inequalities import (
    DIFFERENCE,
    EXCESS,
    PAF,
    RATIO,
    RII,
    SII,
    inequality_measures,
)
from indicators.stats.rates import crude_rate

QUINTILES = ["1 - most deprived", "2", "3", "4", "5 - least deprived"]


def quintiles(deaths: list[int], births: list[int], years: int = 3) -> pd.DataFrame:
    rates = crude_rate(pd.Series(deaths, dtype=float), pd.Series(births, dtype=float), 1000)
    return pd.DataFrame({
        "category": QUINTILES, "count": deaths, "denominator": births, "year_range": years,
        "value": rates["value"].to_numpy(), "lower95": rates["lower95"].to_numpy(),
        "upper95": rates["upper95"].to_numpy(), "value_note": None})


def log_scale_fit(values: np.ndarray, population: np.ndarray) -> tuple[float, float]:
    """SII and RII as phe_sii with transform = TRUE, written out: least squares of
    log(rate) x sqrt(a) on [sqrt(a), b sqrt(a)], then back to the rate scale."""
    share = population / population.sum()
    rank = np.cumsum(share) - share / 2
    weights = np.sqrt(share)
    design = np.column_stack([weights, rank * weights])
    (c0, c1), *_ = np.linalg.lstsq(design, np.log(values) * weights, rcond=None)
    return math.exp(c0 + c1) - math.exp(c0), math.exp(c1)


def test_measures_match_hand_calculations():
    deaths, births = [90, 60, 40, 30, 20], [12000, 10000, 9000, 8000, 7000]
    frame = quintiles(deaths, births)
    measures = inequality_measures(frame, repetitions=2000).set_index("measure")
    rate = [d / b * 1000 for d, b in zip(deaths, births, strict=True)]
    # One direction for every measure: least deprived compared with most deprived.
    assert measures.at[RATIO, "value"] == pytest.approx(rate[-1] / rate[0], rel=1e-12)
    assert measures.at[DIFFERENCE, "value"] == pytest.approx(rate[-1] - rate[0], rel=1e-12)
    sii, rii = log_scale_fit(np.array(rate), np.array(births, dtype=float))
    assert measures.at[SII, "value"] == pytest.approx(sii, rel=1e-9)
    assert measures.at[RII, "value"] == pytest.approx(rii, rel=1e-9)
    assert measures.at[SII, "value"] < 0  # rates fall from most to least deprived
    assert measures.at[SII, "lower95"] < measures.at[SII, "value"] < measures.at[SII, "upper95"]
    assert 0 < measures.at[RII, "lower95"] < measures.at[RII, "value"] < measures.at[RII, "upper95"]
    assert "log scale" in measures.at[SII, "note"]
    excess = sum(deaths) - deaths[-1] / births[-1] * sum(births)
    assert measures.at[EXCESS, "value"] == pytest.approx(excess / 3, rel=1e-12)  # a year
    assert measures.at[PAF, "value"] == pytest.approx(100 * excess / sum(deaths), rel=1e-12)
    assert measures.at[EXCESS, "note"] == "Reference: the least deprived quintile's rate (20 deaths)."


def test_few_deaths_in_the_least_deprived_quintile_pools_quintiles_4_and_5():
    deaths, births = [60, 40, 30, 7, 4], [9000, 8000, 7000, 6000, 5000]
    measures = inequality_measures(quintiles(deaths, births), repetitions=2000).set_index("measure")
    reference = (7 + 4) / (6000 + 5000)
    excess = sum(deaths) - reference * sum(births)
    assert measures.at[EXCESS, "value"] == pytest.approx(excess / 3, rel=1e-12)
    assert measures.at[EXCESS, "note"] == (
        "Reference: quintiles 4 and 5 pooled (11 deaths), because the least deprived quintile "
        "alone had 4 deaths, fewer than 10.")
    assert measures.at[EXCESS, "lower95"] < measures.at[EXCESS, "value"] < \
        measures.at[EXCESS, "upper95"]


def test_a_quintile_without_deaths_blocks_the_log_scale_fit_and_a_thin_reference_the_excess():
    frame = quintiles([40, 20, 10, 5, 0], [9000, 8000, 7000, 6000, 5000], years=1)
    measures = inequality_measures(frame, repetitions=2000).set_index("measure")
    assert math.isnan(measures.at[RATIO, "value"])
    assert "no deaths" in measures.at[RATIO, "note"]
    for measure in (SII, RII):
        assert math.isnan(measures.at[measure, "value"])
        assert math.isnan(measures.at[measure, "lower95"])
        assert measures.at[measure, "note"].startswith("Quintile 5 had no deaths")
        assert "pooled period" in measures.at[measure, "note"]  # a single year
    for measure in (EXCESS, PAF):
        assert math.isnan(measures.at[measure, "value"])
        assert measures.at[measure, "note"] == (
            "The least deprived quintile had 0 deaths and quintiles 4 and 5 together 5 deaths; "
            "a reference rate needs 10 or more.")


def test_a_missing_quintile_means_no_measures():
    frame = quintiles([40, 20, 10, 5, 3], [9000, 8000, 7000, 6000, 5000])
    frame.loc[2, ["count", "value", "lower95", "upper95"]] = np.nan
    measures = inequality_measures(frame, repetitions=2000)
    assert measures["value"].isna().all()
    assert measures["note"].str.contains("five quintiles").all()
