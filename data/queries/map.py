"""What the map reads: one period's values for every area of a type (counties and unitary
authorities, or districts), with each area's region, and the quintiles they fall in."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from data.queries.compare import PEER_COLUMNS, indicator_periods, period_values
from data.queries.core import areas
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    AREA_TYPE,
    PARENT_CODE,
    PERIOD_LABEL,
    QUINTILE_WORDS,
)
from indicators.stats.quantiles import assign_quantiles

AREA_TYPES = {"county_ua": "Counties and unitary authorities", "district": "Districts"}

__all__ = ["AREA_TYPES", "QUINTILE_WORDS", "indicator_periods", "map_values", "quintile_words"]


def map_values(engine: Engine, indicator_id: str, period_label: str, area_type: str
               ) -> pd.DataFrame:
    """Every area of `area_type` in the area table with its value for the period (missing
    where it has none): PEER_COLUMNS plus region_code, region_name, in name order."""
    if area_type not in AREA_TYPES:
        raise ValueError(f"area_type must be one of {tuple(AREA_TYPES)}; got {area_type!r}")
    every = areas(engine)
    chosen = every[every[AREA_TYPE] == area_type]
    values = period_values(engine, indicator_id, period_label, tuple(chosen[AREA_CODE]))
    frame = chosen[[AREA_CODE, AREA_NAME, PARENT_CODE]].merge(
        values.drop(columns=[AREA_NAME]), on=AREA_CODE, how="left")
    frame[PERIOD_LABEL] = period_label
    frame["region_code"] = frame[PARENT_CODE].map(_region_of(every))
    names = every.set_index(AREA_CODE)[AREA_NAME]
    frame["region_name"] = frame["region_code"].map(names)
    return (frame[[*PEER_COLUMNS, "region_code", "region_name"]]
            .sort_values(AREA_NAME, kind="stable").reset_index(drop=True))


def _region_of(every: pd.DataFrame) -> dict[str, str]:
    """Parent code -> its region (a district's parent is its county, whose parent is the
    region)."""
    parent = dict(zip(every[AREA_CODE], every[PARENT_CODE], strict=True))
    kind = dict(zip(every[AREA_CODE], every[AREA_TYPE], strict=True))
    out = {}
    for code in parent:
        node, seen = code, set()
        while node in kind and kind[node] != "region" and node not in seen:
            seen.add(node)
            node = parent.get(node)
        out[code] = node if kind.get(node) == "region" else None
    return out


def quintile_words(values: pd.Series) -> pd.Series:
    """Each value's quintile among the values shown, 1 the lowest (PHEindicatormethods'
    quantile method, uninverted, through ``assign_quantiles``), as words; missing where there
    is no value or fewer than 5 values."""
    quintiles = assign_quantiles(values.astype("float64"), 5, invert=False)
    return quintiles.map(lambda q: QUINTILE_WORDS[int(q) - 1] if pd.notna(q) else None)
