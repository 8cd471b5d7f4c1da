"""Funnel plot: each area's value against its denominator, inside 95% and 99.8% control limits
around the benchmark; points coloured and named by their significance."""

from __future__ import annotations

import pandas as pd

from indicators.names import AREA_CODE, AREA_NAME
from layouts.figures import figure_dict
from layouts.figures.ranked import OUTLINE, comparison_colour

# In the order the legend lists them.
SIGNIFICANCE_ORDER = ("High (0.001)", "High (0.025)", "Not significant", "Low (0.025)",
                      "Low (0.001)")
_JUDGEMENT = {
    "Low is good": {"High": "Worse", "Low": "Better"},
    "High is good": {"High": "Better", "Low": "Worse"},
}
LIMIT_STYLES = {"95%": {"dash": "dash", "width": 1.5}, "99.8%": {"dash": "solid", "width": 1.5}}
LIMIT_COLOUR = "#505a5f"


def significance_word(label: str | None, polarity: str) -> str:
    """The comparison word a funnel label means: "Low (0.025)" with "Low is good" ->
    "Better"; without a polarity "Lower"/"Higher"; "Not significant" -> "Similar"."""
    if not isinstance(label, str) or not label:
        return "Not compared"
    direction = label.split(" (")[0]
    if direction not in ("High", "Low"):
        return "Similar"
    return _JUDGEMENT.get(polarity, {"High": "Higher", "Low": "Lower"})[direction]


def _legend_name(label: str, polarity: str, benchmark_name: str) -> str:
    word = significance_word(label, polarity)
    benchmark_name = figure_dict.text(benchmark_name)
    if word == "Similar":
        return f"{label} (inside the 95% limits)"
    return f"{label}: {word.lower()} than {benchmark_name}"


def funnel_figure(
    points: pd.DataFrame,
    lines: pd.DataFrame,
    *,
    highlight: str | None,
    polarity: str,
    benchmark_name: str,
    benchmark_value: float,
    title: str,
    x_title: str,
    y_title: str,
) -> dict:
    """`points`: area_code, area_name, denominator, value, significance (rows without a
    significance are not plotted). `lines`: level, side, denominator, value (long form).
    A plain plotly figure dict."""
    plotted = points.dropna(subset=["significance", "value"])
    traces = []
    for level, style in LIMIT_STYLES.items():
        for index, side in enumerate(("lower", "upper")):
            line = lines[(lines["level"] == level) & (lines["side"] == side)]
            traces.append({
                "type": "scatter", "x": figure_dict.values(line["denominator"]),
                "y": figure_dict.values(line["value"]), "mode": "lines",
                "line": {"color": LIMIT_COLOUR, **style}, "name": f"{level} control limits",
                "legendgroup": level, "showlegend": index == 0, "hoverinfo": "skip",
            })
    for label in [s for s in SIGNIFICANCE_ORDER if s in set(plotted["significance"])]:
        part = plotted[plotted["significance"] == label]
        chosen = part[AREA_CODE] == highlight
        traces.append({
            "type": "scatter", "x": figure_dict.values(part["denominator"]),
            "y": figure_dict.values(part["value"]), "mode": "markers",
            "name": _legend_name(label, polarity, benchmark_name),
            "marker": {"color": comparison_colour(significance_word(label, polarity)),
                       "symbol": "diamond" if "0.001" in label else "circle",
                       "size": [16 if c else 11 for c in chosen],
                       "line": {"color": OUTLINE, "width": [3 if c else 1 for c in chosen]}},
            "customdata": [[figure_dict.text(n), figure_dict.text(src) if isinstance(src, str) else ""]
                           for n, src in zip(part[AREA_NAME],
                                             part.reindex(columns=["source"])["source"], strict=True)],
            "hovertemplate": ("<b>%{customdata[0]}</b><br>%{y:.1f} (denominator %{x:,.0f})<br>"
                              f"{label}<br>Source: %{{customdata[1]}}<extra></extra>"),
        })
    shape, benchmark_note = figure_dict.hline(
        benchmark_value, {"color": OUTLINE, "width": 2},
        f"{figure_dict.text(benchmark_name)}: {benchmark_value:.1f}", "top right")
    notes = [benchmark_note]
    for row in plotted[plotted[AREA_CODE] == highlight].itertuples(index=False):
        notes.append({"x": row.denominator, "y": row.value,
                      "text": f"<b>{figure_dict.text(row.area_name)}</b>: {row.significance}",
                      "showarrow": True,
                      "arrowhead": 0, "ax": 40, "ay": -40, "bgcolor": "white",
                      "bordercolor": OUTLINE})
    top = max([*plotted["value"].tolist(), benchmark_value]) if len(plotted) else benchmark_value
    x_end = plotted["denominator"].max() * 1.08 if len(plotted) else None
    xaxis = {"title": {"text": x_title}, "rangemode": "tozero"}
    if x_end:
        xaxis["range"] = [0, x_end]
    layout = figure_dict.layout(title, y_title, yaxis={"range": [0, top * 1.3]}, xaxis=xaxis,
                                hovermode="closest", height=560,
                                shapes=[shape], annotations=notes)
    return figure_dict.figure(traces, layout)
