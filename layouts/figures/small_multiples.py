"""Small multiples: several figures' traces as panels of one figure, so a document that needs
many charts (the board pack's trends) renders one image instead of one per chart."""

from __future__ import annotations

import copy
import math
import textwrap

from layouts.figures import plain

PANEL_PX = 250  # height of one row of panels
HEAD_PX = 120  # the title and the legend
GAP = 0.06  # between panels, as a fraction of the figure


def _suffix(index: int) -> str:
    return "" if index == 0 else str(index + 1)


def _span(position: int, count: int, gap: float) -> list[float]:
    return [position / count + (gap / 2 if position else 0),
            (position + 1) / count - (gap / 2 if position < count - 1 else 0)]


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
        top = 1 - row / rows - (row_gap if row else 0)
        y_domain = [max(0.0, 1 - (row + 1) / rows + row_gap * 0.5), max(0.0, top - row_gap * 0.5)]
        source = figure["layout"]
        changes[f"xaxis{k}"] = {**copy.deepcopy(source.get("xaxis", {})),
                                "domain": _span(column, columns, GAP), "anchor": y_name,
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
    layout = plain.layout(title, "", height=height, hovermode="closest", showlegend=True,
                          top_extra=30, shapes=shapes, annotations=notes, **changes)
    return plain.figure(traces, layout)
