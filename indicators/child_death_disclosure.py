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

`protect_child_death_values` runs after the per-table suppression, on its output and the
cdop records (running it twice changes nothing):

1. an aggregated parent hides every number that any of its children hides (what it then
   shows is a sum of numbers its children show, so it adds nothing a reader could use);
2. SUDI, where some category-10 count of the area is hidden in some year: the hidden
   category-10 counts add up to a known number plus the hidden SUDI counts, so the SUDI
   counts hidden must add up to more than their number (a reader takes each as at least
   1): a count of 1..k, and partners, the smallest non-zero SUDI counts, until they do;
   with no partner left, every SUDI count of the area, zeros too;
3. SUDI, where every category-10 count is shown (their total is then known): the SUDI
   counts are suppressed as a one-way table with that total - at least two hidden, not
   all 1s, partners the smallest non-zero counts, and if none is left, all of them.
"""

from __future__ import annotations

from collections.abc import Mapping

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
                               cdop: pd.DataFrame | None) -> pd.DataFrame:
    """Hide what the per-table suppression left exposed across tables (see the module).

    Args:
        values: indicator_value rows after `indicators.engine.suppression`; rows of other
            indicators pass through unchanged.
        k: counts 1..k are small (Settings.small_count_max).
        parents: area code -> parent code (the engine's area tree).
        cdop: the raw cdop records (the engine's ``raw["cdop"]``): the areas they are
            coded to (every other area with child death rows is an aggregate of its
            children) and the true SUDI counts, which the suppressed rows no longer carry.

    Returns:
        A copy with more counts (and their values, limits and, for shares, denominators)
        hidden; every newly hidden row carries the one suppression note.
    """
    out = values.copy(deep=False)  # copy-on-write: columns are copied only when changed
    cdop_rows = out["indicator_id"].str.startswith("cdop_")
    if not cdop_rows.any() or cdop is None or cdop.empty:
        return out
    parent_of = pd.Series(parents).dropna()
    own = set(cdop["area_code"].astype(str))
    sudi = sudi_counts(cdop)
    for parent in sorted(set(out.loc[cdop_rows, "area_code"]) - own):
        children = sorted(set(parent_of[parent_of == parent].index) & own)
        if children:
            _hide_what_children_hide(out, parent, children)
            summed = sudi[sudi.index.get_level_values(0).isin(children)].groupby(level=1).sum()
            summed.index = pd.MultiIndex.from_product([[parent], summed.index])
            sudi = pd.concat([sudi, summed])
    for area in sorted(set(out.loc[cdop_rows, "area_code"])):
        _protect_sudi(out, area, k, sudi)
    return out


def sudi_counts(cdop: pd.DataFrame) -> pd.Series:
    """Reviewed category-10 infant deaths by (area, calendar year of death), as the engine
    counts the SUDI rate's numerator."""
    infant = pd.to_numeric(cdop["age_at_death_days"], errors="coerce") < 365
    closed = pd.to_datetime(cdop["review_closed_date"], errors="coerce").notna()
    ten = pd.to_numeric(cdop["category"], errors="coerce").eq(10)
    died = pd.to_datetime(cdop["date_of_death"], errors="coerce")
    chosen = infant & closed & ten & died.notna()
    keys = pd.MultiIndex.from_arrays([cdop.loc[chosen, "area_code"].astype(str),
                                      died[chosen].dt.year.astype(int).astype(str)])
    return pd.Series(1.0, index=keys).groupby(level=[0, 1]).sum()


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


def _protect_sudi(out: pd.DataFrame, area: str, k: int, truth: pd.Series) -> None:
    here = out["area_code"].eq(area)
    sudi = out[here & out["indicator_id"].eq(SUDI)]
    if sudi.empty:
        return
    category_10 = out.loc[here & out["indicator_id"].eq(BY_CATEGORY)
                          & out["category"].eq(SUDI_CATEGORY), "count"]
    shown = sudi["count"].to_numpy(dtype=float)
    if category_10.empty or category_10.isna().any():
        true = np.array([truth.get((area, str(y)), 0.0) for y in sudi["period_label"]])
        hidden = sudi_partners_open_total(true, np.isnan(shown), k)
    else:
        hidden = sudi_partners(shown, float(category_10.sum()), k)
    _hide(out, sudi.index[hidden], ["count"])


def sudi_partners_open_total(counts: np.ndarray, hidden: np.ndarray, k: int) -> np.ndarray:
    """Which SUDI counts to hide when some category-10 count is hidden (true counts given).

    Method: the hidden category-10 counts then add up to a known number plus the hidden
    SUDI counts; a reader takes each hidden SUDI count as at least 1, so the hidden ones
    must add up to more than their number, or that sum (and with it the hidden
    category-10 counts) would be pinned. Counts 1..k are hidden; then the smallest
    non-zero shown count, earliest year first, until the hidden counts are at least one
    and add up to more than their number; with none left, all counts, zeros too.
    """
    hidden = np.asarray(hidden, bool) | ((counts >= 1) & (counts <= k))
    while True:
        chosen = hidden & (counts > 0)
        if chosen.any() and counts[chosen].sum() > chosen.sum():
            return hidden
        shown = np.flatnonzero(~hidden & (counts > 0))
        if shown.size == 0:
            return np.ones_like(hidden)
        hidden[shown[np.argmin(counts[shown])]] = True


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
