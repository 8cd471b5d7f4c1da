"""The per-table rule applied to the engine's child death review rows, every table at once.

Tables, per area and financial year: the ten categories with the reviews total; for the
modifiable-factor share and each factor share, [yes, no, undecided or not recorded] with
the same total. The rule itself is `indicators.disclosure.tables.suppression_masks`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import DEATH_CATEGORIES, FACTORS
from indicators.disclosure.tables import NOTE, suppression_masks
from indicators.names import AREA_CODE, CI_COLUMNS, PERIOD_LABEL

TABLE_KEYS = [AREA_CODE, PERIOD_LABEL]
VALUE_AND_LIMITS = list(CI_COLUMNS)
SHARES = ["cdop_infant_modifiable", *(f"cdop_factor_{slug}" for slug, _ in FACTORS.values())]


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
    out.loc[sudi, "value_note"] = NOTE
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
        hidden, _primary = suppression_masks(grid.to_numpy()[complete], k)
        mask[complete] = hidden
        notes[complete] = np.where(hidden, NOTE, None)
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
    out.loc[rows[any_hidden], "value_note"] = NOTE
    yes_hidden = mask[:, 0]
    out.loc[rows[yes_hidden], "count"] = np.nan
    out.loc[rows[yes_hidden], "value_note"] = notes[yes_hidden, 0]


def _hide(out: pd.DataFrame, rows: pd.Series, notes: pd.Series, denominator: bool) -> None:
    columns = ["count", *VALUE_AND_LIMITS] + (["denominator"] if denominator else [])
    out.loc[rows.to_numpy(), columns] = np.nan
    out.loc[rows.to_numpy(), "value_note"] = notes.to_numpy()
