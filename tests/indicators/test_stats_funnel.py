"""Funnel limits and significance against PHEindicatormethods' funnel fixtures and PHStatsMethods."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PHStatsMethods.funnels import assign_funnel_significance

from indicators.stats.funnel import (
    SIGNIFICANCE_LABELS,
    proportion_control_limits,
    proportion_funnel,
    proportion_funnel_significance,
    rate_funnel,
    rate_funnel_significance,
)

REL = 1e-6


def _read(directory, name):
    return pd.read_csv(directory / name, encoding="utf-8-sig")  # the CSVs start with a BOM


def test_proportion_funnel_lines_match_fixture(phe_methods_dir):
    inputs = _read(phe_methods_dir, "testdata_funnel_prop_inputs.csv")
    expected = _read(phe_methods_dir, "testdata_funnel_prop_outputs.csv")
    ours = proportion_funnel(inputs["numerator"], inputs["denominator"], multiplier=100)
    assert len(ours) == len(expected) == 100
    np.testing.assert_array_equal(ours["population"], expected["Population"])
    pairs = {"lower_2s": "Lower2s0025limit", "upper_2s": "Upper2s0025limit",
             "lower_3s": "Lower3s0001limit", "upper_3s": "Upper3s0001limit",
             "baseline": "Baseline"}
    for column, fixture_column in pairs.items():
        # the fixture rounds to 6 decimals, so compare relatively with a tiny absolute floor
        np.testing.assert_allclose(ours[column], expected[fixture_column], rtol=REL, atol=1e-6)


def test_proportion_significance_matches_fixture(phe_methods_dir):
    inputs = _read(phe_methods_dir, "testdata_funnel_prop_inputs.csv")
    ours = proportion_funnel_significance(inputs["numerator"], inputs["denominator"])
    assert set(inputs["significance"]) == set(SIGNIFICANCE_LABELS)
    assert (ours == inputs["significance"].to_numpy()).all()


def test_rate_funnel_lines_match_fixture(phe_methods_dir):
    # As in PHEindicatormethods' own test: rates given with events; denominators are
    # derived as events / rate x 100,000, over 3 years of data.
    inputs = _read(phe_methods_dir, "testdata_funnel_rate_input_funnels.csv")
    expected = _read(phe_methods_dir, "testdata_funnel_rate_outputs.csv")
    derived = 100_000 * inputs["ev"] / inputs["rate"]
    ours = rate_funnel(inputs["ev"], derived, multiplier=100_000, years_of_data=3)
    np.testing.assert_array_equal(ours["events"], expected["Events"])
    columns = [c for c in expected.columns if c.endswith(("_year", "_limit"))] + ["baseline"]
    exact_rows = expected["Events"] > 1
    for column in columns:
        np.testing.assert_allclose(ours.loc[exact_rows, column], expected.loc[exact_rows, column],
                                   rtol=REL)
        # At 1 event the R package's bisection (stops at 1e-7 on a transformed scale) is
        # itself up to 5e-5 off the closed form; it is the fixture, not us, that is rounded.
        np.testing.assert_allclose(ours.loc[~exact_rows, column],
                                   expected.loc[~exact_rows, column], rtol=1e-4)


def test_control_limits_are_clipped_to_the_possible_range():
    limits = proportion_control_limits([1, 4, 10_000], 0.5, multiplier=100)
    assert limits.loc[0, "lower_3s"] == 0 and limits.loc[0, "upper_3s"] == 100
    assert limits.loc[2, "lower_2s"] == pytest.approx(50 - 1.959964 * 0.5, rel=1e-6)


def test_significance_around_a_benchmark_uses_that_centre():
    # 12 deaths in 1,500 births: Byar's 95% limits written out (methods.md), per birth.
    x, z = 12, 1.959964
    low95 = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3 / 1500
    up95 = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3 / 1500
    assert rate_funnel_significance([x], [1500], average=low95 + 1e-6).tolist() == \
        ["Not significant"]
    assert rate_funnel_significance([x], [1500], average=up95 + 1e-5)[0].startswith("Low")
    assert rate_funnel_significance([x], [1500], average=low95 - 1e-5)[0].startswith("High")
    # 30 of 100 against a benchmark of 20%: z = 0.1 / sqrt(0.2 * 0.8 / 100) = 2.5, above the
    # 2s limit (1.96) and below the 3s one (3.09).
    assert proportion_funnel_significance([30], [100], average=0.2).tolist() == ["High (0.025)"]
    assert proportion_funnel_significance([30], [100], average=0.3).tolist() == \
        ["Not significant"]


def test_bad_denominators_are_reported():
    with pytest.raises(ValueError, match="denominator must be greater than zero"):
        rate_funnel_significance([1, 2], [10, 0])


@settings(max_examples=25, deadline=None)
@given(data=st.lists(st.tuples(st.integers(0, 400), st.integers(1, 60_000)), min_size=2,
                     max_size=12))
def test_significance_agrees_with_phstatsmethods(data):
    frame = pd.DataFrame(data, columns=["x", "extra"])
    frame["n"] = frame["x"] + frame["extra"]
    frame["rate"] = frame["x"] / frame["n"] * 1000
    if frame["x"].sum() == 0:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rates = assign_funnel_significance(frame.copy(), "x", "rate", denom_col="n", rate="rate",
                                           rate_type="crude", multiplier=1000)
        props = assign_funnel_significance(frame.copy(), "x", "proportion", denom_col="n")
    assert rate_funnel_significance(frame["x"], frame["n"]).tolist() == \
        rates["significance"].tolist()
    assert proportion_funnel_significance(frame["x"], frame["n"]).tolist() == \
        props["significance"].tolist()
