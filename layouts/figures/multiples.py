"""Trends as small multiples: one small panel per area on a shared scale, each period's
point coloured by its comparison with England, England's line in every panel for reference."""

from __future__ import annotations

import math

import pandas as pd

from indicators.stats.compare import base_word
from layouts import theme
from layouts.figures import plain

COLUMNS = 3
ROW_HEIGHT = 190
# A panel's name in lines this short: on a phone a panel is under 100 px wide, and the last
# column's name has only that and the right margin before the chart's edge.
LABEL_LINE = 14
LABEL_LINE_PX = 15


def _domain(index: int, count: int, gap: float) -> list[float]:
    size = (1 - gap * (count - 1)) / count
    start = index * (size + gap)
    return [start, start + size]


def multiples_figure(series: pd.DataFrame, england: pd.DataFrame, order: list[str],
                     names: dict[str, str], *, highlight: str | None, title: str,
                     unit: str) -> dict:
    """`series`: area_code, period_label, value, compared_england (oldest first per area);
    `order`: area codes, one panel each, in reading order."""
    rows = max(1, math.ceil(len(order) / COLUMNS))
    periods = list(dict.fromkeys(series["period_label"]))
    low, high = pd.concat([series["value"], england["value"]]).agg(["min", "max"])
    span = [0, float(high) * 1.1] if pd.notna(high) else None
    traces, layout_axes, notes = [], {}, []
    first_row_lines = 1
    for i, code in enumerate(order):
        row, column = divmod(i, COLUMNS)
        axis = "" if i == 0 else str(i + 1)
        part = series[series["area_code"] == code]
        label = plain.text(names.get(code, code))  # a name from the data: text, never markup
        words = part["compared_england"].map(base_word)
        traces.append({
            "type": "scatter", "mode": "lines+markers", "xaxis": f"x{axis}", "yaxis": f"y{axis}",
            "x": part["period_label"].tolist(), "y": plain.values(part["value"]),
            "line": {"color": theme.AREA_COLOUR if code == highlight else "#505A5F",
                     "width": 3 if code == highlight else 1.5},
            "marker": {"size": 7, "color": [theme.COMPARISON_COLOURS[w] for w in words],
                       "line": {"color": "#0b0c0c", "width": 1}},
            "text": [f"{label} {p}: compared with England {w}"
                     for p, w in zip(part["period_label"], part["compared_england"].fillna(
                         "Not compared"), strict=True)],
            "hovertemplate": "%{text}<br>%{y:.1f}<extra></extra>", "showlegend": False})
        traces.append({
            "type": "scatter", "mode": "lines", "xaxis": f"x{axis}", "yaxis": f"y{axis}",
            "x": england["period_label"].tolist(), "y": plain.values(england["value"]),
            "line": {"color": theme.ENGLAND_COLOUR, "width": 1, "dash": "dash"},
            "name": "England", "showlegend": i == 0, "hoverinfo": "skip"})
        x_domain = _domain(column, COLUMNS, 0.06)
        y_domain = _domain(rows - 1 - row, rows, 0.35 / rows)
        layout_axes[f"xaxis{axis}"] = {"domain": x_domain, "anchor": f"y{axis}",
                                       "type": "category", "categoryarray": periods,
                                       "showticklabels": False, "gridcolor": "#f0f0f0"}
        layout_axes[f"yaxis{axis}"] = {"domain": y_domain, "anchor": f"x{axis}",
                                       "range": span, "gridcolor": "#e5e5e5",
                                       "tickfont": {"size": 11}}
        panel_name = plain.wrapped(label, LABEL_LINE)
        if row == 0:
            first_row_lines = max(first_row_lines, panel_name.count("<br>") + 1)
        notes.append({"text": f"<b>{panel_name}</b>" if code == highlight else panel_name,
                      "xref": "paper", "yref": "paper", "x": x_domain[0], "y": y_domain[1],
                      "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                      "font": {"size": 12}})
    layout = plain.layout(title, "", height=120 + ROW_HEIGHT * rows, annotations=notes,
                          hovermode="closest", margin={"l": 40, "r": 10, "b": 40},
                          # the first row's area names sit above its panels
                          top_extra=4 + LABEL_LINE_PX * first_row_lines,
                          **layout_axes)
    layout["yaxis"]["title"] = {"text": ""}
    if periods:
        notes.append({"text": f"{periods[0]} to {periods[-1]}, {unit}", "xref": "paper",
                      "yref": "paper", "x": 0, "y": 0, "yanchor": "top", "yshift": -10,
                      "showarrow": False, "font": {"size": 12}})
    return plain.figure(traces, layout)
