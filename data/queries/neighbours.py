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
from data.queries.core import areas, indicator_values
from data.schema import raw_row
from indicators.catalogue import get_indicator
from indicators.engine.values import add_values

DEFAULT_GROUP = dfe_neighbours.GROUP
COLUMNS = ["group", "area_code", "rank", "neighbour_code", "closeness"]
NEIGHBOURS_AVERAGE = "Neighbours average"
AVERAGE_METHOD = (
    "The neighbours average pools the neighbours' counts and denominators (the area itself "
    "left out) and works the value and its confidence interval out with the indicator's own "
    "method, as Fingertips forms its neighbours average; it is left blank unless every "
    "neighbour has a count and a denominator for the period.")


@functools.lru_cache(maxsize=1)
def _shipped() -> pd.DataFrame:
    frame = pd.read_csv(dfe_neighbours.SHIPPED, dtype={"rank": "int64"}, keep_default_na=False)
    return frame


def shipped_names() -> dict[str, str]:
    """Names of every authority in the shipped group (the store may hold only a few)."""
    frame = _shipped()
    return dict(zip(frame["area_code"], frame["area_name"], strict=False))


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
    return frame.sort_values(["group", "area_code", "rank"]).reset_index(drop=True)


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
    rows = frame[(frame["group"] == group) & (frame["area_code"] == area_code)]
    names = {**shipped_names(), **dict(zip(areas(engine)["area_code"], areas(engine)["area_name"],
                                           strict=True))}
    out = pd.DataFrame({"rank": rows["rank"].to_numpy(),
                        "area_code": rows["neighbour_code"].to_numpy(),
                        "closeness": rows["closeness"].to_numpy()})
    out.insert(2, "area_name", [names.get(c, c) for c in out["area_code"]])
    return out.sort_values("rank").reset_index(drop=True)


def neighbours_average(engine: Engine, indicator_id: str, area_code: str,
                       group: str | None = None) -> pd.DataFrame:
    """The neighbours average of an indicator for every period of its stored values:
    period_label, period_sortable, count, denominator, value, lower95, upper95, lower998,
    upper998, neighbours, with_counts, value_note (AVERAGE_METHOD says how it is formed)."""
    codes = neighbours(engine, area_code, group)["area_code"].tolist()
    columns = ["period_label", "period_sortable", "count", "denominator", "value", "lower95",
               "upper95", "lower998", "upper998", "neighbours", "with_counts", "value_note"]
    if not codes:
        return pd.DataFrame(columns=columns)
    try:
        indicator = get_indicator(indicator_id)
    except KeyError:  # not in the catalogue: no method to pool its counts with
        return pd.DataFrame(columns=columns)
    values = indicator_values(engine, indicator_id, tuple(codes))
    periods = (indicator_values(engine, indicator_id, (area_code,))[
        ["period_label", "period_sortable"]].drop_duplicates())
    rows = []
    for period in periods.itertuples(index=False):
        part = values[values["period_label"] == period.period_label]
        usable = part["count"].notna() & part["denominator"].notna()
        complete = int(usable.sum()) == len(codes)
        note = None if complete else (
            f"Not calculated: {int(usable.sum())} of {len(codes)} neighbours have a count "
            "and a denominator for this period")
        rows.append({"indicator_id": indicator_id, "period_label": period.period_label,
                     "period_sortable": period.period_sortable,
                     "count": part.loc[usable, "count"].astype(float).sum() if complete else np.nan,
                     "denominator": (part.loc[usable, "denominator"].astype(float).sum()
                                     if complete else np.nan),
                     "neighbours": len(codes), "with_counts": int(usable.sum()),
                     "value_note": note})
    if not rows:
        return pd.DataFrame(columns=columns)
    out = add_values(pd.DataFrame(rows), {indicator_id: indicator})
    return out[columns].sort_values("period_sortable").reset_index(drop=True)


def rank_among_neighbours(values: pd.DataFrame, area_code: str, polarity: str = ""
                          ) -> tuple[int, int] | None:
    """(rank, of): the area's place among itself and its neighbours with a value, 1 the
    highest value ("Low is good": 1 the lowest, so 1 is always the best where there is a
    polarity). `values`: area_code, value for the area and its neighbours. None when the
    area has no value."""
    valued = values.dropna(subset=["value"])
    if area_code not in set(valued["area_code"]):
        return None
    ascending = polarity == "Low is good"
    ordered = valued.sort_values("value", ascending=ascending, kind="stable")
    mine = float(ordered.loc[ordered["area_code"] == area_code, "value"].iloc[0])
    better = (ordered["value"] < mine) if ascending else (ordered["value"] > mine)
    return int(better.sum()) + 1, len(ordered)


AVERAGE_COLUMNS = ["indicator_id", "period_label", "neighbours_value", "neighbours_lower95",
                   "neighbours_upper95", "neighbours_note"]


def neighbours_averages(engine: Engine, area_code: str, pairs: list[tuple[str, str]]
                        ) -> pd.DataFrame:
    """The neighbours average for each (indicator, period) pair, as columns to put beside
    an area's region and England values (AVERAGE_COLUMNS; NaN with a note where it cannot be
    formed, and no rows at all when the area has no neighbours)."""
    rows = []
    for indicator_id in dict.fromkeys(i for i, _p in pairs):
        average = neighbours_average(engine, indicator_id, area_code)
        if average.empty:
            continue
        wanted = {p for i, p in pairs if i == indicator_id}
        for row in average[average["period_label"].isin(wanted)].itertuples(index=False):
            rows.append((indicator_id, row.period_label, row.value, row.lower95, row.upper95,
                         row.value_note))
    frame = pd.DataFrame(rows, columns=AVERAGE_COLUMNS)
    numbers = ["neighbours_value", "neighbours_lower95", "neighbours_upper95"]
    frame[numbers] = frame[numbers].astype("float64")
    return frame
