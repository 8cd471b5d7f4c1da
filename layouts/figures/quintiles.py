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


def quintile_figure(quintiles: pd.DataFrame, *, title: str, y_title: str,
                    overall: float | None = None, overall_name: str = "") -> dict:
    """`quintiles` has category, count, denominator, value, lower95, upper95, most deprived
    first. Quintiles without a value are left out of the plot (the table says why);
    `overall` draws the area's whole-population rate as a dashed line, named in the legend.
    A plain plotly figure dict."""
    labels = [figure_dict.text(quintile_label(c)) for c in quintiles["category"]]
    overall_name = figure_dict.text(overall_name)
    traces = [{
        "type": "scatter", "x": labels, "y": figure_dict.values(quintiles["value"]), "mode": "markers",
        "name": "Rate by quintile",
        "marker": {"size": 12, "color": theme.AREA_COLOUR, "symbol": "circle"},
        "error_y": figure_dict.interval(quintiles),
        "customdata": figure_dict.rows(quintiles[[LOWER95, UPPER95, "count", "denominator"]].to_numpy()),
        "hovertemplate": ("Quintile %{x}: %{y:.1f} (95% CI %{customdata[0]:.1f} to "
                          "%{customdata[1]:.1f}); %{customdata[2]:,.0f} deaths, "
                          "%{customdata[3]:,.0f} live births<extra></extra>"),
    }]
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
