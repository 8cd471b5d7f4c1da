"""Trend chart: an area's values with their 95% confidence intervals, each point coloured by
its comparison with England (the word in the legend and hover), data-quality flags and
value notes marked, beside its region and England."""

from __future__ import annotations

import pandas as pd

from indicators.names import COMPARED_ENGLAND, LOWER95, PERIOD_LABEL, UPPER95, VALUE_NOTE
from indicators.stats.compare import NOT_COMPARED, base_word
from layouts import theme
from layouts.figures import figure_dict
from layouts.figures.ranked import OUTLINE

COMPARISON_ORDER = ("Better", "Similar", "Worse", "Lower", "Higher", NOT_COMPARED)
PHRASE = {"Better": "better than England", "Similar": "similar to England",
          "Worse": "worse than England", "Lower": "lower than England",
          "Higher": "higher than England", NOT_COMPARED: "not compared with England"}
FLAG_NAME = "Data-quality flag (see table)"
NOTE_NAME = "Value note (see table)"
# Tall enough that the legend and the period labels below the plot leave it room on a phone.
CHART_HEIGHT = 560


def _text(value: object) -> str:
    """Text from data for a hover label: shown as written, never read as markup."""
    return "" if figure_dict.values([value])[0] is None else figure_dict.text(str(value))


def _source(value: object) -> str:
    """A hover label's line saying where the value comes from, as text; "" when unknown."""
    text = _text(value)
    return f"<br>Source: {text}" if text else ""


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), frame.index)


def _comparison_traces(area: pd.DataFrame, area_name: str, error_bars: bool, places: int
                       ) -> list[dict]:
    """One marker trace per comparison word present, so the legend names each colour."""
    words = _column(area, COMPARED_ENGLAND).map(base_word)
    traces = []
    for word in COMPARISON_ORDER:
        points = area[(words == word) & area["value"].notna()]
        if points.empty:
            continue
        trace = {
            "type": "scatter", "x": points[PERIOD_LABEL].tolist(),
            "y": figure_dict.values(points["value"]), "mode": "markers",
            "name": f"{area_name}: {PHRASE[word]}",
            "marker": {"size": 11, "symbol": "circle", "color": theme.COMPARISON_COLOURS[word],
                       "line": {"color": OUTLINE, "width": 1.5}},
            "customdata": figure_dict.rows(points[[LOWER95, UPPER95]].assign(
                source=_column(points, "source").map(_source)).to_numpy()),
            "hovertemplate": (f"%{{x}}: %{{y:.{places}f}} (95% CI %{{customdata[0]:.{places}f}} "
                              f"to %{{customdata[1]:.{places}f}}), {PHRASE[word]}"
                              "%{customdata[2]}<extra></extra>"),
        }
        if error_bars:
            trace["error_y"] = figure_dict.interval(points)
        traces.append(trace)
    return traces


def _marker_trace(area: pd.DataFrame, column: str, name: str, symbol: str) -> dict | None:
    """Rings around the points that carry a flag or note; the words are in the hover."""
    texts = _column(area, column).map(_text)
    marked = area[(texts != "") & area["value"].notna()]
    if marked.empty:
        return None
    return {
        "type": "scatter", "x": marked[PERIOD_LABEL].tolist(), "y": figure_dict.values(marked["value"]),
        "mode": "markers", "name": name, "text": texts[marked.index].tolist(),
        "marker": {"size": 22, "symbol": symbol, "color": OUTLINE, "line": {"width": 2}},
        "hovertemplate": "%{x}: %{text}<extra></extra>",
    }


def trend_figure(
    area: pd.DataFrame,
    comparators: list[tuple[str, pd.DataFrame, str]],
    *,
    area_name: str,
    title: str,
    y_title: str,
    target: float | None = None,
    places: int = 1,
) -> dict:
    """`area` and each comparator frame have period_label, value, lower95, upper95, ordered
    oldest first (and, when present, compared_england, dq_flag, value_note, source: the
    hover says where each value comes from); comparators are (name, frame, colour); hover
    values to `places` decimals. Missing values leave gaps. The interval is a band when
    two or more periods have a value, an error bar on a single point. A plain plotly
    figure dict (layouts.figures.figure_dict)."""
    periods = area[PERIOD_LABEL].tolist()
    area_name = figure_dict.text(area_name)
    single = int(area["value"].notna().sum()) < 2
    traces = [] if single else [{
        "type": "scatter", "x": periods + periods[::-1],
        "y": figure_dict.values(area[UPPER95].tolist() + area[LOWER95].tolist()[::-1]),
        "fill": "toself", "fillcolor": theme.AREA_BAND, "line": {"width": 0},
        "name": f"{area_name} 95% confidence interval", "hoverinfo": "skip",
    }]
    traces.append({
        "type": "scatter", "x": periods, "y": figure_dict.values(area["value"]), "mode": "lines",
        "name": area_name, "line": {"color": theme.AREA_COLOUR, "width": 3},
        "hoverinfo": "skip", "showlegend": not single,
    })
    traces += _comparison_traces(area, area_name, error_bars=single, places=places)
    traces += [t for t in (_marker_trace(area, "dq_flag", FLAG_NAME, "circle-open"),
                           _marker_trace(area, VALUE_NOTE, NOTE_NAME, "square-open")) if t]
    symbols = ["diamond", "square", "triangle-up"]
    for index, (name, frame, colour) in enumerate(comparators):
        traces.append({
            "type": "scatter", "x": frame[PERIOD_LABEL].tolist(), "y": figure_dict.values(frame["value"]),
            "mode": "lines+markers", "name": figure_dict.text(name),
            "line": {"color": colour, "width": 2, "dash": "dash" if index else "solid"},
            "marker": {"size": 7, "symbol": symbols[index % len(symbols)]},
            "customdata": [[source] for source in _column(frame, "source").map(_source)],
            "hovertemplate": (f"{figure_dict.text(name)}: %{{y:.{places}f}}%{{customdata[0]}}"
                              "<extra></extra>"),
        })
    layout = figure_dict.layout(title, y_title, hovermode="closest", height=CHART_HEIGHT,
                                xaxis={"type": "category", "categoryorder": "array",
                                 "categoryarray": periods})
    if target is not None:
        shape, note = figure_dict.hline(target, {"color": theme.TARGET_COLOUR, "dash": "dot", "width": 2},
                                        f"Target {target:g}", "top left")
        layout.update(shapes=[shape], annotations=[note])
    return figure_dict.figure(traces, layout)
