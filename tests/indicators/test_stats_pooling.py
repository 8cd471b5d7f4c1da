"""Pooling consecutive years: sums, Fingertips labels, and missing years kept missing."""

import numpy as np
import pandas as pd
import pytest

from indicators.stats.pooling import pool_years, pooled_period_label
from indicators.stats.rates import crude_rate


def _frame(rows):
    return pd.DataFrame(rows, columns=["area_code", "year", "count", "denominator"])


def test_labels_are_fingertips_style():
    assert pooled_period_label(2020, 2022) == "2020 - 22"
    assert pooled_period_label(1999, 2001) == "1999 - 01"


def test_counts_and_denominators_are_summed_over_three_years():
    frame = _frame([("A", 2019, 10, 1000), ("A", 2020, 12, 1100), ("A", 2021, 8, 900),
                    ("A", 2022, 11, 1000)])
    pooled = pool_years(frame)
    assert pooled["period_label"].tolist() == ["2019 - 21", "2020 - 22"]
    assert pooled["count"].tolist() == [30, 31]
    assert pooled["denominator"].tolist() == [3000, 3000]
    assert pooled["year_range"].tolist() == [3, 3]
    assert pooled["value_note"].isna().all()
    # the pooled rate is total deaths over total births, not the mean of annual rates
    rate = crude_rate(pooled["count"], pooled["denominator"])["value"].iloc[1]
    assert rate == pytest.approx(31 / 3000 * 1000)


def test_absent_year_makes_the_period_missing_with_a_note():
    frame = _frame([("A", 2018, 1, 100), ("A", 2020, 3, 100), ("A", 2021, 4, 100),
                    ("A", 2022, 5, 100)])
    pooled = pool_years(frame).set_index("period_label")
    assert np.isnan(pooled.loc["2018 - 20", "count"])
    assert np.isnan(pooled.loc["2019 - 21", "denominator"])
    assert pooled.loc["2019 - 21", "value_note"] == "Pooled value not calculated: no data for 2019"
    assert pooled.loc["2020 - 22", "count"] == 12


def test_suppressed_count_is_missing_but_the_denominator_still_pools():
    frame = _frame([("A", 2020, 3, 100), ("A", 2021, np.nan, 100), ("A", 2022, 5, 100)])
    pooled = pool_years(frame).iloc[0]
    assert np.isnan(pooled["count"]) and pooled["denominator"] == 300
    assert pooled["value_note"] == "Pooled value not calculated: count missing for 2021"


def test_each_area_gets_its_own_periods():
    frame = _frame([("A", 2020, 1, 10), ("A", 2021, 1, 10), ("A", 2022, 1, 10),
                    ("B", 2021, 2, 20), ("B", 2022, 2, 20), ("B", 2023, 2, 20)])
    pooled = pool_years(frame)
    labels = pooled.groupby("area_code")["period_label"].apply(list).to_dict()
    assert labels["A"][0] == "2020 - 22"
    assert labels["B"] == ["2021 - 23"]  # no period before B's data begin
    assert pooled.set_index(["area_code", "period_label"]).loc[("B", "2021 - 23"), "count"] == 6


def test_duplicate_years_are_rejected():
    frame = _frame([("A", 2020, 1, 10), ("A", 2020, 2, 10)])
    with pytest.raises(ValueError, match="more than one row"):
        pool_years(frame)


def test_several_grouping_columns():
    frame = pd.DataFrame({
        "area_code": ["A"] * 6, "imd_quintile": [1, 1, 1, 5, 5, 5],
        "year": [2020, 2021, 2022] * 2, "count": [1, 2, 3, 4, np.nan, 6],
        "denominator": [10.0] * 6,
    })
    pooled = pool_years(frame, by=["area_code", "imd_quintile"]).set_index("imd_quintile")
    assert pooled.loc[1, "count"] == 6 and pd.isna(pooled.loc[1, "value_note"])
    assert np.isnan(pooled.loc[5, "count"]) and "2021" in pooled.loc[5, "value_note"]
