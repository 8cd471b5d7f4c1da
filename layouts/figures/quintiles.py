"""Rates by deprivation quintile: one dot per quintile with its 95% confidence interval."""

from __future__ import annotations

import pandas as pd

from indicators.names import LOWER95, UPPER95
from layouts import theme
from layouts.figures import figure_dict


def quintile_label(category: str) -> str:
    """'1 - most deprived' -> '1 (most deprived)'; '3' -> '3'."""
    number, _, words = category.partition(" - ")
    return f"{number} ({words})" if words else number


def _rate_dots(labels: list[str], rates: pd.DataFrame, name: str, hover_name: str) -> dict:
    """One dot per row of `rates` (value, lower95, upper95, count, denominator) with its 95%
    confidence interval as error bars."""
    return {
        "type": "scatter", "x": labels, "y": figure_dict.values(rates["value"]), "mode": "markers",
        "name": name,
        "marker": {"size": 12, "color": theme.AREA_COLOUR, "symbol": "circle"},
        "error_y": figure_dict.interval(rates),
        "customdata": figure_dict.rows(rates[[LOWER95, UPPER95, "count", "denominator"]].to_numpy()),
        "hovertemplate": (hover_name + ": %{y:.1f} (95% CI %{customdata[0]:.1f} to "
                          "%{customdata[1]:.1f}); %{customdata[2]:,.0f} deaths, "
                          "%{customdata[3]:,.0f} live births<extra></extra>"),
    }


def group_figure(rates: pd.DataFrame, *, title: str, y_title: str) -> dict:
    """Rates by group (ethnic group): `rates` has category, value, lower95, upper95, count,
    denominator and england_value, in the order shown. A dot and interval per group with a
    value; England's rate for the same group as an open diamond where the store holds it.
    A plain plotly figure dict."""
    shown = rates[rates["value"].notna()]
    labels = [figure_dict.text(c) for c in shown["category"]]
    traces = [_rate_dots(labels, shown, "Rate by ethnic group", "%{x}")]
    england = shown[shown["england_value"].notna()]
    if not england.empty:
        traces.append({
            "type": "scatter", "x": [figure_dict.text(c) for c in england["category"]],
            "y": figure_dict.values(england["england_value"]), "mode": "markers",
            "name": "England, same group",
            "marker": {"size": 11, "color": theme.ENGLAND_COLOUR, "symbol": "diamond-open",
                       "line": {"width": 2}},
            "hovertemplate": "England, %{x}: %{y:.1f}<extra></extra>",
        })
    layout = figure_dict.layout(
        title, y_title, hovermode="closest", showlegend=True,
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels,
               "title": {"text": "Ethnic group (ONS 2021 census high-level groups)"}})
    return figure_dict.figure(traces, layout)


def quintile_figure(quintiles: pd.DataFrame, *, title: str, y_title: str,
                    overall: float | None = None, overall_name: str = "") -> dict:
    """`quintiles` has category, count, denominator, value, lower95, upper95, most deprived
    first. Quintiles without a value are left out of the plot (the table says why);
    `overall` draws the area's whole-population rate as a dashed line, named in the legend.
    A plain plotly figure dict."""
    labels = [figure_dict.text(quintile_label(c)) for c in quintiles["category"]]
    overall_name = figure_dict.text(overall_name)
    traces = [_rate_dots(labels, quintiles, "Rate by quintile", "Quintile %{x}")]
    if overall is not None:
        traces.append({
            "type": "scatter", "x": [labels[0], labels[-1]] if labels else [],
            "y": [overall, overall], "mode": "lines", "name": f"{overall_name} overall: {overall:.1f}",
            "line": {"color": theme.ENGLAND_COLOUR, "dash": "dash", "width": 2},
            "hovertemplate": f"{overall_name} overall: {overall:.1f}<extra></extra>",
        })
    layout = figure_dict.layout(
        title, y_title, hovermode="closest", showlegend=True,
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels,
               "title": {"text": "IMD quintile of residence"}})
    return figure_dict.figure(traces, layout)
