"""Compare-indicators scatter: one point per area, the chosen area's region's areas marked,
the chosen area highlighted and labelled, the least-squares line and its R-squared."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.names import AREA_CODE, AREA_NAME
from indicators.stats.regression import LineFit
from layouts import theme
from layouts.figures import figure_dict

OTHER_COLOUR = "#505A5F"  # GOV.UK dark grey: 7:1 on white


def scatter_figure(frame: pd.DataFrame, fit: LineFit | None, *, highlight: str | None,
                   region_code: str | None, region_name: str, x_title: str, y_title: str,
                   title: str) -> dict:
    """`frame`: area_code, area_name, region_code, x, y. Three groups of points (others, the
    region's areas, the chosen area) so the legend names each mark."""
    shown = frame.dropna(subset=["x", "y"])
    groups = [
        ("Other areas", (shown["region_code"] != region_code) & (shown[AREA_CODE] != highlight),
         {"color": OTHER_COLOUR, "size": 8, "symbol": "circle-open", "line": {"width": 1.5}}),
        (f"Areas in {figure_dict.text(region_name)}", (shown["region_code"] == region_code)
         & (shown[AREA_CODE] != highlight),
         {"color": theme.REGION_COLOUR, "size": 9, "symbol": "diamond"}),
        ("Chosen area", shown[AREA_CODE] == highlight,
         {"color": theme.AREA_COLOUR, "size": 14, "symbol": "circle",
          "line": {"color": "#0b0c0c", "width": 2}}),
    ]
    traces = []
    for name, rows, marker in groups:
        part = shown[rows]
        if part.empty:
            continue
        names = [figure_dict.text(area) for area in part[AREA_NAME]]  # from the data: text
        traces.append({
            "type": "scatter", "mode": "markers+text" if name == "Chosen area" else "markers",
            "x": figure_dict.values(part["x"]), "y": figure_dict.values(part["y"]), "name": name,
            "marker": marker, "text": names if name == "Chosen area" else None,
            "textposition": "top center",
            "customdata": names,
            "hovertemplate": "<b>%{customdata}</b><br>x %{x:.1f}, y %{y:.1f}<extra></extra>"})
    annotations = []
    if fit is not None:
        xs = np.array([shown["x"].min(), shown["x"].max()])
        traces.append({"type": "scatter", "mode": "lines", "x": xs.tolist(),
                       "y": (fit.intercept + fit.slope * xs).tolist(),
                       "name": "Least-squares line", "line": {"color": "#0b0c0c", "dash": "dash"},
                       "hoverinfo": "skip"})
        words = f"R² = {fit.r_squared:.2f} ({fit.n} areas)" + (
            "" if fit.meaningful else ": fewer than 10 areas, too few for R² to mean much")
        annotations.append({"text": words, "xref": "paper", "yref": "paper", "x": 0, "y": 1.02,
                            "xanchor": "left", "yanchor": "bottom", "showarrow": False})
    # The x title is centred on a plot pushed right by the y axis: on a phone it gets
    # shorter lines than the frame's own wrapping gives.
    x_title = figure_dict.wrapped(figure_dict.text(x_title), figure_dict.TICK_LINE)
    layout = figure_dict.layout(title, y_title, xaxis={"title": {"text": x_title},
                                                 "gridcolor": "#e5e5e5", "rangemode": "normal"},
                          yaxis={"rangemode": "normal"}, hovermode="closest", height=560,
                          annotations=annotations, top_extra=30 if annotations else 0)
    return figure_dict.figure(traces, layout)
