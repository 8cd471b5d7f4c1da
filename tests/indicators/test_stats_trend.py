"""Recent trend: methods.md reference vectors, Fingertips' rules, and the pooled-series decision."""

import numpy as np
import pytest

from indicators.stats.proportions import proportion
from indicators.stats.rates import crude_rate
from indicators.stats.trend import (
    CANNOT,
    CHI2_THRESHOLD,
    NO_CHANGE,
    POOLED_REFUSAL,
    recent_trend,
    trend_for_pooled_series,
)

# methods.md, weighted path: significant, chi2 = 46.77
SIG_COUNTS = [994, 1023, 1199, 1332, 1367]
SIG_DENOMS = [40299, 41527, 42811, 44064, 44701]
SIG_VALUES = [24.67, 24.6, 28, 30.2, 30.6]
SIG_LOWER = [23.16, 23.15, 26.44, 28.63, 28.98]
SIG_UPPER = [26.25, 26.19, 29.64, 31.9, 32.25]
# methods.md: not significant, chi2 about 0.46
FLAT_COUNTS = [209, 213, 213, 239, 210]
FLAT_DENOMS = [1017, 1087, 1119, 1117, 1139]


def test_threshold_is_fingertips_constant():
    assert CHI2_THRESHOLD == pytest.approx(9.54953570608324, rel=1e-12)


def test_significant_reference_vector():
    result = recent_trend(SIG_VALUES, SIG_LOWER, SIG_UPPER, SIG_COUNTS, SIG_DENOMS, "Low is good")
    assert result.chi2 == pytest.approx(46.77, abs=0.005)
    assert result.label == "Increasing and getting worse"
    assert result.slope > 0 and result.reason == ""


@pytest.mark.parametrize(("polarity", "label"), [("High is good", "Increasing and getting better"),
                                                 ("No judgement", "Increasing")])
def test_labels_follow_polarity(polarity, label):
    result = recent_trend(SIG_VALUES, SIG_LOWER, SIG_UPPER, SIG_COUNTS, SIG_DENOMS, polarity)
    assert result.label == label


def test_falling_series_labels():
    reverse = slice(None, None, -1)
    args = (SIG_VALUES[reverse], SIG_LOWER[reverse], SIG_UPPER[reverse], SIG_COUNTS[reverse],
            SIG_DENOMS[reverse])
    assert recent_trend(*args, "Low is good").label == "Decreasing and getting better"
    assert recent_trend(*args, "High is good").label == "Decreasing and getting worse"
    assert recent_trend(*args, "No judgement").label == "Decreasing"


def test_not_significant_reference_vector_with_wilson_intervals():
    table = proportion(FLAT_COUNTS, FLAT_DENOMS)
    result = recent_trend(table["value"], table["lower95"], table["upper95"], FLAT_COUNTS,
                          FLAT_DENOMS, "High is good")
    assert result.chi2 == pytest.approx(0.46, abs=0.01)
    assert result.label == NO_CHANGE


def test_only_the_five_most_recent_points_are_used():
    older = [10.0, 50.0]
    result = recent_trend(older + SIG_VALUES, [9.0, 49.0] + SIG_LOWER, [11.0, 51.0] + SIG_UPPER,
                          [1, 5] + SIG_COUNTS, [10, 10] + SIG_DENOMS, "Low is good")
    assert result.chi2 == pytest.approx(46.77, abs=0.005)


def test_leave_one_out_sign_check_can_veto_a_large_chi2():
    # A step in the last point gives a big chi2 but the slope flips sign without it
    values = np.array([10.0, 9.9, 9.8, 9.7, 30.0])
    lower, upper = values - 0.5, values + 0.5
    counts, denoms = [100] * 5, [1000] * 5
    result = recent_trend(values, lower, upper, counts, denoms, "Low is good")
    assert result.chi2 > CHI2_THRESHOLD
    assert result.label == NO_CHANGE


def test_fewer_than_five_points_cannot_be_calculated():
    result = recent_trend(SIG_VALUES[:4], SIG_LOWER[:4], SIG_UPPER[:4], SIG_COUNTS[:4],
                          SIG_DENOMS[:4], "Low is good")
    assert result.label == CANNOT and "needs 5" in result.reason


def test_a_missing_recent_point_breaks_the_run():
    counts = [*SIG_COUNTS[:2], np.nan, *SIG_COUNTS[3:]]
    result = recent_trend(SIG_VALUES, SIG_LOWER, SIG_UPPER, counts, SIG_DENOMS, "Low is good")
    assert result.label == CANNOT
    assert result.reason.startswith("Only the latest 2 periods in a row have a value")
    assert "(s)" not in result.reason


@pytest.mark.parametrize(("missing_at", "start"), [
    (4, "The latest period does not have a value"),
    (3, "Only the latest period has a value"),
])
def test_the_reason_agrees_in_number(missing_at, start):
    counts = list(SIG_COUNTS)
    counts[missing_at] = np.nan
    result = recent_trend(SIG_VALUES, SIG_LOWER, SIG_UPPER, counts, SIG_DENOMS, "Low is good")
    assert result.reason.startswith(start)
    assert "(s)" not in result.reason


def test_count_equal_to_denominator_cannot_be_calculated():
    counts = [*SIG_COUNTS[:4], SIG_DENOMS[4]]
    result = recent_trend(SIG_VALUES, SIG_LOWER, SIG_UPPER, counts, SIG_DENOMS, "Low is good")
    assert result.label == CANNOT and "equals the denominator" in result.reason


def test_pooled_series_without_annual_data_is_refused_with_reason():
    result = trend_for_pooled_series(None, None, "Low is good")
    assert result.label == CANNOT and result.reason == POOLED_REFUSAL


def test_pooled_series_are_tested_on_annual_data():
    annual_deaths = [30, 28, 35, 25, 22, 20, 18, 15]
    annual_births = [9000, 9100, 8900, 9050, 8800, 8700, 8600, 8500]
    result = trend_for_pooled_series(annual_deaths, annual_births, "Low is good")
    table = crude_rate(annual_deaths, annual_births)
    direct = recent_trend(table["value"], table["lower95"], table["upper95"], annual_deaths,
                          annual_births, "Low is good")
    assert (result.label, result.chi2) == (direct.label, direct.chi2)
    assert "single years" in result.reason


def test_pooled_proportions_use_wilson():
    result = trend_for_pooled_series(FLAT_COUNTS, FLAT_DENOMS, "High is good",
                                     value_type="proportion", multiplier=100)
    assert result.chi2 == pytest.approx(0.4643, abs=1e-3) and result.label == NO_CHANGE


def test_overlapping_pooled_values_inflate_the_statistic():
    """Why we do not test pooled values: under no change, their chi2 runs high.

    With a constant true rate the trend statistic should average about 1
    (chi-squared, 1 d.f.). Tested naively on overlapping 3-year pooled values it
    averages well above 1; on annual values it does not. Seeded, so repeatable.
    """
    rng = np.random.default_rng(7)
    births = np.full(7, 20000.0)
    window = np.ones(3)
    naive, annual = [], []
    for _ in range(250):
        deaths = rng.poisson(births * 0.004).astype(float)
        pooled_deaths = np.convolve(deaths, window, "valid")
        pooled_births = np.convolve(births, window, "valid")
        table = crude_rate(pooled_deaths, pooled_births)
        naive.append(recent_trend(table["value"], table["lower95"], table["upper95"],
                                  pooled_deaths, pooled_births, "Low is good").chi2)
        annual.append(trend_for_pooled_series(deaths, births, "Low is good").chi2)
    assert np.mean(naive) > 1.25
    assert 0.75 < np.mean(annual) < 1.2
