"""Small multiples: panels on one grid in one figure. Two uses: a trend per area on a shared
scale for the small multiples page (`multiples_figure`), and several finished figures as the
panels of one image for the board pack (`small_multiples`), so a document that needs many charts
renders one image instead of one per chart."""

from __future__ import annotations

import copy
import math
import textwrap

import pandas as pd

from indicators.names import AREA_CODE, COMPARED_ENGLAND, PERIOD_LABEL, VALUE
from indicators.stats.compare import base_word
from layouts import theme
from layouts.figures import figure_dict

# the page's panels
COLUMNS = 3
ROW_HEIGHT = 190
# A panel's name in lines this short: on a phone a panel is under 100 px wide, and the last
# column's name has only that and the right margin before the chart's edge.
LABEL_LINE = 14
LABEL_LINE_PX = 15
# the board pack's panels
PANEL_PX = 250  # height of one row of panels
HEAD_PX = 120  # the title and the legend
GAP = 0.06  # between panels, as a fraction of the figure


def panel_domain(index: int, count: int, gap: float) -> list[float]:
    """The [start, end] fraction of the figure that panel `index` of `count` takes along one
    axis, panels of equal size with `gap` between them."""
    size = (1 - gap * (count - 1)) / count
    start = index * (size + gap)
    return [start, start + size]


def _suffix(index: int) -> str:
    return "" if index == 0 else str(index + 1)


def multiples_figure(series: pd.DataFrame, england: pd.DataFrame, order: list[str],
                     names: dict[str, str], *, highlight: str | None, title: str,
                     unit: str) -> dict:
    """`series`: area_code, period_label, value, compared_england (oldest first per area);
    `order`: area codes, one panel each, in reading order."""
    rows = max(1, math.ceil(len(order) / COLUMNS))
    periods = list(dict.fromkeys(series[PERIOD_LABEL]))
    low, high = pd.concat([series[VALUE], england[VALUE]]).agg(["min", "max"])
    span = [0, float(high) * 1.1] if pd.notna(high) else None
    traces, layout_axes, notes = [], {}, []
    first_row_lines = 1
    for i, code in enumerate(order):
        row, column = divmod(i, COLUMNS)
        axis = _suffix(i)
        part = series[series[AREA_CODE] == code]
        label = figure_dict.text(names.get(code, code))  # a name from the data: text, never markup
        words = part[COMPARED_ENGLAND].map(base_word)
        traces.append({
            "type": "scatter", "mode": "lines+markers", "xaxis": f"x{axis}", "yaxis": f"y{axis}",
            "x": part[PERIOD_LABEL].tolist(), "y": figure_dict.values(part[VALUE]),
            "line": {"color": theme.AREA_COLOUR if code == highlight else "#505A5F",
                     "width": 3 if code == highlight else 1.5},
            "marker": {"size": 7, "color": [theme.COMPARISON_COLOURS[w] for w in words],
                       "line": {"color": "#0b0c0c", "width": 1}},
            "text": [f"{label} {p}: compared with England {w}"
                     for p, w in zip(part[PERIOD_LABEL], part[COMPARED_ENGLAND].fillna(
                         "Not compared"), strict=True)],
            "hovertemplate": "%{text}<br>%{y:.1f}<extra></extra>", "showlegend": False})
        traces.append({
            "type": "scatter", "mode": "lines", "xaxis": f"x{axis}", "yaxis": f"y{axis}",
            "x": england[PERIOD_LABEL].tolist(), "y": figure_dict.values(england[VALUE]),
            "line": {"color": theme.ENGLAND_COLOUR, "width": 1, "dash": "dash"},
            "name": "England", "showlegend": i == 0, "hoverinfo": "skip"})
        x_domain = panel_domain(column, COLUMNS, 0.06)
        y_domain = panel_domain(rows - 1 - row, rows, 0.35 / rows)
        layout_axes[f"xaxis{axis}"] = {"domain": x_domain, "anchor": f"y{axis}",
                                       "type": "category", "categoryarray": periods,
                                       "showticklabels": False, "gridcolor": "#f0f0f0"}
        layout_axes[f"yaxis{axis}"] = {"domain": y_domain, "anchor": f"x{axis}",
                                       "range": span, "gridcolor": "#e5e5e5",
                                       "tickfont": {"size": 11}}
        panel_name = figure_dict.wrapped(label, LABEL_LINE)
        if row == 0:
            first_row_lines = max(first_row_lines, panel_name.count("<br>") + 1)
        notes.append({"text": f"<b>{panel_name}</b>" if code == highlight else panel_name,
                      "xref": "paper", "yref": "paper", "x": x_domain[0], "y": y_domain[1],
                      "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                      "font": {"size": 12}})
    layout = figure_dict.layout(title, "", height=120 + ROW_HEIGHT * rows, annotations=notes,
                                hovermode="closest", margin={"l": 40, "r": 10, "b": 40},
                                # the first row's area names sit above its panels
                                top_extra=4 + LABEL_LINE_PX * first_row_lines,
                                **layout_axes)
    layout["yaxis"]["title"] = {"text": ""}
    if periods:
        notes.append({"text": f"{periods[0]} to {periods[-1]}, {unit}", "xref": "paper",
                      "yref": "paper", "x": 0, "y": 0, "yanchor": "top", "yshift": -10,
                      "showarrow": False, "font": {"size": 12}})
    return figure_dict.figure(traces, layout)


def small_multiples(panels: list[tuple[str, dict]], title: str, columns: int = 2) -> dict:
    """One figure holding each (panel title, figure dict) of `panels` in a grid of `columns`,
    top left first: each panel keeps its own axes, shapes (target lines) and traces; the
    legend lists the first panel's traces once. A plain plotly figure dict."""
    rows = max(1, math.ceil(len(panels) / columns))
    height = HEAD_PX + PANEL_PX * rows
    row_gap = 70 / (PANEL_PX * rows)  # room for a panel's title and its tick labels
    traces, changes, shapes, notes = [], {}, [], []
    for index, (name, figure) in enumerate(panels):
        k, row, column = _suffix(index), index // columns, index % columns
        x_name, y_name = f"x{k}", f"y{k}"
        y_domain = panel_domain(rows - 1 - row, rows, 2 * row_gap)
        source = figure["layout"]
        changes[f"xaxis{k}"] = {**copy.deepcopy(source.get("xaxis", {})),
                                "domain": panel_domain(column, columns, GAP), "anchor": y_name,
                                "automargin": True, "tickfont": {"size": 11}}
        changes[f"yaxis{k}"] = {**copy.deepcopy(source.get("yaxis", {})), "domain": y_domain,
                                "anchor": x_name, "automargin": True, "tickfont": {"size": 11},
                                "title": {"text": source.get("yaxis", {}).get("title", {})
                                          .get("text", ""), "font": {"size": 11}}}
        for trace in figure["data"]:
            traces.append({**trace, "xaxis": x_name, "yaxis": y_name,
                           "legendgroup": trace.get("name"), "showlegend": index == 0})
        for shape in source.get("shapes", []):
            shapes.append({**shape, "xref": f"{x_name} domain", "yref": y_name})
        for note in source.get("annotations", []):
            notes.append({**note, "xref": f"{x_name} domain", "yref": y_name})
        notes.append({"text": "<br>".join(textwrap.wrap(name, 48)), "showarrow": False,
                      "xref": f"{x_name} domain", "x": 0, "xanchor": "left",
                      "yref": f"{y_name} domain", "y": 1, "yanchor": "bottom", "yshift": 6,
                      "align": "left", "font": {"size": 13}})
    layout = figure_dict.layout(title, "", height=height, hovermode="closest", showlegend=True,
                                top_extra=30, shapes=shapes, annotations=notes, **changes)
    return figure_dict.figure(traces, layout)
