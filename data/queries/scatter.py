"""What the compare-indicators scatter reads: two indicators' values for the counties and
UAs, paired by area, at a common period (or each indicator's latest when they share none)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from data.queries.compare import indicator_periods, period_values
from data.queries.core import areas
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    AREA_TYPE,
    COMPARED_ENGLAND,
    LOWER95,
    PARENT_CODE,
    UPPER95,
    VALUE,
)

PAIRED_AREA_TYPE = "county_ua"


@dataclass(frozen=True)
class Pairing:
    frame: pd.DataFrame  # area_code, area_name, region_code, x, y (+ CIs and words)
    x_period: str
    y_period: str
    common: bool  # both at the same period


def common_periods(engine: Engine, x_id: str, y_id: str) -> list[str]:
    """Period labels both indicators have, newest first."""
    ys = set(indicator_periods(engine, y_id))
    return [p for p in indicator_periods(engine, x_id) if p in ys]


def paired_values(engine: Engine, x_id: str, y_id: str, period: str | None = None
                  ) -> Pairing | None:
    """Every county/UA with its x and y values; `period` if both have it, else their latest
    common period, else each one's latest. None when either has no values."""
    x_periods, y_periods = indicator_periods(engine, x_id), indicator_periods(engine, y_id)
    if not x_periods or not y_periods:
        return None
    shared = common_periods(engine, x_id, y_id)
    if shared:
        x_period = y_period = period if period in shared else shared[0]
    else:
        x_period, y_period = x_periods[0], y_periods[0]
    every = areas(engine)
    chosen = every[every[AREA_TYPE] == PAIRED_AREA_TYPE]
    codes = tuple(chosen[AREA_CODE])
    frame = chosen[[AREA_CODE, AREA_NAME, PARENT_CODE]].rename(
        columns={PARENT_CODE: "region_code"})
    for axis, indicator_id, label in (("x", x_id, x_period), ("y", y_id, y_period)):
        values = period_values(engine, indicator_id, label, codes)[
            [AREA_CODE, VALUE, LOWER95, UPPER95, COMPARED_ENGLAND]]
        frame = frame.merge(values.rename(columns={c: f"{axis}_{c}" if c != VALUE else axis
                                                   for c in values.columns if c != AREA_CODE}),
                            on=AREA_CODE, how="left")
    frame[["x", "y"]] = frame[["x", "y"]].astype("float64")
    return Pairing(frame.sort_values(AREA_NAME).reset_index(drop=True), x_period, y_period,
                   bool(shared))
