"""Aggregating parents from children: supplied rows win, notes say how each value was made."""

import numpy as np
import pandas as pd
import pytest

from indicators.stats.aggregation import (
    AGGREGATED_NOTE,
    NOT_AGGREGATED_NOTE,
    aggregate_to_parents,
)

AREAS = pd.DataFrame({
    "area_code": ["E92000001", "R1", "R2", "C1", "C2", "C3", "D1", "D2"],
    "parent_code": [None, "E92000001", "E92000001", "R1", "R1", "R2", "C3", "C3"],
})


def _rows(rows):
    return pd.DataFrame(rows, columns=["area_code", "period_label", "count", "denominator"])


def _by_area(result, period="2020"):
    return result[result["period_label"] == period].set_index("area_code")


def test_parents_are_built_bottom_up_from_direct_children():
    data = _rows([("C1", "2020", 1, 10), ("C2", "2020", 2, 20), ("D1", "2020", 3, 30),
                  ("D2", "2020", 4, 40)])
    result = _by_area(aggregate_to_parents(data, AREAS))
    assert result.loc["C3", ["count", "denominator"]].tolist() == [7, 70]  # from districts
    assert result.loc["R2", "count"] == 7  # from the aggregated county
    assert result.loc["R1", "count"] == 3
    assert result.loc["E92000001", ["count", "denominator"]].tolist() == [10, 100]
    assert result.loc["E92000001", "value_note"] == AGGREGATED_NOTE


def test_supplied_parent_rows_are_used_as_supplied():
    data = _rows([("C1", "2020", 1, 10), ("C2", "2020", 2, 20), ("R1", "2020", 50, 500),
                  ("C3", "2020", 9, 90)])
    data["value_note"] = None
    result = _by_area(aggregate_to_parents(data, AREAS))
    assert result.loc["R1", "count"] == 50 and pd.isna(result.loc["R1", "value_note"])
    assert result.loc["E92000001", "count"] == 50 + 9  # regions: supplied R1 + R2 from C3
    assert (aggregate_to_parents(data, AREAS)["area_code"] == "R1").sum() == 1


def test_a_missing_child_makes_the_parent_missing_by_default():
    data = _rows([("C1", "2020", 1, 10), ("C2", "2020", np.nan, 20)])
    result = _by_area(aggregate_to_parents(data, AREAS))
    assert np.isnan(result.loc["R1", "count"])
    assert result.loc["R1", "denominator"] == 30  # the denominators are all known
    assert result.loc["R1", "value_note"] == (
        f"{NOT_AGGREGATED_NOTE}: 1 of 2 child areas have no value or only a partial one (C2)")


def test_known_children_can_be_summed_with_a_note_naming_the_gaps():
    data = _rows([("C1", "2020", 1, 10), ("C3", "2020", 5, 50)])
    result = _by_area(aggregate_to_parents(data, AREAS, require_all_children=False))
    assert result.loc["R1", "count"] == 1
    assert "(C2)" in result.loc["R1", "value_note"]
    # England is partial because R1 is: the note carries that up
    assert result.loc["E92000001", "count"] == 6
    assert "(R1)" in result.loc["E92000001", "value_note"]


def test_periods_are_aggregated_separately():
    data = _rows([("C1", "2020", 1, 10), ("C2", "2020", 2, 20), ("C1", "2021", 4, 10),
                  ("C2", "2021", 5, 20)])
    result = aggregate_to_parents(data, AREAS)
    r1 = result[result["area_code"] == "R1"].set_index("period_label")["count"]
    assert r1.to_dict() == {"2020": 3, "2021": 9}


def test_missing_columns_are_reported():
    with pytest.raises(KeyError, match="denominator"):
        aggregate_to_parents(pd.DataFrame({"area_code": ["C1"], "period_label": ["2020"],
                                           "count": [1]}), AREAS)
