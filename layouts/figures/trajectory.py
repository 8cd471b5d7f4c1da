"""Trajectory chart: an area's values with their 95% confidence band, the plan's straight
line from baseline to target, the projection at the current trend and the target marker.

The x axis is years (the middle of each period, `indicators.targets.position`) labelled
with the period names, so a target given as a date and future periods sit on one axis."""

from __future__ import annotations

import math

import pandas as pd

from indicators.names import LOWER95, PERIOD_LABEL, UPPER95
from indicators.targets import position, shift_period
from layouts import theme
from layouts.figures import figure_dict

PROJECTION_COLOUR = theme.REGION_COLOUR
MAX_TICKS = 8
# with no period reached, the projection is drawn this many years ahead
PROJECTION_YEARS = 5


def _ticks(labels: list[str]) -> dict:
    step = max(1, math.ceil(len(labels) / MAX_TICKS))
    shown = labels[::-1][::step][::-1]  # keep the latest period labelled
    return {"tickmode": "array", "tickvals": [position(p) for p in shown], "ticktext": shown}


def _axis_periods(first: str, last_position: float) -> list[str]:
    labels, label = [first], first
    while position(label) < last_position - 1e-9 and len(labels) < 80:
        label = shift_period(label, 1)
        labels.append(label)
    return labels


def trajectory_figure(series: pd.DataFrame, plan: dict, *, area_name: str, title: str,
                      y_title: str) -> dict:
    """`series`: period_label, value, lower95, upper95, oldest first. `plan`: one row of
    `data.queries.plan.plan_grid` (target_value, target_period, baseline_period,
    baseline_value, projected_period, and the projection line: projection_slope,
    projection_level, projection_origin)."""
    periods = series[PERIOD_LABEL].tolist()
    xs = [position(p) for p in periods]
    traces = [{
        "type": "scatter", "x": xs + xs[::-1],
        "y": figure_dict.values(series[UPPER95].tolist() + series[LOWER95].tolist()[::-1]),
        "fill": "toself", "fillcolor": theme.AREA_BAND, "line": {"width": 0},
        "name": "95% confidence interval", "hoverinfo": "skip",
    }, {
        "type": "scatter", "x": xs, "y": figure_dict.values(series["value"]), "text": periods,
        "mode": "lines+markers", "name": area_name,
        "line": {"color": theme.AREA_COLOUR, "width": 3}, "marker": {"size": 8},
        "hovertemplate": "%{text}: %{y:.1f}<extra></extra>",
    }]
    ends = list(xs)
    target, period = plan.get("target_value"), plan.get("target_period")
    has_target = period and target is not None and not pd.isna(target)
    if has_target:
        unit = plan.get("unit") or ""
        shown = f"{target:g}%" if unit == "%" else f"{target:g}"
        target_x = position(period)
        ends.append(target_x)
        baseline, start = plan.get("baseline_value"), plan.get("baseline_period")
        if start and baseline is not None and not pd.isna(baseline):
            end_x = max(ends)
            line_x = [position(start), target_x] + ([end_x] if end_x > target_x else [])
            traces.append({
                "type": "scatter", "x": line_x, "y": [baseline] + [target] * (len(line_x) - 1),
                "mode": "lines", "name": "Trajectory to the target",
                "line": {"color": theme.TARGET_COLOUR, "width": 2, "dash": "dash"},
                "hovertemplate": "Trajectory %{y:.1f}<extra></extra>",
            })
        slope = plan.get("projection_slope")
        if slope is not None and not pd.isna(slope):
            origin, level = plan["projection_origin"], plan["projection_level"]
            reached = plan.get("projected_period")
            stop = position(reached) if reached else origin + PROJECTION_YEARS
            stop = max(stop, origin)
            ends.append(stop)
            traces.append({
                "type": "scatter", "x": [origin, stop],
                "y": [level, level + slope * (stop - origin)], "mode": "lines",
                "name": "Projection at the current trend",
                "line": {"color": PROJECTION_COLOUR, "width": 2, "dash": "dot"},
                "hovertemplate": "Projection %{y:.1f}<extra></extra>",
            })
        traces.append({
            "type": "scatter", "x": [target_x], "y": [target], "mode": "markers",
            "name": f"Target {shown} by {period}",
            "marker": {"symbol": "star", "size": 16, "color": theme.TARGET_COLOUR,
                       "line": {"color": "#0b0c0c", "width": 1}},
            "hovertemplate": f"Target {shown} by {period}<extra></extra>",
        })
    labels = _axis_periods(periods[0], max(ends)) if periods else []
    layout = figure_dict.layout(title, y_title, xaxis=_ticks(labels), hovermode="closest")
    return figure_dict.figure(traces, layout)
