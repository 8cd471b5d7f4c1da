"""Quantile assignment against PHEindicatormethods' testdata_Quantiles.xlsx."""

import numpy as np
import pandas as pd
import pytest

from indicators.stats.quantiles import assign_quantiles

# The fixture's Polarity column: RAG words for real indicators, True/False for dummies.
INVERT = {"RAG - High is good": False, "RAG - Low is good": True, True: True, False: False}


@pytest.fixture(scope="module")
def good_rows(phe_methods_dir):
    table = pd.read_excel(phe_methods_dir / "testdata_Quantiles.xlsx")
    table = table[table["Test"].str.startswith("Good")].copy()
    table["invert"] = table["Polarity"].map(INVERT).astype(bool)
    return table


def _same(ours: pd.Series, expected: pd.Series) -> bool:
    return bool(((ours == expected) | (ours.isna() & expected.isna())).all())


def test_deciles_within_region_per_indicator_with_polarity(good_rows):
    rows = good_rows[good_rows["GroupSet"] == "IndSexReg"]
    ours = assign_quantiles(rows["Value"], 10, groups=rows[["IndSexRef", "ParentCode"]],
                            invert=rows["invert"])
    assert len(rows) == 339
    assert ours.isna().sum() == rows["QuantileInGrp"].isna().sum() > 0  # small groups: none
    assert _same(ours, rows["QuantileInGrp"])


def test_septiles_per_indicator(good_rows):
    rows = good_rows[good_rows["GroupSet"] == "IndSex"]
    ours = assign_quantiles(rows["Value"], 7, groups=rows["IndSexRef"], invert=rows["invert"])
    assert _same(ours, rows["QuantileInGrp"])


def test_quartiles_over_all_rows_with_default_inversion(good_rows):
    rows = good_rows[good_rows["GroupSet"].isna()]
    ours = assign_quantiles(rows["Value"], 4)
    assert len(rows) == 491 and _same(ours, rows["QuantileInGrp"])


def test_deciles_without_inversion(good_rows):
    rows = good_rows[(good_rows["GroupSet"] == "IndSexReg")
                     & (good_rows["IndSexRef"] == "90366Female")]
    ours = assign_quantiles(rows["Value"], 10, groups=rows[["IndSexRef", "ParentCode"]],
                            invert=False)
    assert _same(ours, rows["QuantileInGrp"])


def test_inverted_puts_the_highest_values_in_quantile_one():
    values = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0])
    assert assign_quantiles(values, 5, invert=True).tolist() == [5, 4, 3, 2, 1]
    assert assign_quantiles(values, 5, invert=False).tolist() == [1, 2, 3, 4, 5]


def test_missing_values_get_no_quantile_and_are_not_counted():
    values = pd.Series([1.0, np.nan, 2.0, 3.0, 4.0, 5.0])
    ours = assign_quantiles(values, 5, invert=False)
    assert np.isnan(ours.iloc[1]) and ours.dropna().tolist() == [1, 2, 3, 4, 5]


def test_invert_must_be_constant_within_a_group():
    values = pd.Series([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="same value within each group"):
        assign_quantiles(values, 2, invert=pd.Series([True, False, True]))
