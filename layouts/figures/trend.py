"""Trend chart: an area's values with their 95% confidence band, beside its region and England."""

from __future__ import annotations

import pandas as pd

from layouts import theme
from layouts.figures import plain


def trend_figure(
    area: pd.DataFrame,
    comparators: list[tuple[str, pd.DataFrame, str]],
    *,
    area_name: str,
    title: str,
    y_title: str,
    target: float | None = None,
) -> dict:
    """`area` and each comparator frame have period_label, value, lower95, upper95, ordered
    oldest first; comparators are (name, frame, colour). Missing values leave gaps. A plain
    plotly figure dict (layouts.figures.plain)."""
    periods = area["period_label"].tolist()
    area_name = plain.text(area_name)
    traces = [{
        "type": "scatter", "x": periods + periods[::-1],
        "y": plain.values(area["upper95"].tolist() + area["lower95"].tolist()[::-1]),
        "fill": "toself", "fillcolor": theme.AREA_BAND, "line": {"width": 0},
        "name": f"{area_name} 95% confidence interval", "hoverinfo": "skip",
    }, {
        "type": "scatter", "x": periods, "y": plain.values(area["value"]), "mode": "lines+markers",
        "name": area_name, "line": {"color": theme.AREA_COLOUR, "width": 3},
        "marker": {"size": 8, "symbol": "circle"},
        "customdata": plain.rows(area[["lower95", "upper95"]].to_numpy()),
        "hovertemplate": "%{y:.1f} (95% CI %{customdata[0]:.1f} to %{customdata[1]:.1f})",
    }]
    symbols = ["diamond", "square", "triangle-up"]
    for index, (name, frame, colour) in enumerate(comparators):
        traces.append({
            "type": "scatter", "x": frame["period_label"].tolist(), "y": plain.values(frame["value"]),
            "mode": "lines+markers", "name": plain.text(name),
            "line": {"color": colour, "width": 2, "dash": "dash" if index else "solid"},
            "marker": {"size": 7, "symbol": symbols[index % len(symbols)]},
            "hovertemplate": "%{y:.1f}",
        })
    layout = plain.layout(title, y_title, xaxis={"type": "category", "categoryorder": "array",
                                                 "categoryarray": periods})
    if target is not None:
        shape, note = plain.hline(target, {"color": theme.TARGET_COLOUR, "dash": "dot", "width": 2},
                                  f"Target {target:g}", "top left")
        layout.update(shapes=[shape], annotations=[note])
    return plain.figure(traces, layout)
