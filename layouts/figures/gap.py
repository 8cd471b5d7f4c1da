"""The gap over time: the slope index of inequality per pooled period, with its interval."""

from __future__ import annotations

import pandas as pd

from indicators.names import LOWER95, PERIOD_LABEL, UPPER95
from layouts import theme
from layouts.figures import figure_dict


def gap_figure(gap: pd.DataFrame, *, title: str) -> dict:
    """`gap` has period_label, sii, lower95, upper95, oldest first (periods without an SII
    keep their place on the axis, with no point). A dot per period with its 95% interval
    and a line at zero: below it, lower rates at the least deprived end."""
    periods = gap[PERIOD_LABEL].tolist()
    traces = [{
        "type": "scatter", "x": periods, "y": figure_dict.values(gap["sii"]), "mode": "markers",
        "name": "Slope index of inequality",
        "marker": {"size": 10, "color": theme.AREA_COLOUR, "symbol": "circle"},
        "error_y": figure_dict.interval(gap, "sii", width=6),
        "customdata": figure_dict.rows(gap[[LOWER95, UPPER95]].to_numpy()),
        "hovertemplate": ("%{x}: SII %{y:.1f} (95% CI %{customdata[0]:.1f} to "
                          "%{customdata[1]:.1f})<extra></extra>"),
    }]
    shape, note = figure_dict.hline(0, {"color": theme.ENGLAND_COLOUR, "width": 1}, "No gap",
                                    "top right")
    layout = figure_dict.layout(
        title, "SII, deaths per 1,000 live births", hovermode="closest", showlegend=False,
        shapes=[shape], annotations=[note],
        yaxis={"rangemode": "normal", "zeroline": False},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": periods,
               "title": {"text": "3-year pooled period"}})
    return figure_dict.figure(traces, layout)
