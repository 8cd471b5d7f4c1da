"""One plan row's indicator: its latest stored value beside England and the region, its
recent trend, and its target worked out with `indicators.targets` (the plan's own target,
or the catalogue's goal when the plan sets none)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from data.queries.core import indicator_values
from data.queries.overview import area_chain
from indicators.catalogue import get_indicator
from indicators.names import (
    AREA_CODE,
    COMPARED_ENGLAND,
    COMPARED_REGION,
    ENGLAND,
    LOWER95,
    PERIOD_LABEL,
    RECENT_TREND,
    UPPER95,
    VALUE,
)
from indicators.targets import (
    AT_LEAST,
    AT_MOST,
    NO_DATA,
    PlanTarget,
    change_needed_per_year,
    direction_for,
    project,
    projection_sentence,
    trajectory_status,
    trajectory_value,
)

INDICATOR_COLUMNS = [
    "indicator_name", "unit", "value_type", "region_name", "latest_period", "latest_value",
    "latest_lower95", "latest_upper95", "england_value", "region_value", COMPARED_ENGLAND,
    COMPARED_REGION, RECENT_TREND, "target_value", "target_period", "target_direction",
    "baseline_period", "target_source", "baseline_value", "trajectory_value",
    "trajectory_status", "projected_period", "projection_words", "change_needed_per_year",
    "projection_slope", "projection_level", "projection_origin",
]
EMPTY = {column: "" for column in INDICATOR_COLUMNS} | {
    "latest_value": math.nan, "latest_lower95": math.nan, "latest_upper95": math.nan,
    "england_value": math.nan, "region_value": math.nan, "target_value": math.nan,
    "baseline_value": math.nan, "trajectory_value": math.nan,
    "change_needed_per_year": math.nan, "trajectory_status": NO_DATA,
    "projection_slope": math.nan, "projection_level": math.nan, "projection_origin": math.nan}


def effective_target(row: dict, indicator) -> PlanTarget | None:
    """The plan's target for the row, else the catalogue goal (with its period), else None.
    A plan target with no direction takes the indicator's polarity (at most unless high
    is good)."""
    if not pd.isna(row.get("target_value")) and row.get("target_period"):
        direction = row.get("target_direction") or (
            AT_LEAST if indicator.polarity == "High is good" else AT_MOST)
        return PlanTarget(float(row["target_value"]), direction, row["target_period"],
                          row.get("baseline_period") or None, "plan")
    goal = indicator.target
    if goal is None or goal.period is None:
        return None
    return PlanTarget(goal.value, direction_for(goal.good_when), goal.period,
                      row.get("baseline_period") or goal.baseline_period, "catalogue")


def series_for(engine: Engine, indicator_id: str, area_code: str) -> dict[str, pd.DataFrame]:
    """The whole-population series of the area, its region and England, oldest first."""
    try:
        chain = area_chain(engine, area_code)
        region = chain.region_code
    except KeyError:
        region = None
    codes = [c for c in dict.fromkeys([area_code, region, ENGLAND]) if c]
    values = indicator_values(engine, indicator_id, codes)
    values = values.astype({c: "float64" for c in (VALUE, LOWER95, UPPER95)})
    return {name: values[values[AREA_CODE] == code].reset_index(drop=True)
            for name, code in (("area", area_code), ("region", region), ("england", ENGLAND))}


def _value_at(series: pd.DataFrame, period: str) -> float:
    match = series.loc[series[PERIOD_LABEL] == period, VALUE]
    return float(match.iloc[0]) if len(match) else math.nan


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def indicator_status(engine: Engine, row: dict) -> dict:
    """The indicator columns for one plan row (blanks and "no data" without an indicator
    or values)."""
    out = dict(EMPTY)
    if not row.get("indicator"):
        return out
    indicator = get_indicator(row["indicator"])
    out.update(indicator_name=indicator.name, unit=indicator.unit,
               value_type=indicator.value_type)
    target = effective_target(row, indicator)
    if target is not None:
        out.update(target_value=target.value, target_period=target.period,
                   target_direction=target.direction,
                   baseline_period=target.baseline_period or "", target_source=target.source)
    series = series_for(engine, indicator.id, row[AREA_CODE])
    own = series["area"]
    try:
        out["region_name"] = area_chain(engine, row[AREA_CODE]).region_name or ""
    except KeyError:
        pass
    if own.empty:
        return out
    latest = own.iloc[-1]
    period = latest[PERIOD_LABEL]
    out.update(
        latest_period=period, latest_value=float(latest[VALUE]),
        latest_lower95=float(latest[LOWER95]), latest_upper95=float(latest[UPPER95]),
        england_value=_value_at(series["england"], period),
        region_value=_value_at(series["region"], period),
        compared_england=_text(latest[COMPARED_ENGLAND]),
        compared_region=_text(latest[COMPARED_REGION]),
        recent_trend=_text(latest[RECENT_TREND]))
    if target is None:
        return out
    baseline = _value_at(own, target.baseline_period) if target.baseline_period else math.nan
    point = trajectory_value(target, baseline, period)
    # overlapping pooled values are not independent points (indicators.stats.trend): a
    # pooled indicator is projected from its single years, as its recent trend is tested
    fitted = (series_for(engine, indicator.pooled_from, row[AREA_CODE])["area"]
              if indicator.pooled_from else own)
    fit = project(fitted[PERIOD_LABEL].tolist(), fitted[VALUE].to_numpy(np.float64),
                  fitted[LOWER95].to_numpy(np.float64),
                  fitted[UPPER95].to_numpy(np.float64), target)
    out.update(
        baseline_value=baseline, trajectory_value=point,
        trajectory_status=trajectory_status(out["latest_value"], out["latest_lower95"],
                                            out["latest_upper95"], point, target.direction),
        projected_period=fit.period or "",
        projection_words=projection_sentence(indicator.phrase, target, indicator.unit, fit),
        change_needed_per_year=change_needed_per_year(out["latest_value"], period, target),
        projection_slope=fit.slope, projection_level=fit.level, projection_origin=fit.origin)
    return out
