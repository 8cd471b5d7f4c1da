"""Proportions and Wilson limits against PHEindicatormethods' fixtures and PHStatsMethods."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PHStatsMethods.proportions import ph_proportion

from indicators.stats.proportions import proportion, wilson_limits
from tests.support.phe_methods import NINETY_FIVE, REL, assert_matches


def test_wilson_matches_phe_fixture(phe_methods_dir):
    table = pd.read_excel(phe_methods_dir / "testdata_Byars_Wilson.xlsx")
    rows = table[table["method"] == "Wilson"]
    assert len(rows) == 6
    for row in rows.itertuples():
        confidence = float(row.confidence.rstrip("%")) / 100
        lower, upper = wilson_limits(row.x, row.n, confidence)
        assert lower == pytest.approx(row.lowercl, rel=REL)
        assert upper == pytest.approx(row.uppercl, rel=REL)


def test_proportions_match_phe_fixture_at_95_and_998(phe_methods_dir):
    fixture = pd.read_excel(phe_methods_dir / "testdata_Proportion.xlsx",
                            sheet_name="testdata_Prop")
    assert len(fixture) == 19
    for multiplier, rows in fixture.groupby("multiplier"):
        ours = proportion(rows["Numerator"], rows["Denominator"], multiplier)
        assert_matches(ours, rows)


def test_grouped_proportion_fixture_rows(phe_methods_dir):
    fixture = pd.read_excel(phe_methods_dir / "testdata_Proportion.xlsx",
                            sheet_name="testdata_Prop_g")
    ours = proportion(fixture["Numerator"], fixture["Denominator"], multiplier=1)
    assert_matches(ours, fixture, NINETY_FIVE)


def test_methods_md_wilson_example():
    assert wilson_limits(65, 100) == (pytest.approx(0.552544, rel=REL),
                                      pytest.approx(0.736358, rel=REL))


def test_zero_and_all_give_limits_inside_zero_to_one_hundred():
    table = proportion([0, 40], [40, 40])
    assert table.loc[0, "lower95"] == 0 and table.loc[0, "upper95"] > 0
    assert table.loc[1, "upper95"] == pytest.approx(100) and table.loc[1, "lower95"] < 100
    assert (table["ci_method"] == "Wilson").all()


def test_missing_and_zero_denominators_give_nan():
    table = proportion(pd.Series([np.nan, 3.0, 0.0]), pd.Series([10.0, np.nan, 0.0]))
    assert table.iloc[:, :5].isna().all().all()
    assert table["ci_method"].isna().all()


def test_numerator_above_denominator_is_a_located_error():
    with pytest.raises(ValueError, match="numerator must not exceed its denominator.*'E2'"):
        proportion(pd.Series([3, 12], index=["E1", "E2"]), pd.Series([10, 10], index=["E1", "E2"]))


@settings(max_examples=40, deadline=None)
@given(
    data=st.lists(st.tuples(st.integers(0, 50_000), st.integers(0, 500_000)),
                  min_size=1, max_size=8),
    multiplier=st.sampled_from([1, 100]),
)
def test_proportion_agrees_with_phstatsmethods(data, multiplier):
    frame = pd.DataFrame(data, columns=["x", "extra"])
    frame["n"] = frame["x"] + frame["extra"]
    frame = frame[frame["n"] > 0]
    if frame.empty:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        oracle = ph_proportion(frame[["x", "n"]], "x", "n", confidence=[0.95, 0.998],
                               multiplier=multiplier)
    ours = proportion(frame["x"], frame["n"], multiplier)
    pairs = {"value": "Value", "lower95": "lower_95_ci", "upper95": "upper_95_ci",
             "lower998": "lower_99_8_ci", "upper998": "upper_99_8_ci"}
    for column, oracle_column in pairs.items():
        np.testing.assert_allclose(ours[column].to_numpy(), oracle[oracle_column].to_numpy(),
                                   rtol=1e-9, atol=1e-12)
