"""Small-count suppression of the child death review indicators, for many tables at once.

`indicators.stats.disclosure.suppress_counts` is the reference for one table (primary
suppression of counts 1..k, secondary suppression, then an audit by linear programming).
Run per table it takes ~25 ms, far too slow for every area and year, so this module
applies the same rule to all one-way tables together. For a one-way table with its
total the linear-programming audit reduces to arithmetic: with the total published and
zeros always published, m suppressed cells summing to S can each lie between 1 and
S - (m - 1), so they are exposed exactly when S == m (every one of them is a 1). Tests
check the masks against suppress_counts table by table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import DEATH_CATEGORIES, FACTORS
from indicators.stats.disclosure import PRIMARY_NOTE, SECONDARY_NOTE

TABLE_KEYS = ["area_code", "period_label"]
VALUE_AND_LIMITS = ["value", "lower95", "upper95", "lower998", "upper998"]
SHARES = ["cdop_infant_modifiable", *(f"cdop_factor_{slug}" for slug, _ in FACTORS.values())]


def suppression_masks(tables: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(suppressed, primary) masks for one-way count tables, one per row.

    tables: whole counts, shape (n_tables, n_cells + 1), the last column the total.
    k: counts 1..k are suppressed (zeros are published).
    """
    grid = np.asarray(tables, dtype=float)
    n_rows, n_cols = grid.shape
    primary = (grid >= 1) & (grid <= k)
    mask = primary.copy()
    is_total = np.zeros(n_cols, dtype=bool)
    is_total[-1] = True
    lonely = mask.sum(axis=1) == 1
    _add_smallest(mask, grid, is_total, lonely)
    for _ in range(n_cols):
        suppressed_sum = np.where(mask, grid, 0).sum(axis=1)
        exposed = (~mask[:, -1] & (mask.sum(axis=1) >= 1)
                   & (suppressed_sum == mask.sum(axis=1)))
        if not exposed.any():
            break
        _add_smallest(mask, grid, is_total, exposed)
    return mask, primary


def _add_smallest(mask: np.ndarray, grid: np.ndarray, is_total: np.ndarray,
                  rows: np.ndarray) -> None:
    """In each chosen row suppress one more published cell: the smallest non-zero cell,
    cells before the total, earlier cells first; if none is non-zero, any published cell."""
    if not rows.any():
        return
    n_cols = grid.shape[1]
    position = np.arange(n_cols)
    # lexicographic key (not eligible, is total, value, position) as one sortable number
    value_rank = np.argsort(np.argsort(grid, axis=1, kind="stable"), axis=1, kind="stable")
    tier = (grid <= 0) * 4 + is_total[None, :] * 2
    key = tier.astype(float) * n_cols * n_cols + value_rank * n_cols + position[None, :]
    key = np.where(mask, np.inf, key)
    pick = np.argmin(key, axis=1)
    can = np.isfinite(key[np.arange(len(pick)), pick]) & rows
    mask[np.flatnonzero(can), pick[can]] = True


def suppression_notes(mask: np.ndarray, primary: np.ndarray, k: int) -> np.ndarray:
    """The reason for each suppressed cell in the reference module's words, else None."""
    notes = np.full(mask.shape, None, dtype=object)
    notes[mask] = SECONDARY_NOTE
    notes[primary] = PRIMARY_NOTE.format(low=1, k=k)
    return notes


def suppress_child_deaths(values: pd.DataFrame, k: int) -> pd.DataFrame:
    """Hide small counts in the child death review rows, and what would reveal them.

    Tables, per area and period: the 10 categories with the reviews total; for the
    modifiable-factor and each factor share, [yes, no, undecided or not recorded] with the
    same total. A hidden cell hides its row's count, value and limits; a share whose table
    hides any cell also hides its denominator, value and limits (yes + no would give the
    hidden cell away). The SUDI rate hides counts 1..k. Rows already missing stay so.
    """
    out = values.copy(deep=False)  # copy-on-write: columns are copied only when changed
    reviews = _rows(out, "cdop_infant_reviews")
    if reviews.empty:
        return out
    total = reviews["count"]
    categories = _rows(out, "cdop_infant_deaths_by_category", by_category=True)
    if not categories.empty:
        cells = categories["count"].unstack("category").reindex(
            index=total.index, columns=list(DEATH_CATEGORIES.values()))
        grid = pd.concat([cells, total.rename("_total")], axis=1)
        mask, notes = _masks(grid, k)
        hidden = pd.DataFrame(mask[:, :-1], index=grid.index, columns=cells.columns).stack()
        reasons = pd.DataFrame(notes[:, :-1], index=grid.index, columns=cells.columns).stack()
        _hide(out, categories.loc[hidden[hidden].index, "row"], reasons[hidden[hidden].index],
              denominator=False)
        total_hidden = pd.Series(mask[:, -1], index=grid.index)
        _hide(out, reviews.loc[total_hidden[total_hidden].index, "row"],
              pd.Series(notes[:, -1], index=grid.index)[total_hidden], denominator=False)
        rows = categories["row"][categories.index.droplevel("category").isin(
            total_hidden[total_hidden].index)]
        out.loc[rows, ["denominator", *VALUE_AND_LIMITS]] = np.nan
    for indicator_id in SHARES:
        _suppress_share(out, indicator_id, total, k)
    sudi = out["indicator_id"].eq("cdop_sudi_rate") & out["count"].between(1, k)
    out.loc[sudi, ["count", *VALUE_AND_LIMITS]] = np.nan
    out.loc[sudi, "value_note"] = PRIMARY_NOTE.format(low=1, k=k)
    return out


def _rows(values: pd.DataFrame, indicator_id: str, by_category: bool = False) -> pd.DataFrame:
    rows = values[values["indicator_id"] == indicator_id]
    keys = [*TABLE_KEYS, "category"] if by_category else TABLE_KEYS
    return rows.assign(row=rows.index).set_index(keys)[["count", "denominator", "row"]]


def _masks(grid: pd.DataFrame, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks and notes for the complete tables of `grid`; incomplete ones are left alone."""
    complete = grid.notna().all(axis=1).to_numpy()
    mask = np.zeros(grid.shape, dtype=bool)
    notes = np.full(grid.shape, None, dtype=object)
    if complete.any():
        hidden, primary = suppression_masks(grid.to_numpy()[complete], k)
        mask[complete] = hidden
        notes[complete] = suppression_notes(hidden, primary, k)
    return mask, notes


def _suppress_share(out: pd.DataFrame, indicator_id: str, total: pd.Series, k: int) -> None:
    share = _rows(out, indicator_id)
    if share.empty:
        return
    yes, decided = share["count"], share["denominator"]
    grid = pd.DataFrame({"yes": yes, "no": decided - yes,
                         "other": total.reindex(share.index) - decided,
                         "_total": total.reindex(share.index)})
    mask, notes = _masks(grid, k)
    any_hidden = mask.any(axis=1)
    rows = share["row"].to_numpy()
    out.loc[rows[any_hidden], ["denominator", *VALUE_AND_LIMITS]] = np.nan
    out.loc[rows[any_hidden], "value_note"] = SECONDARY_NOTE
    yes_hidden = mask[:, 0]
    out.loc[rows[yes_hidden], "count"] = np.nan
    out.loc[rows[yes_hidden], "value_note"] = notes[yes_hidden, 0]


def _hide(out: pd.DataFrame, rows: pd.Series, notes: pd.Series, denominator: bool) -> None:
    columns = ["count", *VALUE_AND_LIMITS] + (["denominator"] if denominator else [])
    out.loc[rows.to_numpy(), columns] = np.nan
    out.loc[rows.to_numpy(), "value_note"] = notes.to_numpy()
