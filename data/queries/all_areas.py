"""What the all-areas overview reads (Fingertips' Overview tab, the "tartan rug"): every
indicator's latest period for a set of areas (the chosen area's region, or the area and its
statistical neighbours) beside the region and England, in long form."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from data.queries.cache import memoised
from data.queries.core import areas, indicator_choices, rows_frame
from data.queries.neighbours import neighbours, shipped_names
from data.schema import indicator_value
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    AREA_TYPE,
    COMPARED_ENGLAND,
    COUNT,
    ENGLAND,
    INDICATOR_ID,
    LOWER95,
    PARENT_CODE,
    PERIOD_LABEL,
    PERIOD_SORTABLE,
    UPPER95,
    VALUE,
    VALUE_NOTE,
)

AREA_SETS = ("region", "neighbours")
COLUMNS = [INDICATOR_ID, "indicator_name", "unit", "polarity", PERIOD_LABEL, AREA_CODE,
           AREA_NAME, "role", VALUE, LOWER95, UPPER95, COUNT, COMPARED_ENGLAND,
           VALUE_NOTE]
STORED = [INDICATOR_ID, PERIOD_LABEL, PERIOD_SORTABLE, "year_range", AREA_CODE, VALUE,
          LOWER95, UPPER95, COUNT, COMPARED_ENGLAND, VALUE_NOTE]


def area_set(engine: Engine, area_code: str, which: str) -> tuple[list[str], str | None]:
    """(the areas, the area's region) for `which`: "region" -> the chosen area then the
    other counties and UAs of its region; "neighbours" -> the area then its neighbours."""
    if which not in AREA_SETS:
        raise ValueError(f"area set must be one of {AREA_SETS}; got {which!r}")
    every = areas(engine)
    parent = every.set_index(AREA_CODE)[PARENT_CODE]
    kind = every.set_index(AREA_CODE)[AREA_TYPE]
    region, node = None, parent.get(area_code)
    while isinstance(node, str) and node in kind.index:
        if kind[node] == "region":
            region = node
            break
        node = parent.get(node)
    if which == "neighbours":
        return [area_code, *neighbours(engine, area_code)[AREA_CODE]], region
    same = every[(every[AREA_TYPE] == kind.get(area_code, "county_ua"))
                 & (every[PARENT_CODE] == parent.get(area_code))]
    return [area_code, *sorted(set(same[AREA_CODE]) - {area_code})], region


@memoised
def all_areas_values(engine: Engine, area_code: str, which: str) -> pd.DataFrame:
    """COLUMNS, one row per indicator and area (the set, then the region, then England), at
    each indicator's latest period among these areas; areas without a value for it have NaN.
    One query for every indicator and area."""
    codes, region = area_set(engine, area_code, which)
    benchmarks = [c for c in (region, ENGLAND) if c]
    wanted = list(dict.fromkeys([*codes, *benchmarks]))
    choices = indicator_choices(engine)
    query = (select(*(indicator_value.c[c] for c in STORED))
             .where(indicator_value.c.indicator_id.in_(choices["id"].tolist()),
                    indicator_value.c.area_code.in_(wanted),
                    indicator_value.c.category_type == ""))
    with engine.connect() as connection:
        stored = rows_frame(connection.execute(query).all(), STORED)
    if stored.empty:
        return pd.DataFrame(columns=COLUMNS)
    newest = stored.sort_values([PERIOD_SORTABLE, "year_range"]).groupby(INDICATOR_ID).tail(1)
    latest = stored.merge(newest[[INDICATOR_ID, PERIOD_LABEL]], how="inner")
    names = areas(engine).set_index(AREA_CODE)[AREA_NAME]
    fallback = shipped_names()  # names of neighbours the store does not hold
    role = {c: "peer" for c in codes} | {codes[0]: "area"} | {
        c: "region" if c == region else "england" for c in benchmarks}
    grid = (newest[[INDICATOR_ID, PERIOD_LABEL]]
            .merge(pd.DataFrame({AREA_CODE: wanted}), how="cross")
            .merge(latest.drop(columns=[PERIOD_SORTABLE, "year_range"]),
                   on=[INDICATOR_ID, PERIOD_LABEL, AREA_CODE], how="left"))
    meta = choices.set_index("id")
    grid["indicator_name"] = grid[INDICATOR_ID].map(meta["name"])
    grid["unit"] = grid[INDICATOR_ID].map(lambda i: meta.at[i, "meta"].get("unit", ""))
    grid["polarity"] = grid[INDICATOR_ID].map(lambda i: meta.at[i, "meta"].get("polarity", ""))
    grid[AREA_NAME] = [names.get(c, fallback.get(c, c)) for c in grid[AREA_CODE]]
    grid["role"] = grid[AREA_CODE].map(role)
    order = {i: n for n, i in enumerate(choices["id"])}
    position = {c: n for n, c in enumerate(wanted)}
    grid = grid.assign(_i=grid[INDICATOR_ID].map(order), _a=grid[AREA_CODE].map(position))
    out = grid.sort_values(["_i", "_a"]).reset_index(drop=True)[COLUMNS]
    numbers = [VALUE, LOWER95, UPPER95, COUNT]
    out[numbers] = out[numbers].astype("float64")
    return out
