"""Poisson count limits against PHEindicatormethods' fixtures, methods.md and PHStatsMethods."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PHStatsMethods.confidence_intervals import byars_lower, byars_upper, exact_lower, exact_upper

from indicators.stats.poisson import (
    byars_limits,
    count_ci_method,
    count_limits,
    exact_poisson_limits,
)

REL = 1e-6


@pytest.fixture(scope="module")
def byars_fixture(phe_methods_dir):
    table = pd.read_excel(phe_methods_dir / "testdata_Byars_Wilson.xlsx")
    return table[table["method"] == "Byars"]


def _level(text: str) -> float:
    return float(text.rstrip("%")) / 100


def test_byars_matches_phe_fixture(byars_fixture):
    assert len(byars_fixture) == 7
    for row in byars_fixture.itertuples():
        lower, upper = byars_limits(row.x, _level(row.confidence))
        assert upper == pytest.approx(row.uppercl, rel=REL)
        if np.isnan(row.lowercl):
            # x = 1 at 99.8%: Byar's bracket is negative, the fixture leaves it blank
            assert np.isnan(lower)
        else:
            assert lower == pytest.approx(row.lowercl, rel=REL)


def test_methods_md_byars_example():
    lower, upper = byars_limits(65, 0.95)
    assert (lower, upper) == (pytest.approx(50.163188, rel=REL), pytest.approx(82.849139, rel=REL))


def test_exact_limits_for_five_events_per_hundred():
    lower, upper = exact_poisson_limits(5, 0.95)
    assert lower / 100 * 100 == pytest.approx(1.623486, rel=REL)
    assert upper == pytest.approx(11.668332, rel=REL)


def test_exact_lower_limit_is_zero_for_zero_events():
    lower, upper = exact_poisson_limits(np.array([0.0, 0.0]), 0.998)
    assert lower.tolist() == [0.0, 0.0]
    assert upper[0] == pytest.approx(-np.log(0.001), rel=1e-9)  # P(X = 0 | mu) = 0.001


def test_count_limits_switch_from_exact_to_byars_at_ten():
    counts = np.array([9.0, 10.0])
    lower, upper = count_limits(counts)
    exact = exact_poisson_limits(9.0)
    byars = byars_limits(10.0)
    assert (lower[0], upper[0]) == exact
    assert (lower[1], upper[1]) == byars
    assert count_ci_method(counts).tolist() == ["Exact Poisson", "Byar's"]


def test_series_keep_their_index_and_missing_stays_missing():
    counts = pd.Series([3.0, np.nan, 40.0], index=["E06000001", "E06000002", "E06000003"])
    lower, upper = count_limits(counts, 0.998)
    assert list(lower.index) == list(counts.index)
    assert np.isnan(lower["E06000002"]) and np.isnan(upper["E06000002"])
    assert count_ci_method(counts)[1] is None


def test_negative_count_is_a_located_error():
    with pytest.raises(ValueError, match=r"count must be zero or more; found -1.0 at index 'b'"):
        count_limits(pd.Series([1, -1], index=["a", "b"]))


@pytest.mark.parametrize("confidence", [95, 1.0, 0.0, "0.95"])
def test_confidence_must_be_a_fraction(confidence):
    with pytest.raises((ValueError, TypeError), match="confidence"):
        byars_limits(10, confidence)


@settings(max_examples=60, deadline=None)
@given(count=st.integers(min_value=1, max_value=100_000),
       confidence=st.sampled_from([0.95, 0.998]))
def test_count_limits_agree_with_phstatsmethods(count, confidence):
    # PHStatsMethods' byars_lower/upper switch to exact below 10, as Fingertips does
    lower, upper = count_limits(count, confidence)
    assert lower == pytest.approx(byars_lower(count, confidence), rel=1e-9)
    assert upper == pytest.approx(byars_upper(count, confidence), rel=1e-9)


@settings(max_examples=30, deadline=None)
@given(count=st.integers(min_value=1, max_value=9), confidence=st.sampled_from([0.95, 0.998]))
def test_exact_limits_agree_with_phstatsmethods(count, confidence):
    lower, upper = exact_poisson_limits(count, confidence)
    assert lower == pytest.approx(exact_lower(count, confidence), rel=1e-9)
    assert upper == pytest.approx(exact_upper(count, confidence), rel=1e-9)
