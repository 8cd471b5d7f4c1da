"""Ranked chart: peer areas sorted by value, 95% confidence intervals, each bar coloured by its
comparison with the benchmark (the word in the legend and hover), the chosen area outlined
and its label bold, and the benchmark as a labelled vertical line."""

from __future__ import annotations

import pandas as pd

from indicators.names import AREA_CODE, AREA_NAME, LOWER95, UPPER95
from indicators.stats.compare import base_word
from layouts import theme
from layouts.figures import figure_dict

OUTLINE = "#0b0c0c"
HIGHLIGHT_WIDTH = 4


def comparison_colour(word: str | None) -> str:
    """GOV.UK colour for a comparison word by its base word ("Better (95%)" reads as
    "Better"); unknown or missing words get the "Not compared" grey."""
    return theme.COMPARISON_COLOURS[base_word(word)]


def rank_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """Highest value first, areas without a value last; ties in name order."""
    return (frame.sort_values(["value", AREA_NAME], ascending=[False, True],
                              na_position="last", kind="stable")
            .reset_index(drop=True))


def tick_labels(ranked: pd.DataFrame, highlight: str | None) -> list[str]:
    """Area names; the chosen one in bold, those without a value say so."""
    labels = []
    for row in ranked.itertuples(index=False):
        name = figure_dict.text(row.area_name)
        label = name if pd.notna(row.value) else f"{name} (no value)"
        labels.append(f"<b>{label}</b>" if row.area_code == highlight else label)
    return labels


def ranked_figure(
    frame: pd.DataFrame,
    *,
    comparison_column: str,
    highlight: str | None,
    benchmark_name: str,
    benchmark_value: float | None,
    title: str,
    x_title: str,
) -> dict:
    """`frame` has area_code, area_name, value, lower95, upper95 and `comparison_column`
    (the stored word). One bar trace per word so the legend names each colour. A plain
    plotly figure dict."""
    ranked = rank_areas(frame)
    shown_name = figure_dict.text(benchmark_name)
    ranked[comparison_column] = ranked[comparison_column].fillna("Not compared")
    traces = []
    for word in pd.unique(ranked[comparison_column]):
        part = ranked[ranked[comparison_column] == word]
        chosen = part[AREA_CODE] == highlight
        traces.append({
            "type": "bar", "y": part[AREA_CODE].tolist(), "x": figure_dict.values(part["value"]),
            "orientation": "h", "name": f"{word} (compared with {shown_name})",
            "marker": {"color": comparison_colour(word),
                       "line": {"color": OUTLINE,
                                "width": [HIGHLIGHT_WIDTH if c else 1 for c in chosen]}},
            "error_x": {"type": "data", "symmetric": False,
                        "array": figure_dict.values(part[UPPER95] - part["value"]),
                        "arrayminus": figure_dict.values(part["value"] - part[LOWER95]),
                        "color": OUTLINE, "thickness": 1.5, "width": 4},
            "customdata": figure_dict.rows(part.reindex(columns=[AREA_NAME, LOWER95, UPPER95, "source"])
                                           .assign(area_name=part[AREA_NAME].map(figure_dict.text),
                                             source=lambda f: f["source"].map(
                                                 lambda v: figure_dict.text(v) if isinstance(v, str) else ""))
                                     .to_numpy()),
            "hovertemplate": ("<b>%{customdata[0]}</b><br>%{x:.1f} (95% CI %{customdata[1]:.1f} "
                              f"to %{{customdata[2]:.1f}})<br>Compared with {shown_name}: "
                              f"{word}<br>Source: %{{customdata[3]}}<extra></extra>"),
        })
    codes = ranked[AREA_CODE].tolist()
    layout = figure_dict.layout(
        title, "",
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": codes,
               "tickvals": codes, "ticktext": tick_labels(ranked, highlight),
               "autorange": "reversed", "title": None, "rangemode": "normal"},
        xaxis={"title": {"text": x_title}, "rangemode": "tozero", "gridcolor": "#e5e5e5"},
        barmode="overlay", hovermode="closest", height=190 + 26 * len(ranked),
        showlegend=True,  # the legend carries the words, even when there is only one
        margin={"l": 10, "r": 20}, top_extra=16,
    )
    if benchmark_value is not None and pd.notna(benchmark_value):
        shape, note = figure_dict.vline(benchmark_value, {"color": OUTLINE, "dash": "dash", "width": 2},
                                        f"{shown_name}: {benchmark_value:.1f}", font={"size": 13})
        layout.update(shapes=[shape], annotations=[note])
    return figure_dict.figure(traces, layout)
