"""Box plots over time: for each period the spread of the areas' values (box from the 25th
to the 75th percentile with the median, whiskers to the 5th and 95th, the minimum and maximum
as ticks), the chosen area as a line and England as diamonds."""

from __future__ import annotations

import pandas as pd

from indicators.names import PERIOD_LABEL
from layouts import theme
from layouts.figures import figure_dict

BOX_FILL = "rgba(80, 90, 95, 0.18)"
BOX_LINE = "#505A5F"


def box_figure(stats: pd.DataFrame, area: pd.DataFrame, england: pd.DataFrame, *,
               area_name: str, title: str, y_title: str) -> dict:
    """`stats`: period_label, count, minimum, p5, p25, median, p75, p95, maximum (oldest
    first); `area`, `england`: period_label, value."""
    periods = stats[PERIOD_LABEL].tolist()
    area_name = figure_dict.text(area_name)  # a name from the data: text, never markup
    traces = [{
        "type": "box", "x": periods, "q1": figure_dict.values(stats["p25"]),
        "median": figure_dict.values(stats["median"]), "q3": figure_dict.values(stats["p75"]),
        "lowerfence": figure_dict.values(stats["p5"]), "upperfence": figure_dict.values(stats["p95"]),
        "name": "Areas: 25th to 75th percentile, median; whiskers 5th and 95th",
        "fillcolor": BOX_FILL, "line": {"color": BOX_LINE}, "hoverinfo": "x+y",
    }, {
        "type": "scatter", "mode": "markers", "name": "Lowest and highest area",
        "x": periods + periods,
        "y": figure_dict.values(pd.concat([stats["minimum"], stats["maximum"]])),
        "marker": {"symbol": "line-ew-open", "size": 14, "color": BOX_LINE,
                   "line": {"width": 2, "color": BOX_LINE}},
        "hovertemplate": "%{x}: %{y:.1f}<extra></extra>",
    }, {
        "type": "scatter", "mode": "lines+markers", "name": area_name,
        "x": area[PERIOD_LABEL].tolist(), "y": figure_dict.values(area["value"]),
        "line": {"color": theme.AREA_COLOUR, "width": 3}, "marker": {"size": 9},
        "hovertemplate": f"{area_name} %{{x}}: %{{y:.1f}}<extra></extra>",
    }, {
        "type": "scatter", "mode": "markers", "name": "England",
        "x": england[PERIOD_LABEL].tolist(), "y": figure_dict.values(england["value"]),
        "marker": {"symbol": "diamond", "size": 10, "color": theme.ENGLAND_COLOUR},
        "hovertemplate": "England %{x}: %{y:.1f}<extra></extra>",
    }]
    layout = figure_dict.layout(title, y_title, hovermode="closest", height=520,
                                xaxis={"type": "category", "categoryorder": "array",
                                 "categoryarray": periods, "title": {"text": "Period"}},
                          margin={"l": 60, "r": 20, "b": 150})
    return figure_dict.figure(traces, layout)
