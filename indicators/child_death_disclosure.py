"""Child death review rows across tables: the suppression that one table at a time cannot do.

`indicators.engine.suppression` hides small counts table by table (one area, one financial
year). Two kinds of published numbers tie tables together, and each could give a hidden
count away:

* The SUDI rate counts reviewed category-10 deaths by **calendar year of death**; the
  category table counts them by **financial year of review**. Both cover every reviewed
  infant death, so the SUDI counts of an area add up to its category-10 counts over all
  years: with every SUDI count shown, one category-10 count hidden in one year is the
  difference. (And with the category-10 counts all shown, one hidden SUDI count is.)
* A county or unitary authority aggregated from its districts is the sum of their
  numbers: a district's hidden count is the county's minus the other districts'.

`protect_child_death_values` runs after the per-table suppression, on its output, and
needs nothing but that output (so running it twice changes nothing):

1. an aggregated parent hides every number that any of its children hides (what it then
   shows is a sum of numbers its children show, so it adds nothing a reader could use);
2. SUDI: where any category-10 count of the area is hidden in any year, every SUDI count
   of the area is hidden, zeros too (so a reader cannot tell the years apart); where all
   are shown (their total is then known), the SUDI counts are suppressed as a one-way
   table with that total: at least two hidden, not all of them 1s, partners the smallest
   non-zero counts, and if no partner is left, all of them.

`indicators.child_death_audit` checks the result jointly, by linear programming, over
every child death number the app can show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from indicators.catalogue import DEATH_CATEGORIES
from indicators.stats.disclosure import PRIMARY_NOTE

SUDI = "cdop_sudi_rate"
BY_CATEGORY = "cdop_infant_deaths_by_category"
SUDI_CATEGORY = DEATH_CATEGORIES[10]
# Shares whose denominator is itself a count of reviews (the SUDI rate's is live births).
REVIEW_DENOMINATORS = ("cdop_infant_modifiable", BY_CATEGORY, "cdop_factor_")
VALUE_AND_LIMITS = ["value", "lower95", "upper95", "lower998", "upper998"]
KEY = ["indicator_id", "period_label", "category"]


def protect_child_death_values(values: pd.DataFrame, k: int,
                               parents: Mapping[str, str] | pd.Series,
                               record_areas: Iterable[str]) -> pd.DataFrame:
    """Hide what the per-table suppression left exposed across tables (see the module).

    Args:
        values: indicator_value rows after `indicators.engine.suppression`; rows of other
            indicators pass through unchanged.
        k: counts 1..k are small (Settings.small_count_max).
        parents: area code -> parent code (the engine's area tree).
        record_areas: codes of the areas the cdop records are coded to (every other area
            with child death rows is an aggregate of its children).

    Returns:
        A copy with more counts (and their values, limits and, for shares, denominators)
        hidden; every newly hidden row carries the one suppression note.
    """
    out = values.copy()
    cdop = out["indicator_id"].str.startswith("cdop_")
    if not cdop.any():
        return out
    parent_of = pd.Series(parents).dropna()
    own = set(record_areas)
    for parent in sorted(set(out.loc[cdop, "area_code"]) - own):
        children = sorted(set(parent_of[parent_of == parent].index) & own)
        if children:
            _hide_what_children_hide(out, parent, children)
    for area in sorted(set(out.loc[cdop, "area_code"])):
        _protect_sudi(out, area, k)
    return out


def _hide_what_children_hide(out: pd.DataFrame, parent: str, children: list[str]) -> None:
    rows = out[out["area_code"].eq(parent) & out["indicator_id"].str.startswith("cdop_")]
    kids = out[out["area_code"].isin(children) & out["indicator_id"].str.startswith("cdop_")]
    count_hidden = kids["count"].isna().groupby([kids[c] for c in KEY]).any()
    shares = kids["indicator_id"].str.startswith(REVIEW_DENOMINATORS)
    denominator_hidden = (kids["denominator"].isna() & shares).groupby(
        [kids[c] for c in KEY]).any()
    keys = pd.MultiIndex.from_frame(rows[KEY])
    hide_count = count_hidden.reindex(keys, fill_value=False).to_numpy()
    hide_denominator = denominator_hidden.reindex(keys, fill_value=False).to_numpy()
    _hide(out, rows.index[hide_count], ["count"])
    _hide(out, rows.index[hide_denominator], ["denominator"])


def _protect_sudi(out: pd.DataFrame, area: str, k: int) -> None:
    here = out["area_code"].eq(area)
    sudi = out[here & out["indicator_id"].eq(SUDI)]
    if sudi.empty:
        return
    category_10 = out.loc[here & out["indicator_id"].eq(BY_CATEGORY)
                          & out["category"].eq(SUDI_CATEGORY), "count"]
    if category_10.empty or category_10.isna().any():
        _hide(out, sudi.index, ["count"])
        return
    hidden = sudi_partners(sudi["count"].to_numpy(dtype=float), float(category_10.sum()), k)
    _hide(out, sudi.index[hidden & sudi["count"].notna().to_numpy()], ["count"])


def sudi_partners(counts: np.ndarray, total: float, k: int) -> np.ndarray:
    """Which SUDI counts to hide, given the known total of the series (NaN = already hidden).

    Method: counts 1..k are hidden; then, while a reader could still work one out - a
    single hidden count (total minus the shown ones), or hidden counts that must all be 1
    (their sum equals their number) - the smallest shown non-zero count is hidden too,
    earliest year first; with none left, every count is. Idempotent: the hidden counts'
    sum is taken from the total, never from the hidden values.
    """
    hidden = np.isnan(counts) | ((counts >= 1) & (counts <= k))
    while hidden.any():
        remainder = total - np.nansum(np.where(hidden, np.nan, counts))
        if hidden.sum() >= 2 and remainder > hidden.sum():
            break
        shown = np.flatnonzero(~hidden & (np.nan_to_num(counts) > 0))
        if shown.size == 0:
            return np.ones_like(hidden)
        hidden[shown[np.argmin(counts[shown])]] = True
    return hidden


def _hide(out: pd.DataFrame, rows: pd.Index, columns: list[str]) -> None:
    """Hide the columns and the value and limits of the rows; note the newly hidden ones."""
    if len(rows) == 0:
        return
    newly = out.loc[rows, columns].notna().any(axis=1)
    out.loc[rows, [*columns, *VALUE_AND_LIMITS]] = np.nan
    out.loc[newly[newly].index, "value_note"] = PRIMARY_NOTE
