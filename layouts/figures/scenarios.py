"""The scenario chart: infant deaths a year avoided by each risk-factor change, with the
simulated 95% interval."""

from __future__ import annotations

import pandas as pd

from layouts import theme
from layouts.figures import figure_dict


def scenario_figure(table: pd.DataFrame, *, title: str) -> dict:
    """`table` has SCENARIO_COLUMNS; factors without an estimate (no local prevalence)
    are left out. Horizontal bars read on a phone; the line at zero separates deaths
    avoided from deaths added by a target worse than now."""
    shown = table[table["deaths_avoided_per_year"].notna()]
    names = [figure_dict.text(name) for name in shown["risk_factor"]]
    traces = [{
        "type": "bar", "orientation": "h", "y": names,
        "x": figure_dict.values(shown["deaths_avoided_per_year"]), "name": "Deaths avoided a year",
        "marker": {"color": theme.AREA_COLOUR},
        "error_x": {"type": "data", "symmetric": False, "color": theme.ENGLAND_COLOUR,
                    "thickness": 2, "width": 6,
                    "array": figure_dict.values(shown["deaths_avoided_upper"]
                                                - shown["deaths_avoided_per_year"]),
                    "arrayminus": figure_dict.values(shown["deaths_avoided_per_year"]
                                                     - shown["deaths_avoided_lower"])},
        "customdata": figure_dict.rows(shown[["deaths_avoided_lower", "deaths_avoided_upper"]]
                                       .to_numpy()),
        "hovertemplate": ("%{y}: %{x:.1f} deaths a year (95% interval %{customdata[0]:.1f} "
                          "to %{customdata[1]:.1f})<extra></extra>"),
    }]
    layout = figure_dict.layout(
        title, "", hovermode="closest", showlegend=False,
        xaxis={"title": {"text": "Infant deaths<br>avoided a year"}, "zeroline": True,
               "rangemode": "tozero"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": names[::-1],
               "automargin": True})
    return figure_dict.figure(traces, layout)
