"""Pooling consecutive years (infant mortality is published for 3-year periods)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def pooled_period_label(start_year: int, end_year: int) -> str:
    """Fingertips' label for a pooled period: 2020, 2022 -> "2020 - 22"."""
    return f"{start_year} - {end_year % 100:02d}"


def pool_years(
    frame: pd.DataFrame,
    years: int = 3,
    *,
    columns: Sequence[str] = ("count", "denominator"),
    by: Sequence[str] = ("area_code",),
    year: str = "year",
) -> pd.DataFrame:
    """Sum counts and denominators over runs of consecutive calendar years.

    Method: for every group (e.g. area) and every run of ``years`` consecutive
    years ending between the group's first complete run and its latest year,
    each column is summed over the run - Fingertips' "pooled" periods (sum the
    numerators and the denominators, then compute the rate; never average
    rates). Labels follow Fingertips: "2020 - 22".

    Missing is missing: if a year of the run has no row, or a column is missing
    (NaN, e.g. suppressed) in any year, that pooled column is NaN and
    ``value_note`` says which years are missing - never a partial sum.

    Citation: OHID Fingertips technical guidance, "Pooling data over time".

    Args:
        frame: one row per group and year; ``year`` holds integer calendar years.
        years: run length (3 for Fingertips' infant mortality).
        columns: the count columns to sum.
        by: the grouping columns (area, category ...).
        year: name of the year column.

    Returns:
        DataFrame with ``by`` columns, period_label, start_year, end_year,
        year_range, the summed ``columns`` and value_note (None when complete).
    """
    if years < 1:
        raise ValueError(f"years must be 1 or more; got {years!r}")
    missing_columns = [c for c in (*by, year, *columns) if c not in frame.columns]
    if missing_columns:
        raise KeyError(f"pool_years: frame has no column(s) {missing_columns}")
    by = list(by)
    if frame.duplicated([*by, year]).any():
        first = frame.loc[frame.duplicated([*by, year]), [*by, year]].iloc[0].to_dict()
        raise ValueError(f"pool_years: more than one row for {first}")

    keyed = frame.set_index([*by, year])[list(columns)].astype("float64")
    groups = frame[by].drop_duplicates()
    first_year = int(frame[year].min())
    last_year = int(frame[year].max())
    ends = np.arange(first_year + years - 1, last_year + 1)
    if len(ends) == 0 or groups.empty:
        return pd.DataFrame(columns=[*by, "period_label", "start_year", "end_year",
                                     "year_range", *columns, "value_note"])

    # A full grid (every group x every year) makes absent years explicit NaN rows.
    grid_index = pd.MultiIndex.from_frame(
        groups.merge(pd.DataFrame({year: np.arange(first_year, last_year + 1)}), how="cross")
    )
    grid = keyed.reindex(grid_index)
    present = pd.Series(grid_index.isin(keyed.index), index=grid_index)

    rows = []
    for end in ends:
        start = end - years + 1
        window = grid.loc[grid.index.get_level_values(year).isin(range(start, end + 1))]
        window_present = present.loc[window.index]
        # min_count = years: one missing year leaves the pooled column missing
        sums = window.groupby(level=by, sort=False).sum(min_count=years)
        notes = _notes(window, window_present, by, year, columns)
        block = sums.reset_index()
        block["value_note"] = notes.reindex(sums.index).to_numpy()
        block.insert(len(by), "period_label", pooled_period_label(start, end))
        block.insert(len(by) + 1, "start_year", start)
        block.insert(len(by) + 2, "end_year", end)
        block.insert(len(by) + 3, "year_range", years)
        rows.append(block)
    result = pd.concat(rows, ignore_index=True)
    # Groups whose data start later than the first year get no period before their first year.
    first_by_group = frame.groupby(by)[year].min().rename("_first")
    result = result.merge(first_by_group.reset_index(), on=by)
    result = result[result["start_year"] >= result["_first"]].drop(columns="_first")
    return result.sort_values([*by, "start_year"], kind="stable").reset_index(drop=True)


def _notes(window: pd.DataFrame, present: pd.Series, by: list[str], year: str,
           columns: Sequence[str]) -> pd.Series:
    """One note per group listing absent years and, per column, years with a missing value."""
    def describe(group: pd.DataFrame) -> str | None:
        group_present = present.loc[group.index]
        years_of = group.index.get_level_values(year)
        parts = []
        absent = years_of[~group_present.to_numpy()]
        if len(absent):
            parts.append("no data for " + ", ".join(str(y) for y in absent))
        for column in columns:
            gaps = years_of[group_present.to_numpy() & group[column].isna().to_numpy()]
            if len(gaps):
                parts.append(f"{column} missing for " + ", ".join(str(y) for y in gaps))
        if not parts:
            return None
        return "Pooled value not calculated: " + "; ".join(parts)

    notes = {key: describe(group) for key, group in window.groupby(level=by, sort=False)}
    return pd.Series(list(notes.values()), index=_key_index(list(notes), by), dtype=object)


def _key_index(keys: list, by: list[str]) -> pd.Index:
    if len(by) == 1:
        return pd.Index([key[0] if isinstance(key, tuple) else key for key in keys], name=by[0])
    return pd.MultiIndex.from_tuples(keys, names=by)
