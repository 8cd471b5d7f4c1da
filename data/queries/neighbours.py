"""Comparator groups ("statistical neighbours"): the DfE group shipped with the dashboard and
any `neighbours` extract a team has loaded (CIPFA's, its own), each area's neighbours in rank
order, the neighbours average of an indicator and the area's rank among its neighbours."""

from __future__ import annotations

import functools

import numpy as np
import orjson
import pandas as pd
from sqlalchemy import Engine, select

from data import dfe_neighbours
from data.queries.cache import memoised
from data.queries.core import areas, indicator_values, rows_frame
from data.schema import indicator_value, raw_row
from indicators.catalogue import get_indicator
from indicators.engine.values import add_values
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    CI_COLUMNS,
    COUNT,
    DENOMINATOR,
    INDICATOR_ID,
    LOWER95,
    LOWER998,
    PERIOD_LABEL,
    PERIOD_SORTABLE,
    UPPER95,
    UPPER998,
    VALUE,
    VALUE_NOTE,
)

DEFAULT_GROUP = dfe_neighbours.GROUP
COLUMNS = ["group", AREA_CODE, "rank", "neighbour_code", "closeness"]
NEIGHBOURS_AVERAGE = "Neighbours average"


@functools.lru_cache(maxsize=1)
def _shipped() -> pd.DataFrame:
    frame = pd.read_csv(dfe_neighbours.SHIPPED, dtype={"rank": "int64"}, keep_default_na=False)
    return frame


def shipped_names() -> dict[str, str]:
    """Names of every authority in the shipped group (the store may hold only a few)."""
    frame = _shipped()
    return dict(zip(frame[AREA_CODE], frame[AREA_NAME], strict=False))


@memoised
def neighbour_table(engine: Engine) -> pd.DataFrame:
    """Every group: the shipped DfE one and those loaded; a loaded group of the same name
    as the shipped one replaces it (a team loading a newer DfE file)."""
    with engine.connect() as connection:
        payloads = connection.execute(select(raw_row.c.payload, raw_row.c.load_id)
                                      .where(raw_row.c.source == "neighbours")).all()
    loaded = pd.DataFrame([{**orjson.loads(p), "load_id": load_id} for p, load_id in payloads])
    loaded = loaded.reindex(columns=[*COLUMNS, "load_id"])
    shipped = _shipped()
    shipped = shipped[~shipped["group"].isin(set(loaded["group"]))].assign(load_id=0)
    frame = pd.concat([shipped[[*COLUMNS, "load_id"]], loaded], ignore_index=True)
    frame["rank"] = frame["rank"].astype("int64")
    frame["closeness"] = frame["closeness"].fillna("")
    return frame.sort_values(["group", AREA_CODE, "rank"]).reset_index(drop=True)


def groups(engine: Engine) -> list[str]:
    """Group names, the one the pages use first."""
    names = sorted(set(neighbour_table(engine)["group"]))
    chosen = preferred_group(engine)
    return [chosen, *(n for n in names if n != chosen)]


def preferred_group(engine: Engine) -> str:
    """The pages' group: the one a team loaded last, else the shipped DfE group."""
    frame = neighbour_table(engine)
    loaded = frame[frame["load_id"] > 0]
    if loaded.empty:
        return DEFAULT_GROUP
    return str(loaded.sort_values("load_id")["group"].iloc[-1])


def neighbours(engine: Engine, area_code: str, group: str | None = None) -> pd.DataFrame:
    """The area's neighbours in rank order: rank, area_code, area_name, closeness (empty
    when the area has none in the group)."""
    frame = neighbour_table(engine)
    group = group or preferred_group(engine)
    rows = frame[(frame["group"] == group) & (frame[AREA_CODE] == area_code)]
    names = {**shipped_names(), **dict(zip(areas(engine)[AREA_CODE], areas(engine)[AREA_NAME],
                                           strict=True))}
    out = pd.DataFrame({"rank": rows["rank"].to_numpy(),
                        AREA_CODE: rows["neighbour_code"].to_numpy(),
                        "closeness": rows["closeness"].to_numpy()})
    out.insert(2, AREA_NAME, [names.get(c, c) for c in out[AREA_CODE]])
    return out.sort_values("rank").reset_index(drop=True)


AVERAGE_OUTPUT = [PERIOD_LABEL, PERIOD_SORTABLE, COUNT, DENOMINATOR, VALUE, LOWER95,
                  UPPER95, LOWER998, UPPER998, "neighbours", "with_counts", VALUE_NOTE]


def _pooled(values: pd.DataFrame, keys: pd.DataFrame, neighbour_count: int) -> pd.DataFrame:
    """Per row of `keys` (indicator_id, period_label, period_sortable): the neighbours'
    counts and denominators pooled, complete or not at all, then value and limits by each
    indicator's catalogue method (``indicators.engine.values.add_values``)."""
    usable = values[COUNT].notna() & values[DENOMINATOR].notna()
    sums = (values.assign(count=values[COUNT].where(usable).astype("float64"),
                          denominator=values[DENOMINATOR].where(usable).astype("float64"),
                          usable=usable)
            .groupby([INDICATOR_ID, PERIOD_LABEL])
            .agg(count=(COUNT, "sum"), denominator=(DENOMINATOR, "sum"),
                 with_counts=("usable", "sum")).reset_index())
    out = keys.merge(sums, on=[INDICATOR_ID, PERIOD_LABEL], how="left")
    out["with_counts"] = out["with_counts"].fillna(0).astype("int64")
    complete = out["with_counts"] == neighbour_count
    out[[COUNT, DENOMINATOR]] = out[[COUNT, DENOMINATOR]].where(complete)
    out["neighbours"] = neighbour_count
    out[VALUE_NOTE] = [None if whole else
                         f"Not calculated: {n} of {neighbour_count} neighbours have a count "
                         "and a denominator for this period"
                         for whole, n in zip(complete, out["with_counts"], strict=True)]
    catalogue = {}
    for indicator_id in out[INDICATOR_ID].unique():
        try:
            catalogue[indicator_id] = get_indicator(indicator_id)
        except KeyError:  # not in the catalogue: no method to pool its counts with
            continue
    out = out[out[INDICATOR_ID].isin(list(catalogue))]
    if out.empty:
        return out.assign(**dict.fromkeys(CI_COLUMNS, np.nan))
    return add_values(out.reset_index(drop=True), catalogue)


def neighbours_average(engine: Engine, indicator_id: str, area_code: str,
                       group: str | None = None) -> pd.DataFrame:
    """The neighbours average of an indicator for every period of the area's stored values:
    AVERAGE_OUTPUT columns, oldest first (AVERAGE_METHOD says how it is formed)."""
    codes = tuple(neighbours(engine, area_code, group)[AREA_CODE])
    if not codes:
        return pd.DataFrame(columns=AVERAGE_OUTPUT)
    keys = (indicator_values(engine, indicator_id, (area_code,))[
        [PERIOD_LABEL, PERIOD_SORTABLE]].drop_duplicates().assign(indicator_id=indicator_id))
    if keys.empty:
        return pd.DataFrame(columns=AVERAGE_OUTPUT)
    out = _pooled(indicator_values(engine, indicator_id, codes), keys, len(codes))
    if out.empty:
        return pd.DataFrame(columns=AVERAGE_OUTPUT)
    return out[AVERAGE_OUTPUT].sort_values(PERIOD_SORTABLE).reset_index(drop=True)


def rank_among_neighbours(values: pd.DataFrame, area_code: str, polarity: str = ""
                          ) -> tuple[int, int] | None:
    """(rank, of): the area's place among itself and its neighbours with a value, 1 the
    highest value ("Low is good": 1 the lowest, so 1 is always the best where there is a
    polarity). `values`: area_code, value for the area and its neighbours. None when the
    area has no value."""
    valued = values.dropna(subset=[VALUE])
    if area_code not in set(valued[AREA_CODE]):
        return None
    ascending = polarity == "Low is good"
    ordered = valued.sort_values(VALUE, ascending=ascending, kind="stable")
    mine = float(ordered.loc[ordered[AREA_CODE] == area_code, VALUE].iloc[0])
    better = (ordered[VALUE] < mine) if ascending else (ordered[VALUE] > mine)
    return int(better.sum()) + 1, len(ordered)


AVERAGE_COLUMNS = [INDICATOR_ID, PERIOD_LABEL, "neighbours_value", "neighbours_lower95",
                   "neighbours_upper95", "neighbours_note"]


def neighbours_averages(engine: Engine, area_code: str, pairs: list[tuple[str, str]]
                        ) -> pd.DataFrame:
    """The neighbours average for each (indicator, period) pair, as columns to put beside
    an area's region and England values (AVERAGE_COLUMNS; NaN with a note where it cannot be
    formed, and no rows at all when the area has no neighbours). One query for them all."""
    codes = tuple(neighbours(engine, area_code)[AREA_CODE])
    if not codes or not pairs:
        return pd.DataFrame(columns=AVERAGE_COLUMNS).astype(
            {c: "float64" for c in AVERAGE_COLUMNS[2:5]})
    keys = pd.DataFrame(pairs, columns=[INDICATOR_ID, PERIOD_LABEL]).assign(period_sortable=0)
    query = (select(indicator_value.c.indicator_id, indicator_value.c.period_label,
                    indicator_value.c.count, indicator_value.c.denominator)
             .where(indicator_value.c.indicator_id.in_(sorted({i for i, _p in pairs})),
                    indicator_value.c.area_code.in_(list(codes)),
                    indicator_value.c.category_type == ""))
    with engine.connect() as connection:
        values = rows_frame(connection.execute(query).all(),
                            [INDICATOR_ID, PERIOD_LABEL, COUNT, DENOMINATOR])
    values = values.merge(keys[[INDICATOR_ID, PERIOD_LABEL]], how="inner")
    out = _pooled(values, keys, len(codes))
    out = out.rename(columns={VALUE: "neighbours_value", LOWER95: "neighbours_lower95",
                              UPPER95: "neighbours_upper95", VALUE_NOTE: "neighbours_note"})
    return out.reindex(columns=AVERAGE_COLUMNS).astype(
        {c: "float64" for c in AVERAGE_COLUMNS[2:5]}).reset_index(drop=True)
