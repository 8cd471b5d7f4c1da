"""The cross-table rules: the suppression that one table at a time cannot do.

The per-table rule (`indicators.disclosure.tables`) hides small counts table by table
(one area, one financial year). Two kinds of the engine's published numbers tie tables
together, and each could give a hidden count away:

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

The page's tables (`indicators.disclosure.page_tables`) are tied the same way: all of an
area's review tables for a year share one total, and the notified counts bound the
reviews from above; `suppress_tables` and `review_counts_shown` close those gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.catalogue import DEATH_CATEGORIES
from indicators.disclosure.page_tables import (
    NOTIFIED,
    REVIEWED,
    ChildDeathTable,
    count_table,
    notified_and_reviewed,
)
from indicators.disclosure.records import SUDI_LABEL, parse_records, sudi_counts
from indicators.disclosure.tables import (
    NOTE,
    TOTAL,
    SuppressedTable,
    hidden_table,
    suppress_table,
)
from indicators.names import AREA_CODE, CI_COLUMNS
from indicators.periods import parse_period

SUDI = "cdop_sudi_rate"
BY_CATEGORY = "cdop_infant_deaths_by_category"
# Shares whose denominator is itself a count of reviews (the SUDI rate's is live births).
REVIEW_DENOMINATORS = ("cdop_infant_modifiable", BY_CATEGORY, "cdop_factor_")
VALUE_AND_LIMITS = list(CI_COLUMNS)
KEY = ["indicator_id", "period_label", "category"]


def protect_child_death_values(values: pd.DataFrame, k: int,
                               parents: Mapping[str, str] | pd.Series,
                               cdop: pd.DataFrame | None) -> pd.DataFrame:
    """Hide what the per-table suppression left exposed across tables (see the module).

    Args:
        values: indicator_value rows after `suppress_child_deaths`; rows of other
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
    records = parse_records(cdop)
    own = set(records[AREA_CODE])
    sudi = sudi_counts(records)
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
                          & out["category"].eq(SUDI_LABEL), "count"]
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
    out.loc[newly[newly].index, "value_note"] = NOTE


@dataclass(frozen=True)
class PublishedTable:
    """A table ready to show: `shown` has the counts and a "Total" entry, NaN where hidden;
    `hidden` marks them. `full` and `lower_bound` are for audits only: never publish `full`."""

    key: str
    title: str
    shown: pd.Series
    hidden: pd.Series
    full: pd.Series
    lower_bound: int


def suppress_tables(tables: list[ChildDeathTable], k: int) -> list[PublishedTable]:
    """Hide small counts and whatever would reveal them, consistently across the tables.

    Method: each table is suppressed by the per-table rule (`suppress_table`: counts
    1..k, then partners until no hidden cell can be pinned down), the first table
    ("category") exactly as the indicator engine suppresses it, and the modifiable-factor
    and factor tables, on the engine's partitions (`breakdowns`), likewise. All the tables
    share one total, the reviews completed in the year, which must be hidden in all or in
    none, or one table's total would unlock another's cells:

    * where the category table shows the total but another table's suppression would hide
      it (its non-zero cells are all 1s), that table is suppressed with zeros treated as
      small counts too, which keeps its total;
    * where the category table hides the total (a small total, or all 1s) but another
      table would show it, every cell of that table is hidden.

    Raises RuntimeError if the totals still disagree (a defect, never a data problem).
    """
    category = suppress_table(tables[0].counts, k)
    total_hidden = bool(category.mask[TOTAL])
    published = [_published(tables[0], category)]
    for table in tables[1:]:
        result = suppress_table(table.counts, k)
        if result.mask[TOTAL] and not total_hidden:
            result = suppress_table(table.counts, k, suppress_zero=True)
        if not result.mask[TOTAL] and total_hidden:
            result = hidden_table(table.counts)
        if bool(result.mask[TOTAL]) != total_hidden:
            raise RuntimeError(f"table {table.key!r}: its total is not hidden as the others are")
        published.append(_published(table, result))
    return published


def _published(table: ChildDeathTable, result: SuppressedTable) -> PublishedTable:
    return PublishedTable(table.key, table.title, result.table, result.mask.astype(bool),
                          result.full, result.lower_bound)


def suppress_notified_and_reviewed(counts: pd.Series, k: int, reviews_hidden: bool) -> pd.Series:
    """The two counts of `notified_and_reviewed`, NaN where hidden: a count of 1..k, and the
    reviews completed whenever the review tables hide their total."""
    shown = counts.astype("float64").copy()
    shown[counts.between(1, k)] = float("nan")
    if reviews_hidden:
        shown[REVIEWED] = float("nan")
    return shown


def review_counts_shown(records: pd.DataFrame, period: str, k: int) -> pd.Series:
    """The notified and reviewed counts of one area and year, as the page may show them.

    `suppress_notified_and_reviewed` (a count of 1..k hidden; the reviews whenever the
    review tables hide their total), and one partner across the years: where the area's
    review tables hide their total in any year, its notified count of its first
    notification year is hidden too, whatever it is. Every review was notified in its
    year or before, so the notified counts bound the hidden review totals from above
    (all reviews up to a year <= all notifications up to it); with the tables bounding
    them from below, the two could meet and give the totals away. One notified count
    with no known bound, in the first year, lifts every one of those upper bounds.

    Args:
        records: `prepare_records` output for one area (all years).
        period: financial year label.
        k: counts 1..k are small.
    """
    label = parse_period(period).label
    shown = suppress_notified_and_reviewed(notified_and_reviewed(records, label), k,
                                           _total_hidden(records, label, k))
    notified = records["notified_year"].dropna()
    if not notified.empty and label == min(notified) and any(
            _total_hidden(records, year, k) for year in records["closed_year"].dropna().unique()):
        shown[NOTIFIED] = float("nan")
    return shown


def _total_hidden(records: pd.DataFrame, year: str, k: int) -> bool:
    """Whether the year's category table (hence every review table) hides its total."""
    categories = count_table(records.loc[records["closed_year"] == year, "category"],
                             list(DEATH_CATEGORIES.values()))
    return bool(suppress_table(categories, k).mask[TOTAL])
