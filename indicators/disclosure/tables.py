"""The per-table rule: small-count and secondary suppression of one-way count tables.

Every child death table the app publishes is one-way with its total (the engine's
category, modifiable-factor and factor tables; the page's breakdowns), so the rule is
written for a batch of such tables at once, vectorised (the engine suppresses every area
and year together; the page one table at a time through `suppress_table`).

Method: primary suppression of counts 1..k (0..k with ``suppress_zero``), the total
included; then, while a table holds exactly one hidden cell, or hidden cells a reader
can pin down, one more cell is hidden: the smallest non-zero published cell, cells
before the total, earlier cells first (with none left, any published cell). For a
one-way table with its total published, m hidden cells summing to S, each at least L
(1 when zeros are always published, else 0), lie each between L and S - (m - 1)L, so
they are exposed exactly when S <= mL; with the total hidden nothing bounds them from
above. That is the linear-programming audit (`indicators.disclosure.verify`) in closed
form; tests check the two agree.

Citation: Hundepool A et al. Statistical Disclosure Control. Wiley; 2012, ch. 4;
ONS, Review of the dissemination of health statistics: confidentiality guidance (2006).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TOTAL = "Total"
# One wording for every hidden cell, as ONS marks every confidential cell "c": notes that
# told small counts from their partners would let a reader work the small ones out (two
# hidden cells of a total 6, one marked small (1..4) and one a partner (5 or more), can
# only be 1 and 5).
NOTE = ("Value suppressed for disclosure control: small counts, and counts from which "
        "they could be worked out, are hidden")


@dataclass(frozen=True)
class SuppressedTable:
    """One table after `suppress_table`.

    table: the counts with a "Total" entry, NaN where hidden (missing is missing).
    mask: True where hidden. primary: True where hidden as a small count (for tests and
        audits only: the published note is the same for every hidden cell).
    full: the counts with the total (for audits; never publish it).
    lower_bound: the least a reader may take a hidden count to be (1 when zeros are
        always published, else 0).
    """

    table: pd.Series
    mask: pd.Series
    primary: pd.Series
    full: pd.Series
    lower_bound: int


def with_margins(table: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """Add a "Total" entry (1-D) or "Total" row and column (2-D)."""
    if isinstance(table, pd.Series):
        return pd.concat([table, pd.Series({TOTAL: table.sum()})])
    framed = table.copy()
    framed[TOTAL] = framed.sum(axis=1)
    framed.loc[TOTAL] = framed.sum(axis=0)
    return framed


def suppression_masks(tables: np.ndarray, k: int, *, suppress_zero: bool = False
                      ) -> tuple[np.ndarray, np.ndarray]:
    """(hidden, primary) masks of one-way count tables, one table per row.

    Args:
        tables: whole counts, shape (n_tables, n_cells + 1), the last column the total.
        k: counts 1..k are small (Settings.small_count_max).
        suppress_zero: zeros are small counts too (and a reader knows a hidden cell may
            be 0).
    """
    if not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k must be a whole number of 1 or more; got {k!r}")
    grid = np.asarray(tables, dtype=float)
    n_cols = grid.shape[1]
    lower = 0 if suppress_zero else 1
    primary = (grid >= lower) & (grid <= k)
    mask = primary.copy()
    is_total = np.zeros(n_cols, dtype=bool)
    is_total[-1] = True
    _add_smallest(mask, grid, is_total, mask.sum(axis=1) == 1, suppress_zero)
    for _ in range(n_cols):
        hidden = mask.sum(axis=1)
        hidden_sum = np.where(mask, grid, 0).sum(axis=1)
        exposed = ~mask[:, -1] & (hidden >= 1) & (hidden_sum <= hidden * lower)
        if not exposed.any():
            break
        _add_smallest(mask, grid, is_total, exposed, suppress_zero)
    return mask, primary


def _add_smallest(mask: np.ndarray, grid: np.ndarray, is_total: np.ndarray,
                  rows: np.ndarray, suppress_zero: bool) -> None:
    """In each chosen row hide one more published cell: the smallest eligible cell (non-zero,
    or any with ``suppress_zero``), cells before the total, earlier cells first; with none
    eligible, any published cell."""
    if not rows.any():
        return
    n_cols = grid.shape[1]
    position = np.arange(n_cols)
    # lexicographic key (not eligible, is total, value, position) as one sortable number
    value_rank = np.argsort(np.argsort(grid, axis=1, kind="stable"), axis=1, kind="stable")
    ineligible = np.zeros_like(grid, dtype=bool) if suppress_zero else grid <= 0
    tier = ineligible * 4 + is_total[None, :] * 2
    key = tier.astype(float) * n_cols * n_cols + value_rank * n_cols + position[None, :]
    key = np.where(mask, np.inf, key)
    pick = np.argmin(key, axis=1)
    can = np.isfinite(key[np.arange(len(pick)), pick]) & rows
    mask[np.flatnonzero(can), pick[can]] = True


def suppress_table(counts: pd.Series, k: int, *, suppress_zero: bool = False
                   ) -> SuppressedTable:
    """One one-way table (categories -> whole counts, without its total) through the rule.

    Raises:
        ValueError for a missing, negative or fractional count, or k below 1.
    """
    values = counts.to_numpy(dtype="float64")
    if np.isnan(values).any():
        raise ValueError("table must not contain missing counts; suppress complete tables only")
    if (values < 0).any() or (values != np.round(values)).any():
        raise ValueError("table must hold whole counts of zero or more")
    full = with_margins(counts)
    mask, primary = suppression_masks(full.to_numpy(dtype=float)[None, :], k,
                                      suppress_zero=suppress_zero)
    return SuppressedTable(full.where(~mask[0]).astype("float64"),
                           pd.Series(mask[0], index=full.index),
                           pd.Series(primary[0], index=full.index), full,
                           0 if suppress_zero else 1)


def hidden_table(counts: pd.Series) -> SuppressedTable:
    """The table with every cell and its total hidden (withheld whole)."""
    full = with_margins(counts)
    mask = pd.Series(True, index=full.index)
    return SuppressedTable(full.where(~mask).astype("float64"), mask,
                           pd.Series(False, index=full.index), full, 0)
