"""Filling in parent areas (England, regions, counties) from their children's counts."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

AGGREGATED_NOTE = "Aggregated from all known lower geography values"
NOT_AGGREGATED_NOTE = "Not aggregated from lower geographies"


def _depths(areas: pd.DataFrame) -> dict[str, int]:
    """Distance of each area from the top of the hierarchy (England = 0)."""
    parent_of = dict(zip(areas["area_code"], areas["parent_code"], strict=True))
    depths: dict[str, int] = {}
    for code in parent_of:
        seen, node, depth = set(), code, 0
        while isinstance(parent_of.get(node), str) and parent_of[node] in parent_of:
            if node in seen:
                raise ValueError(f"areas: the parent chain of {code!r} loops back on itself")
            seen.add(node)
            node, depth = parent_of[node], depth + 1
        depths[code] = depth
    return depths


def aggregate_to_parents(
    frame: pd.DataFrame,
    areas: pd.DataFrame,
    *,
    columns: Sequence[str] = ("count", "denominator"),
    by: Sequence[str] = ("period_label",),
    area: str = "area_code",
    require_all_children: bool = True,
) -> pd.DataFrame:
    """Add rows for parent areas that have no supplied row, summed from their direct children.

    Method (Fingertips): a parent's row supplied in the data is used as
    supplied. Where a parent (England, a region, a county) has no row for a
    period/category, its counts and denominators are the sums over its
    **direct** children (districts -> county, counties/UAs -> region,
    regions -> England), worked bottom-up so a county filled in from districts
    can in turn feed its region. Such rows carry the value note
    "Aggregated from all known lower geography values".

    Decision on incomplete children: by default (``require_all_children=True``)
    a parent is filled in only when **every** direct child listed in ``areas``
    has the column present; otherwise the summed column is NaN and the note
    says which children are missing - a sum of some children would understate
    the count (and shift the rate), and missing is missing. With
    ``require_all_children=False`` the known children are summed, as
    Fingertips' wording allows, and the note still names the missing children.
    Values, intervals and comparisons must be recomputed from the summed columns.

    Citation: OHID Fingertips technical guidance, "Aggregating to higher geographies".

    Args:
        frame: rows with ``area``, ``by`` columns and ``columns``; may already
            hold a ``value_note`` column.
        areas: ``area_code`` and ``parent_code`` (None/NaN for the top area).
        columns: the additive columns to sum.
        by: columns that identify a period/category (one parent row per combination).
        area: the area code column of ``frame``.
        require_all_children: see the decision above.

    Returns:
        ``frame`` with the aggregated parent rows appended (other columns blank)
        and a ``value_note`` column.
    """
    for name in ("area_code", "parent_code"):
        if name not in areas.columns:
            raise KeyError(f"aggregate_to_parents: areas needs a {name!r} column")
    missing_columns = [c for c in (area, *by, *columns) if c not in frame.columns]
    if missing_columns:
        raise KeyError(f"aggregate_to_parents: frame has no column(s) {missing_columns}")
    by, columns = list(by), list(columns)
    result = frame.copy()
    if "value_note" not in result.columns:
        result["value_note"] = None

    links = areas.loc[areas["parent_code"].notna(), ["area_code", "parent_code"]]
    links = links.rename(columns={"area_code": "_child", "parent_code": "_parent"})
    depths = _depths(areas)
    parents = links["_parent"].drop_duplicates()
    for depth in sorted({depths.get(p, 0) for p in parents}, reverse=True):
        level = links[links["_parent"].map(lambda p, d=depth: depths.get(p, 0) == d)]
        added = _aggregate_level(result, level, columns, by, area, require_all_children)
        if not added.empty:
            result = pd.concat([result, added], ignore_index=True)
    return result


def _aggregate_level(current: pd.DataFrame, links: pd.DataFrame, columns: list[str],
                     by: list[str], area: str, require_all: bool) -> pd.DataFrame:
    """Rows for the parents in ``links`` that have no row yet, from their children's rows."""
    child_rows = current.merge(links, left_on=area, right_on="_child")
    if child_rows.empty:
        return pd.DataFrame()
    # Every (parent, key) seen among the children, crossed with all that parent's children.
    keys = child_rows[["_parent", *by]].drop_duplicates()
    expected = keys.merge(links, on="_parent")
    supplied = current[[area, *by]].rename(columns={area: "_parent"}).drop_duplicates()
    expected = expected.merge(supplied.assign(_supplied=True), on=["_parent", *by], how="left")
    expected = expected[expected["_supplied"].isna()].drop(columns="_supplied")
    if expected.empty:
        return pd.DataFrame()

    full = expected.merge(child_rows[["_child", "_parent", *by, *columns, "value_note"]],
                          on=["_parent", "_child", *by], how="left")
    # A child that is itself a partial aggregate makes its parent partial too.
    partial = full["value_note"].astype("object").map(
        lambda note: isinstance(note, str) and note.startswith(f"{AGGREGATED_NOTE};"))
    full["_incomplete"] = full[columns].isna().any(axis=1) | partial
    group_keys = ["_parent", *by]
    grouped = full.groupby(group_keys, sort=False, dropna=False)
    sums = grouped[columns].sum(min_count=1)
    if require_all:
        sums = sums.where(grouped[columns].count().eq(grouped.size(), axis=0))
    notes = grouped.apply(lambda g: _note(g, require_all), include_groups=False)
    notes = notes.rename("value_note")
    block = sums.join(notes).reset_index().rename(columns={"_parent": area})
    return block.reindex(columns=[*current.columns])


def _note(children: pd.DataFrame, require_all: bool) -> str:
    incomplete = children.loc[children["_incomplete"], "_child"].tolist()
    if not incomplete:
        return AGGREGATED_NOTE
    gap = (f"{len(incomplete)} of {len(children)} child areas have no value or only a "
           f"partial one ({', '.join(sorted(incomplete))})")
    if require_all:
        return f"{NOT_AGGREGATED_NOTE}: {gap}"
    return f"{AGGREGATED_NOTE}; {gap}"

