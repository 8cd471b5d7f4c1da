"""The area hierarchy: parents, regions, and aggregation of children into parents.

Rows supplied for a parent are used as supplied. Where a parent has no row for an
indicator, period and category, it is the sum of its direct children's counts and carries
Fingertips' note "Aggregated from all known lower geography values" (design §3).
Aggregation follows the administrative tree only (district -> county/UA -> region ->
England; sub-ICB -> ICB) so that no death is counted twice through a second hierarchy.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.engine.frames import KEY_COLUMNS, SUM_COLUMNS
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    AREA_TYPE,
    COUNT,
    DENOMINATOR,
    INDICATOR_ID,
    PARENT_CODE,
    VALUE_NOTE,
)

AREA_TYPES = ("england", "region", "county_ua", "district", "icb", "sub_icb")
AGGREGATED_NOTE = "Aggregated from all known lower geography values"
INCOMPLETE_NOTE = "Not aggregated"
AREA_COLUMNS = [AREA_CODE, AREA_NAME, AREA_TYPE, PARENT_CODE]

# parent type -> the child types it is summed from, in bottom-up order.
AGGREGATION_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("county_ua", ("district",)),
    ("icb", ("sub_icb",)),
    ("region", ("county_ua",)),
    ("england", ("region",)),
)


@dataclass(frozen=True)
class AreaTree:
    """Lookups built once from the areas frame."""

    area_type: pd.Series  # area_code -> area_type
    parent: pd.Series  # area_code -> parent_code (NaN for England)
    region: pd.Series  # area_code -> code of the region above it (NaN if none)


def build_tree(areas: pd.DataFrame) -> AreaTree:
    """Validate the areas frame (columns, unique codes, known types) and index it."""
    missing = [column for column in AREA_COLUMNS if column not in areas.columns]
    if missing:
        raise ValueError(f"areas frame lacks column(s) {missing}; expected {AREA_COLUMNS}")
    codes = areas[AREA_CODE].astype(str)
    duplicated = codes[codes.duplicated()]
    if not duplicated.empty:
        raise ValueError(f"areas frame has duplicate area_code {duplicated.iloc[0]!r}")
    unknown = ~areas[AREA_TYPE].isin(AREA_TYPES)
    if unknown.any():
        row = unknown.idxmax()
        raise ValueError(f"areas frame: area_type {areas['area_type'][row]!r} of "
                         f"{codes[row]!r} is not one of {AREA_TYPES}")
    area_type = pd.Series(areas[AREA_TYPE].to_numpy(), index=codes.to_numpy())
    parent = pd.Series(areas[PARENT_CODE].to_numpy(), index=codes.to_numpy()).where(
        lambda s: s.notna() & (s != ""))
    return AreaTree(area_type=area_type, parent=parent, region=_regions(area_type, parent))


def _regions(area_type: pd.Series, parent: pd.Series) -> pd.Series:
    """Walk up the tree (vectorised, one level per step) to the first region above each area."""
    region = pd.Series(pd.NA, index=area_type.index, dtype="object")
    current = parent.copy()
    for _ in range(len(AREA_TYPES) + 1):
        found = region.isna() & current.map(area_type).eq("region")
        region[found] = current[found]
        current = current.map(parent)
        if current.isna().all():
            break
    return region


def add_parent_aggregates(
    counts: pd.DataFrame, tree: AreaTree, *, top: str = "england",
    without_denominator: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Add a row for every parent that has children's rows but no row of its own.

    The parent's count and denominator are the sums over **all** its direct children of
    the aggregating type (the data-quality pair likewise). If any of those children has
    no row or a missing value, the parent's value is missing too, with a note naming
    them: a sum of some children would understate the count - a North West extract alone
    must not pass for England. `top` stops the climb at that parent type (e.g. "county_ua" for child-death
    reviews, whose regional sums would only cover the panels in the extract).
    Indicators in `without_denominator` are plain counts: only their count must be known.
    """
    steps = list(AGGREGATION_STEPS)
    if top != "england":
        stop = [parent for parent, _ in steps].index(top)
        steps = steps[: stop + 1]
    links = pd.DataFrame({"_child": tree.parent.index, "_parent": tree.parent.to_numpy()})
    links = links[links["_parent"].notna()]
    links["_child_type"] = links["_child"].map(tree.area_type)
    links["_parent_type"] = links["_parent"].map(tree.area_type)
    frame = counts
    for parent_type, child_types in steps:
        step = links[links["_parent_type"].eq(parent_type)
                     & links["_child_type"].isin(child_types)][["_child", "_parent"]]
        new = _aggregate_step(frame, step, without_denominator)
        if not new.empty:
            frame = pd.concat([frame, new], ignore_index=True)
    return frame


def _aggregate_step(frame: pd.DataFrame, links: pd.DataFrame,
                    without_denominator: frozenset[str]) -> pd.DataFrame:
    keys = [c for c in KEY_COLUMNS if c != AREA_CODE]
    child_rows = frame.merge(links, left_on=AREA_CODE, right_on="_child")
    if child_rows.empty:
        return child_rows.iloc[0:0]
    wanted = child_rows[["_parent", *keys]].drop_duplicates()
    supplied = frame[[AREA_CODE, *keys]].rename(columns={AREA_CODE: "_parent"})
    wanted = wanted.merge(supplied.drop_duplicates(), how="left", indicator=True)
    wanted = wanted[wanted["_merge"] == "left_only"].drop(columns="_merge")
    if wanted.empty:
        return child_rows.iloc[0:0]
    full = wanted.merge(links, on="_parent").merge(
        child_rows[["_child", "_parent", *keys, *SUM_COLUMNS]], how="left")
    has_denominator = full[DENOMINATOR].notna() | full[INDICATOR_ID].isin(
        without_denominator)
    full["_known"] = full[COUNT].notna() & has_denominator
    full["_dq_known"] = full["dq_count"].notna() & full["dq_denominator"].notna()
    grouped = full.groupby(["_parent", *keys], sort=False, dropna=False)
    sums = grouped[SUM_COLUMNS].sum(min_count=1)
    complete = grouped["_known"].all()
    sums.loc[~complete, [COUNT, DENOMINATOR]] = float("nan")
    sums.loc[~grouped["_dq_known"].all(), ["dq_count", "dq_denominator"]] = float("nan")
    sums[VALUE_NOTE] = AGGREGATED_NOTE
    if not complete.all():
        gaps = full[~full["_known"]].groupby(["_parent", *keys], sort=False, dropna=False)
        missing = gaps["_child"].agg(lambda codes: ", ".join(sorted(codes)))
        sizes = grouped.size()
        notes = (INCOMPLETE_NOTE + ": " + gaps.size().astype(str) + " of "
                 + sizes.reindex(missing.index).astype(str) + " lower geography areas have "
                 "no value (" + missing + ")")
        sums.loc[notes.index, VALUE_NOTE] = notes
    return sums.reset_index().rename(columns={"_parent": AREA_CODE})[
        [*KEY_COLUMNS, *SUM_COLUMNS, VALUE_NOTE]]
