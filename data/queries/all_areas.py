"""What the all-areas overview reads (Fingertips' Overview tab, the "tartan rug"): every
indicator's latest period for a set of areas (the chosen area's region, or the area and its
statistical neighbours) beside the region and England, in long form."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from data.queries.compare import indicator_periods, period_values
from data.queries.core import areas, indicator_choices
from data.queries.neighbours import neighbours, shipped_names

ENGLAND = "E92000001"
AREA_SETS = ("region", "neighbours")
COLUMNS = ["indicator_id", "indicator_name", "unit", "polarity", "period_label", "area_code",
           "area_name", "role", "value", "lower95", "upper95", "count", "compared_england",
           "value_note"]


def area_set(engine: Engine, area_code: str, which: str) -> tuple[list[str], str | None]:
    """(the areas, the area's region) for `which`: "region" -> the chosen area then the
    other counties and UAs of its region; "neighbours" -> the area then its neighbours."""
    if which not in AREA_SETS:
        raise ValueError(f"area set must be one of {AREA_SETS}; got {which!r}")
    every = areas(engine)
    parent = every.set_index("area_code")["parent_code"]
    kind = every.set_index("area_code")["area_type"]
    region, node = None, parent.get(area_code)
    while isinstance(node, str) and node in kind.index:
        if kind[node] == "region":
            region = node
            break
        node = parent.get(node)
    if which == "neighbours":
        return [area_code, *neighbours(engine, area_code)["area_code"]], region
    same = every[(every["area_type"] == kind.get(area_code, "county_ua"))
                 & (every["parent_code"] == parent.get(area_code))]
    return [area_code, *sorted(set(same["area_code"]) - {area_code})], region


def all_areas_values(engine: Engine, area_code: str, which: str) -> pd.DataFrame:
    """COLUMNS, one row per indicator and area (the set, then the region, then England), at
    each indicator's latest period; areas without a value for it have NaN (and a note)."""
    codes, region = area_set(engine, area_code, which)
    benchmarks = [c for c in (region, ENGLAND) if c]
    names = areas(engine).set_index("area_code")["area_name"]
    fallback = shipped_names()  # names of neighbours the store does not hold
    parts = []
    for choice in indicator_choices(engine).itertuples(index=False):
        periods = indicator_periods(engine, choice.id)
        if not periods:
            continue
        wanted = [*codes, *benchmarks]
        values = period_values(engine, choice.id, periods[0], tuple(wanted))
        frame = pd.DataFrame({"area_code": wanted}).merge(
            values.drop(columns=["area_name"]), on="area_code", how="left")
        frame["area_name"] = [names.get(c, fallback.get(c, c)) for c in wanted]
        frame["role"] = ["area"] + ["peer"] * (len(codes) - 1) + [
            "region" if c == region else "england" for c in benchmarks]
        frame = frame.assign(indicator_id=choice.id, indicator_name=choice.name,
                             unit=choice.meta.get("unit", ""),
                             polarity=choice.meta.get("polarity", ""), period_label=periods[0])
        parts.append(frame[COLUMNS])
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    numbers = ["value", "lower95", "upper95", "count"]
    out[numbers] = out[numbers].astype("float64")
    return out
