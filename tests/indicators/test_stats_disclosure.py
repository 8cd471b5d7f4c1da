"""Small-count suppression: no suppressed cell can be worked out from what is published."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indicators.stats.disclosure import (
    PRIMARY_NOTE,
    SECONDARY_NOTE,
    can_recover,
    recoverable_cells,
    suppress_counts,
    with_margins,
)

CATEGORIES = ["Perinatal/neonatal event", "Chromosomal, genetic and congenital anomalies",
              "Sudden unexpected, unexplained death", "Infection", "Other"]


def test_the_checker_catches_primary_suppression_alone():
    table = with_margins(pd.Series([3, 12, 20], index=["a", "b", "c"]))
    alone = pd.Series([True, False, False, False], index=table.index)
    assert can_recover(table, alone)  # 35 - 12 - 20 = 3
    both = pd.Series([True, True, False, False], index=table.index)
    assert not can_recover(table, both)


def test_the_checker_uses_what_readers_know_about_zeros():
    # Two suppressed cells that add up to 2: if zeros are always published, both are 1
    table = with_margins(pd.Series([1, 1, 10]))
    mask = pd.Series([True, True, False, False], index=table.index)
    assert not can_recover(table, mask, lower_bound=0)
    assert can_recover(table, mask, lower_bound=1)


def test_the_checker_sees_through_combinations_of_totals():
    # Two closed rectangles of suppressed cells joined by one more cell: every row and
    # column holds at least two suppressed cells, yet adding rows 0-1 and subtracting
    # columns 0-1 gives the joining cell (1, 2) exactly.
    table = with_margins(pd.DataFrame([[5, 6, 7, 8], [6, 5, 3, 9], [7, 8, 5, 6], [9, 7, 6, 5]]))
    mask = np.zeros(table.shape, dtype=bool)
    for cell in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)]:
        mask[cell] = True
    assert all(mask[i].sum() != 1 for i in range(5)) and all(mask[:, j].sum() != 1
                                                            for j in range(5))
    assert recoverable_cells(table, mask) == [(1, 2)]


def test_small_counts_are_suppressed_and_zero_is_published():
    result = suppress_counts(pd.Series([0, 3, 12, 20], index=["w", "x", "y", "z"]))
    assert result.table["w"] == 0 and np.isnan(result.table["x"])
    assert result.notes["x"] == PRIMARY_NOTE.format(low=1, k=4)
    assert result.mask.sum() >= 2  # a second cell hides the first
    assert result.notes[result.mask & (result.notes != result.notes["x"])].eq(SECONDARY_NOTE).all()
    assert not can_recover(result.full, result.mask, result.lower_bound)


def test_threshold_is_configurable_and_zero_can_be_suppressed():
    table = pd.Series([0, 6, 12, 20])
    assert not suppress_counts(table, k=5).mask.iloc[1]
    assert suppress_counts(table, k=6).mask.iloc[1]
    zero = suppress_counts(table, suppress_zero=True)
    assert zero.mask.iloc[0] and zero.lower_bound == 0
    assert not can_recover(zero.full, zero.mask, zero.lower_bound)


def test_two_way_table_of_child_deaths_by_category_and_age():
    table = pd.DataFrame(
        {"Neonatal": [25, 14, 0, 3, 6], "Post-neonatal": [2, 6, 9, 4, 1],
         "1 to 17 years": [0, 11, 1, 7, 30]},
        index=CATEGORIES,
    )
    result = suppress_counts(table)
    small = with_margins(table).to_numpy()
    assert result.mask.to_numpy()[(small >= 1) & (small <= 4)].all()
    published = ~result.mask.to_numpy()
    assert (result.table.to_numpy()[published] == small[published]).all()
    assert np.isnan(result.table.to_numpy()[~published]).all()  # missing, never 0
    assert not can_recover(result.full, result.mask, lower_bound=1)
    assert not can_recover(result.full, result.mask, lower_bound=0)


def test_a_small_row_total_is_itself_suppressed():
    table = pd.DataFrame({"Expected": [0, 10, 8], "Unexpected": [2, 9, 12]},
                         index=["Category 1", "Category 5", "Category 10"])
    result = suppress_counts(table)
    assert result.mask.loc["Category 1", "Total"]
    assert not can_recover(result.full, result.mask, result.lower_bound)


def test_bad_tables_are_rejected():
    with pytest.raises(ValueError, match="missing"):
        suppress_counts(pd.Series([1.0, np.nan]))
    with pytest.raises(ValueError, match="whole counts"):
        suppress_counts(pd.Series([1.5, 3.0]))


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(st.lists(st.integers(0, 30), min_size=2, max_size=4), min_size=2, max_size=5)
    .filter(lambda rows: len({len(r) for r in rows}) == 1),
    k=st.integers(1, 5),
)
# Every non-zero cell small: nothing is left to protect with, so the table is withheld.
@example(cells=[[1, 1, 1, 1], [1, 0, 0, 0]], k=1)
def test_no_suppressed_cell_can_ever_be_recovered(cells, k):
    table = pd.DataFrame(cells)
    result = suppress_counts(table, k=k)
    grid = result.full.to_numpy()
    assert result.mask.to_numpy()[(grid >= 1) & (grid <= k)].all()
    assert not can_recover(result.full, result.mask, result.lower_bound)


@settings(max_examples=40, deadline=None)
@given(cells=st.lists(st.integers(0, 12), min_size=1, max_size=8), k=st.integers(1, 5))
def test_one_way_tables_are_safe(cells, k):
    result = suppress_counts(pd.Series(cells), k=k)
    assert not can_recover(result.full, result.mask, result.lower_bound)
