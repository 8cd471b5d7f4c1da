"""Crude rates against PHEindicatormethods' fixtures, ONS Table_3 and PHStatsMethods."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PHStatsMethods.rates import ph_rate

from indicators.stats.rates import VALUE_COLUMNS, crude_rate
from tests.support.phe_methods import NINETY_FIVE, REL, assert_matches


def test_rates_match_phe_fixture_at_95_and_998(phe_methods_dir):
    fixture = pd.read_excel(phe_methods_dir / "testdata_Rate.xlsx", sheet_name="testdata_Rate")
    assert len(fixture) == 20
    for multiplier, rows in fixture.groupby("multiplier"):
        ours = crude_rate(rows["Numerator"], rows["Denominator"], multiplier)
        assert_matches(ours, rows)
        known = rows["method"].notna() & ours["value"].notna()
        expected_method = rows["method"].map({"Exact": "Exact Poisson", "Byars": "Byar's"})
        assert (ours.loc[known, "ci_method"] == expected_method[known]).all()


def test_grouped_rate_fixture_rows(phe_methods_dir):
    fixture = pd.read_excel(phe_methods_dir / "testdata_Rate.xlsx", sheet_name="testdata_Rate_g")
    ours = crude_rate(fixture["Numerator"], fixture["Denominator"], 100_000)
    assert_matches(ours, fixture, NINETY_FIVE)


def test_methods_md_rate_examples():
    table = crude_rate([222, 5], [3215, 100], multiplier=100)
    assert table.loc[0, "value"] == pytest.approx(6.905132, rel=REL)
    assert table.loc[0, "lower95"] == pytest.approx(6.026575, rel=REL)
    assert table.loc[0, "upper95"] == pytest.approx(7.875729, rel=REL)
    assert table.loc[1, "lower95"] == pytest.approx(1.623486, rel=REL)
    assert table.loc[1, "upper95"] == pytest.approx(11.668332, rel=REL)
    assert table["ci_method"].tolist() == ["Byar's", "Exact Poisson"]
    assert list(table.columns) == VALUE_COLUMNS


def test_missing_and_zero_denominators_give_nan_never_zero():
    table = crude_rate(pd.Series([np.nan, 3, 3, 0]), pd.Series([100, np.nan, 0, 50]))
    assert table.iloc[:3, :5].isna().all().all()
    assert table["ci_method"].iloc[:3].isna().all()
    assert table.loc[3, "value"] == 0 and table.loc[3, "upper95"] > 0


def test_negative_denominator_is_a_located_error():
    with pytest.raises(ValueError, match="denominator must be zero or more.*position 1"):
        crude_rate([1, 2], [10, -10])


def test_mismatched_lengths_are_reported():
    with pytest.raises(ValueError, match="same length"):
        crude_rate([1, 2, 3], [10, 20])


def _ons_table_3(path) -> pd.DataFrame:
    table = pd.read_excel(path, sheet_name="Table_3", header=6)
    table.columns = [str(c).strip() for c in table.columns]
    return table


def _round_half_up(values: pd.Series) -> pd.Series:
    return np.floor(values * 10 + 0.5 + 1e-9) / 10


@pytest.mark.parametrize(
    ("deaths", "rate", "births"),
    [
        ("Infant deaths", "Infant mortality rate", "live"),
        ("Neonatal deaths", "Neonatal mortality rate", "live"),
        ("Postneonatal deaths", "Postneonatal mortality rate", "live"),
        ("Stillbirths", "Stillbirth rate", "total"),
    ],
)
def test_ons_2020_rates_reproduced_to_one_decimal(ons_child_mortality_workbook, deaths, rate,
                                                  births):
    table = _ons_table_3(ons_child_mortality_workbook)
    published = pd.to_numeric(table[rate], errors="coerce")  # ':' and 'z' are not rates
    has_rate = published.notna()
    denominator = table["Live births"]
    if births == "total":
        denominator = table["Live births"] + table["Stillbirths"]
    ours = crude_rate(table[deaths], denominator, multiplier=1000)["value"]
    assert has_rate.sum() > 100  # most areas have a published rate
    mismatched = table.loc[has_rate & (_round_half_up(ours) != published),
                           "Area of usual residence (name)"]
    assert mismatched.empty, f"{rate} differs for {mismatched.tolist()}"


@settings(max_examples=40, deadline=None)
@given(
    data=st.lists(
        st.tuples(st.integers(1, 5_000), st.integers(0, 2_000_000)), min_size=1, max_size=8
    ),
    multiplier=st.sampled_from([100, 1000, 100_000]),
)
def test_crude_rate_agrees_with_phstatsmethods(data, multiplier):
    frame = pd.DataFrame(data, columns=["count", "extra"])
    frame["denominator"] = frame["count"] + frame["extra"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        oracle = ph_rate(frame[["count", "denominator"]], "count", "denominator",
                         confidence=[0.95, 0.998], multiplier=multiplier)
    ours = crude_rate(frame["count"], frame["denominator"], multiplier)
    pairs = {"value": "Value", "lower95": "lower_95_ci", "upper95": "upper_95_ci",
             "lower998": "lower_99_8_ci", "upper998": "upper_99_8_ci"}
    for column, oracle_column in pairs.items():
        np.testing.assert_allclose(ours[column].to_numpy(), oracle[oracle_column].to_numpy(),
                                   rtol=1e-9)


def test_series_with_different_indexes_are_refused():
    counts = pd.Series([1, 2], index=["E06000001", "E06000002"])
    births = pd.Series([100, 200], index=["E06000002", "E06000001"])
    with pytest.raises(ValueError, match="different indexes"):
        crude_rate(counts, births)
