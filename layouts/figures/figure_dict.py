"""Figures as plain dicts in plotly's JSON form, the form Dash sends to the browser.

`go.Figure` checks every property when it is built and copies the figure again to send it,
which cost more than the rest of a page view (3 to 15 ms a chart at national scale); a dict
costs nothing to build. The result is the same: the dicts carry the same theme and the
same default template that `go.Figure` would add. Wrap one in `go.Figure(...)` where an
object is needed (images for the board pack, attribute access in tests), which also
checks it against plotly's schema.
"""

from __future__ import annotations

import copy
import functools
import html
import textwrap
from collections.abc import Iterable

import plotly.io as pio

from indicators.names import LOWER95, UPPER95, VALUE
from layouts import theme


@functools.cache
def _template() -> dict:
    # What go.Figure puts in layout.template when none is given (read once per process).
    return pio.templates[pio.templates.default].to_plotly_json()


@functools.cache
def _base() -> dict:
    return theme.base_layout("", "").to_plotly_json()


def merged(base: dict, changes: dict) -> dict:
    """`base` updated by `changes`, nested dicts merged key by key, None clearing a value
    (as update_layout does)."""
    out = dict(base)
    for key, value in changes.items():
        if value is None:
            if isinstance(out.get(key), dict):
                out[key] = {}
            else:
                out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def text(value: object) -> str:
    """Text from data (an area name, a category) as plotly should show it: as text.

    plotly renders a subset of HTML (<a href>, <b>, <br>, <span style>) in titles, axis
    labels, legends, annotations and hover text, so a name like `<a href=...>` would become
    a live link. `<`, `>` and `&` are written as entities, which plotly shows as the
    characters themselves. Every figure passes data text through here."""
    return html.escape(str(value), quote=False)


TITLE_LINE = 40  # characters: about 320 px at the title's size, inside a 375 px phone's chart
TICK_LINE = 26  # a category label's line: leaves a phone's plot most of the chart's width
LEGEND_LINE = 44  # a legend entry's line


def wrapped(title: str, width: int = TITLE_LINE) -> str:
    """A title broken into lines (plotly never wraps one) short enough for a phone."""
    return "<br>".join(textwrap.wrap(title, width, break_long_words=False)) if title else title


def layout(title: str, y_title: str, *, top_extra: int = 0, **changes) -> dict:
    """theme.base_layout(title, y_title) with plotly's default template, then `changes`.
    Titles and axis titles are text (they name areas from the data), never markup,
    wrapped for a phone (`wrapped`); the top margin leaves the
    toolbar's row, the title's lines and `top_extra` px (for labels above the plot)."""
    base = copy.deepcopy(_base())
    base["title"]["text"] = wrapped(text(title))
    base["yaxis"]["title"]["text"] = text(y_title)
    base["template"] = _template()
    out = merged(base, changes)
    lines = base["title"]["text"].count("<br>") + 1 if title else 0
    out["margin"]["t"] = theme.TOOLBAR_PX + lines * theme.TITLE_LINE_PX + 12 + top_extra
    for key, axis in out.items():
        if key[1:5] == "axis" and isinstance(axis, dict):
            _fit_axis(key, axis)
    return out


def _fit_axis(key: str, axis: dict) -> None:
    """Axis title and long category labels (a y axis's categories) wrapped for a phone."""
    title = axis.get("title")
    if isinstance(title, dict) and title.get("text") and "<br>" not in title["text"]:
        title["text"] = wrapped(title["text"])
    labels = axis.get("categoryarray")
    if key.startswith("y") and labels and "ticktext" not in axis \
            and any(len(str(label)) > TICK_LINE for label in labels):
        axis["tickvals"] = list(labels)
        axis["ticktext"] = [wrapped(str(label), TICK_LINE) for label in labels]


def figure(traces: list[dict], layout_: dict) -> dict:
    """The figure; long trace names wrapped, since a legend entry never wraps by itself."""
    for trace in traces:
        name = trace.get("name")
        if isinstance(name, str) and len(name) > LEGEND_LINE and "<br>" not in name:
            trace["name"] = wrapped(name, LEGEND_LINE)
    return {"data": traces, "layout": layout_}


def values(items: Iterable) -> list:
    """Numbers (or labels) as a JSON list, missing values (NaN, None, NA) as None."""
    return [None if _missing(v) else (v.item() if hasattr(v, "item") else v) for v in items]


def interval(frame, value_column: str = VALUE, *, width: int = 8) -> dict:
    """Plotly `error_y` for the 95% interval around `value_column`: whiskers from the
    frame's lower95 to its upper95 (uneven about the value), in the area's colour."""
    value = frame[value_column]
    return {"type": "data", "symmetric": False, "color": theme.AREA_COLOUR, "thickness": 2,
            "width": width, "array": values(frame[UPPER95] - value),
            "arrayminus": values(value - frame[LOWER95])}


def rows(frame_values) -> list[list]:
    """A 2-D array (e.g. `frame[[...]].to_numpy()`) as lists, missing values as None."""
    return [values(row) for row in frame_values]


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # only NaN differs from itself
    except (TypeError, ValueError):  # pandas.NA compares to nothing
        return True


def hline(y: float, line: dict, text: str, position: str, font: dict | None = None
          ) -> tuple[dict, dict]:
    """(shape, annotation) as `Figure.add_hline` makes them, labelled "top left" or "top right"."""
    side = position.removeprefix("top ")
    shape = {"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y, "yref": "y",
             "line": line}
    note = {"showarrow": False, "text": text, "x": 0 if side == "left" else 1, "xanchor": side,
            "xref": "x domain", "y": y, "yanchor": "bottom", "yref": "y"}
    return shape, ({**note, "font": font} if font else note)


def vline(x: float, line: dict, text: str, font: dict | None = None) -> tuple[dict, dict]:
    """(shape, annotation) as `Figure.add_vline` makes them, labelled at the top."""
    shape = {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
             "line": line}
    note = {"showarrow": False, "text": text, "x": x, "xanchor": "center", "xref": "x", "y": 1,
            "yanchor": "bottom", "yref": "y domain"}
    return shape, ({**note, "font": font} if font else note)
