"""The area hierarchy: parents, regions, and aggregation of children into parents.

Rows supplied for a parent are used as supplied. Where a parent has no row for an
indicator, period and category, it is the sum of its direct children's known counts and
carries Fingertips' note "Aggregated from all known lower geography values" (design §3).
Aggregation follows the administrative tree only (district -> county/UA -> region ->
England; sub-ICB -> ICB) so that no death is counted twice through a second hierarchy.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.engine.frames import KEY_COLUMNS, SUM_COLUMNS

ENGLAND = "E92000001"
AREA_TYPES = ("england", "region", "county_ua", "district", "icb", "sub_icb")
AGGREGATED_NOTE = "Aggregated from all known lower geography values"
AREA_COLUMNS = ["area_code", "area_name", "area_type", "parent_code"]

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
    codes = areas["area_code"].astype(str)
    duplicated = codes[codes.duplicated()]
    if not duplicated.empty:
        raise ValueError(f"areas frame has duplicate area_code {duplicated.iloc[0]!r}")
    unknown = ~areas["area_type"].isin(AREA_TYPES)
    if unknown.any():
        row = unknown.idxmax()
        raise ValueError(f"areas frame: area_type {areas['area_type'][row]!r} of "
                         f"{codes[row]!r} is not one of {AREA_TYPES}")
    area_type = pd.Series(areas["area_type"].to_numpy(), index=codes.to_numpy())
    parent = pd.Series(areas["parent_code"].to_numpy(), index=codes.to_numpy()).where(
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

    The parent's count and denominator are the sums over children whose count and
    denominator are both known (the data-quality pair likewise); a parent whose children
    are all missing gets a missing value with a note. `top` stops the climb at that
    parent type (e.g. "county_ua" for child-death reviews, whose regional sums would
    only cover the panels in the extract). Indicators in `without_denominator` are plain
    counts: only their count has to be known.
    """
    steps = list(AGGREGATION_STEPS)
    if top != "england":
        stop = [parent for parent, _ in steps].index(top)
        steps = steps[: stop + 1]
    frame = counts
    for parent_type, child_types in steps:
        child_type = frame["area_code"].map(tree.area_type)
        parent_code = frame["area_code"].map(tree.parent)
        is_child = child_type.isin(child_types) & parent_code.map(tree.area_type).eq(parent_type)
        if not is_child.any():
            continue
        children = frame[is_child].assign(area_code=parent_code[is_child])
        sums = _sum_known(children, without_denominator)
        have = pd.MultiIndex.from_frame(frame[KEY_COLUMNS])
        new = sums[~pd.MultiIndex.from_frame(sums[KEY_COLUMNS]).isin(have)]
        frame = pd.concat([frame, new], ignore_index=True)
    return frame


def _sum_known(children: pd.DataFrame, without_denominator: frozenset[str]) -> pd.DataFrame:
    has_denominator = children["denominator"].notna() | children["indicator_id"].isin(
        without_denominator)
    known = children["count"].notna() & has_denominator
    dq_known = children["dq_count"].notna() & children["dq_denominator"].notna()
    parts = children[KEY_COLUMNS].copy()
    parts["count"] = children["count"].where(known)
    parts["denominator"] = children["denominator"].where(known)
    parts["dq_count"] = children["dq_count"].where(dq_known)
    parts["dq_denominator"] = children["dq_denominator"].where(dq_known)
    parts["_known"] = known
    grouped = parts.groupby(KEY_COLUMNS, sort=False, dropna=False)
    sums = grouped[SUM_COLUMNS].sum(min_count=1)
    any_known = grouped["_known"].any()
    sums = sums.reset_index()
    none_known = ~any_known.to_numpy()
    sums.loc[none_known, ["count", "denominator"]] = float("nan")
    sums["value_note"] = AGGREGATED_NOTE
    sums.loc[none_known, "value_note"] = (
        "Not calculated: no known lower geography values to aggregate")
    return sums
