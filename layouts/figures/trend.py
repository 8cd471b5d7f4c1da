"""Trend chart: an area's values with their 95% confidence band, beside its region and England."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts import theme


def trend_figure(
    area: pd.DataFrame,
    comparators: list[tuple[str, pd.DataFrame, str]],
    *,
    area_name: str,
    title: str,
    y_title: str,
    target: float | None = None,
) -> go.Figure:
    """`area` and each comparator frame have period_label, value, lower95, upper95, ordered
    oldest first; comparators are (name, frame, colour). Missing values leave gaps."""
    figure = go.Figure(layout=theme.base_layout(title, y_title))
    periods = area["period_label"].tolist()
    figure.add_trace(go.Scatter(
        x=periods + periods[::-1],
        y=area["upper95"].tolist() + area["lower95"].tolist()[::-1],
        fill="toself", fillcolor=theme.AREA_BAND, line={"width": 0},
        name=f"{area_name} 95% confidence interval", hoverinfo="skip",
    ))
    figure.add_trace(go.Scatter(
        x=periods, y=area["value"], mode="lines+markers", name=area_name,
        line={"color": theme.AREA_COLOUR, "width": 3}, marker={"size": 8, "symbol": "circle"},
        customdata=area[["lower95", "upper95"]].to_numpy(),
        hovertemplate="%{y:.1f} (95% CI %{customdata[0]:.1f} to %{customdata[1]:.1f})",
    ))
    symbols = ["diamond", "square", "triangle-up"]
    for index, (name, frame, colour) in enumerate(comparators):
        figure.add_trace(go.Scatter(
            x=frame["period_label"], y=frame["value"], mode="lines+markers", name=name,
            line={"color": colour, "width": 2, "dash": "dash" if index else "solid"},
            marker={"size": 7, "symbol": symbols[index % len(symbols)]},
            hovertemplate="%{y:.1f}",
        ))
    if target is not None:
        figure.add_hline(y=target, line={"color": theme.TARGET_COLOUR, "dash": "dot", "width": 2},
                         annotation_text=f"Target {target:g}", annotation_position="top left")
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=periods)
    return figure
