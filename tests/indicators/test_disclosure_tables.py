"""The per-table rule (indicators.disclosure.tables), checked by the linear-programming
audit (indicators.disclosure.verify): no hidden cell can be worked out from what is
published."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indicators.disclosure.tables import (
    NOTE,
    suppress_table,
    suppression_masks,
    with_margins,
)
from indicators.disclosure.verify import can_recover, recoverable_cells


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


def test_small_counts_are_hidden_with_one_partner_and_zero_is_published():
    result = suppress_table(pd.Series([0, 3, 12, 20], index=["w", "x", "y", "z"]), k=4)
    assert result.table["w"] == 0 and np.isnan(result.table["x"])
    assert result.primary[result.primary].index.tolist() == ["x"]
    # the partner: the smallest other non-zero cell, never the zero or the total
    assert result.mask[result.mask & ~result.primary].index.tolist() == ["y"]
    assert result.table.drop(["x", "y"]).tolist() == [0, 20, 35]
    assert not can_recover(result.full, result.mask, result.lower_bound)


def test_partners_are_added_until_the_hidden_cells_cannot_all_be_ones():
    # 1, 1 and 1 hidden would each be 1 (three cells adding up to three): the 2 joins them
    result = suppress_table(pd.Series([1, 1, 1, 2, 9]), k=1)
    assert result.primary.tolist() == [True, True, True, False, False, False]
    assert result.mask.tolist() == [True, True, True, True, False, False]


def test_every_hidden_cell_has_the_same_note_so_partners_cannot_be_told_from_small_counts():
    # cells 1 and 5 of a total 6: told which one is the small count (1..4) and which the
    # partner (5 or more), a reader would know both
    result = suppress_table(pd.Series([1, 5, 0]), k=4)
    assert result.mask.tolist() == [True, True, False, False]
    assert result.primary.tolist() == [True, False, False, False]
    assert isinstance(NOTE, str) and "{" not in NOTE


def test_threshold_is_configurable_and_zero_can_be_suppressed():
    table = pd.Series([0, 6, 12, 20])
    assert not suppress_table(table, k=5).mask.iloc[1]
    assert suppress_table(table, k=6).mask.iloc[1]
    zero = suppress_table(table, k=4, suppress_zero=True)
    assert zero.primary.tolist() == [True, False, False, False, False]
    assert zero.mask.tolist() == [True, True, False, False, False] and zero.lower_bound == 0
    assert not can_recover(zero.full, zero.mask, zero.lower_bound)


def test_a_small_total_is_itself_hidden_and_the_zero_still_published():
    result = suppress_table(pd.Series([0, 2, 1]), k=4)
    assert result.mask.tolist() == [False, True, True, True]
    assert result.primary.tolist() == [False, True, True, True]


def test_bad_tables_are_rejected():
    with pytest.raises(ValueError, match="missing"):
        suppress_table(pd.Series([1.0, np.nan]), k=4)
    with pytest.raises(ValueError, match="whole counts"):
        suppress_table(pd.Series([1.5, 3.0]), k=4)
    with pytest.raises(ValueError, match="k must be"):
        suppress_table(pd.Series([1, 3]), k=0)


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.integers(0, 12), min_size=1, max_size=8), k=st.integers(1, 5),
       suppress_zero=st.booleans())
# Every non-zero cell small: nothing is left to protect with, so the table is withheld.
@example(cells=[1, 1, 1, 1, 1, 0, 0, 0], k=1, suppress_zero=False)
def test_the_linear_programming_audit_finds_nothing_to_recover(cells, k, suppress_zero):
    result = suppress_table(pd.Series(cells), k=k, suppress_zero=suppress_zero)
    full = result.full.to_numpy()
    assert result.mask.to_numpy()[(full >= (0 if suppress_zero else 1)) & (full <= k)].all()
    assert not can_recover(result.full, result.mask, result.lower_bound)


def test_the_batch_form_is_the_same_rule_row_by_row():
    rng = np.random.default_rng(7)
    counts = rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 14, 30], size=(40, 6))
    tables = np.column_stack([counts, counts.sum(axis=1)])
    mask, primary = suppression_masks(tables, 4)
    for row, table in enumerate(tables):
        one = suppress_table(pd.Series(table[:-1]), k=4)
        np.testing.assert_array_equal(mask[row], one.mask.to_numpy(), err_msg=str(table))
    assert mask.sum() > primary.sum()
