"""Spine chart (Fingertips / PHOF style): every indicator on one common scale, England at
the centre, the range of comparable areas as a bar with worst on the left and best on the
right, and the chosen area as a marker coloured (and shaped) by its comparison with England."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.names import COMPARED_ENGLAND, PERIOD_LABEL
from layouts import theme
from layouts.figures import figure_dict
from layouts.overview_text import COLOUR_OF, format_number, format_value

RANGE_FILL = "#d2d2d2"
RANGE_EDGE = "#6f777b"  # at least 3:1 against white, so the bar's extent is visible
QUARTILE_FILL = "#8b8b8b"
ENGLAND_LINE = "#0b0c0c"
SYMBOLS = {"Better": "circle", "Similar": "diamond", "Worse": "square", "Higher": "triangle-up",
           "Lower": "triangle-down", "Not compared": "circle"}
NEEDED = ["value", "england_value", "peer_min", "peer_max"]
LABEL_WIDTH = 44  # characters a line: about 330 px at 13 px, inside a 375 px phone's chart
ROW_PX = 70  # each row: its label (up to two lines) above a bar
BAR_WIDTH = 0.36  # of a row


def spine_positions(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that can be drawn (value, England value and a peer range present; counts are left
    out because England's count is a total, not an average), with positions on a 0-1 scale:
    England at 0.5, each indicator scaled by its largest distance from England so the whole
    range fits, and oriented by polarity so better is to the right ("Low is good" flips the
    axis; with no polarity higher is to the right).

    Adds x_value, x_region (NaN without a region value), x_left, x_right (range ends),
    x_q_left, x_q_right (interquartile range), left_value and right_value (the peer values
    at the two ends)."""
    rows = frame.dropna(subset=NEEDED)
    rows = rows[rows.get("value_type", pd.Series("", index=rows.index)).ne("Count")].copy()
    if rows.empty:
        return rows.assign(**{c: pd.Series(dtype="float64") for c in (
            "x_value", "x_left", "x_right", "x_q_left", "x_q_right", "left_value", "right_value")})
    england = rows["england_value"]
    region = rows["region_value"] if "region_value" in rows else pd.Series(np.nan, rows.index)
    half = pd.concat([(rows[c] - england).abs() for c in ("peer_min", "peer_max", "value")]
                     + [(region - england).abs()], axis=1).max(axis=1)
    scale = half.where(half > 0, 1.0) * 2
    sign = np.where(rows["polarity"].eq("Low is good"), -1.0, 1.0)

    def position(column: str) -> pd.Series:
        return 0.5 + sign * (rows[column] - england) / scale

    x_min, x_max = position("peer_min"), position("peer_max")
    q_low = position("peer_q25") if "peer_q25" in rows else x_min
    q_high = position("peer_q75") if "peer_q75" in rows else x_max
    flipped = sign < 0
    return rows.assign(
        x_value=position("value"),
        x_region=0.5 + sign * (region - england) / scale,
        x_left=np.minimum(x_min, x_max), x_right=np.maximum(x_min, x_max),
        x_q_left=np.minimum(q_low, q_high), x_q_right=np.maximum(q_low, q_high),
        left_value=np.where(flipped, rows["peer_max"], rows["peer_min"]),
        right_value=np.where(flipped, rows["peer_min"], rows["peer_max"]),
    )


def row_label(row: Mapping) -> str:
    """Indicator name and period, wrapped so a phone's narrow chart keeps it whole."""
    period = str(row[PERIOD_LABEL]).replace(" ", "\u00a0")  # keep "2023 - 25" on one line
    return "<br>".join(figure_dict.text(line) for line in
                       textwrap.wrap(f"{row['indicator_name']} ({period})", LABEL_WIDTH))


def _legend_word(word: str) -> str:
    return "not compared with" if word == "Not compared" else f"{word} compared with"


def _count(row: Mapping) -> str:
    count = row.get("peer_count")
    return "" if count is None or pd.isna(count) else f"{count:.0f} "


def _hover(row: Mapping, area_name: str, peer_words: str) -> str:
    unit, kind = row.get("unit"), row.get("value_type")
    word = row.get(COMPARED_ENGLAND) or "Not compared"
    ends = ("Lowest", "Highest") if row.get("polarity") not in ("Low is good", "High is good") \
        else ("Worst", "Best")
    area_name = figure_dict.text(area_name)
    return (f"<b>{figure_dict.text(row['indicator_name'])}</b> ({figure_dict.text(row['period_label'])})<br>"
            f"{area_name}: {format_value(row['value'], kind, unit)} "
            f"({_legend_word(word)} England)<br>"
            f"England: {format_number(row['england_value'], kind, unit)}<br>"
            f"{ends[0]} of the {_count(row)}{peer_words}: "
            f"{format_number(row['left_value'], kind, unit)}; "
            f"{ends[1]}: {format_number(row['right_value'], kind, unit)}")


def spine_figure(frame: pd.DataFrame, area_name: str, peer_words: str,
                 region_name: str | None = None) -> dict:
    """`frame` has indicator_name, period_label, unit, value_type, polarity, value,
    england_value, region_value, peer_min, peer_q25, peer_q75, peer_max, compared_england;
    the first row is drawn at the top. `peer_words` names the areas the range is taken over;
    `region_name` names the region's marker. Each indicator's name sits above its bar, so
    a phone's narrow chart keeps the whole bar. A plain plotly figure dict."""
    rows = spine_positions(frame)
    shown_name = figure_dict.text(area_name)
    records = rows.to_dict("records")
    labels = [row_label(r) for r in records]
    traces = [{
        "type": "bar", "y": labels, "x": figure_dict.values(rows["x_right"] - rows["x_left"]),
        "base": figure_dict.values(rows["x_left"]), "orientation": "h",
        "name": f"Range of {peer_words}: worst (left) to best (right)", "hoverinfo": "skip",
        "marker": {"color": RANGE_FILL, "line": {"color": RANGE_EDGE, "width": 1}},
        "width": BAR_WIDTH,
    }, {
        "type": "bar", "y": labels, "x": figure_dict.values(rows["x_q_right"] - rows["x_q_left"]),
        "base": figure_dict.values(rows["x_q_left"]), "orientation": "h",
        "name": "25th to 75th percentile", "hoverinfo": "skip", "marker": {"color": QUARTILE_FILL},
        "width": BAR_WIDTH,
    }]
    words = rows[COMPARED_ENGLAND].fillna("Not compared")
    hover = [_hover(r, area_name, peer_words) for r in records]
    for word in dict.fromkeys(words):
        chosen = (words == word).to_numpy()
        key = COLOUR_OF.get(word, word)
        colour = theme.COMPARISON_COLOURS.get(key, theme.COMPARISON_COLOURS["Not compared"])
        traces.append({
            "type": "scatter",
            "y": [label for label, keep in zip(labels, chosen, strict=True) if keep],
            "x": figure_dict.values(rows.loc[chosen, "x_value"]), "mode": "markers",
            "name": f"{shown_name}: {_legend_word(word)} England",
            "marker": {"color": colour, "size": 15, "symbol": SYMBOLS.get(key, "circle"),
                       "line": {"color": ENGLAND_LINE, "width": 1.5}},
            "hovertext": [h for h, keep in zip(hover, chosen, strict=True) if keep],
            "hovertemplate": "%{hovertext}<extra></extra>",
        })
    if region_name and rows["x_region"].notna().any():
        traces.append(_region_trace(rows, labels, region_name))
    england = {"type": "line", "x0": 0.5, "x1": 0.5, "y0": 0, "y1": 1, "yref": "paper",
               "line": {"color": ENGLAND_LINE, "width": 2}, "showlegend": True, "name": "England"}
    ends = [{"x": x, "y": 1, "yref": "paper", "yanchor": "bottom", "text": text,
             "showarrow": False, "xanchor": anchor, "font": {"size": 13}}
            for x, text, anchor in ((0, "Worst (or lowest)", "left"), (0.5, "England", "center"),
                                    (1, "Best (or highest)", "right"))]
    names = [{"x": 0, "xref": "paper", "xanchor": "left", "y": label, "yanchor": "bottom",
              "yshift": ROW_PX * BAR_WIDTH / 2 + 1, "text": label, "showarrow": False,
              "align": "left", "font": {"size": 13}, "bgcolor": "rgba(255, 255, 255, 0.85)"}
             for label in labels]
    layout = figure_dict.layout(
        f"{area_name} against the range of {peer_words} in England", "",
        barmode="overlay", hovermode="closest", height=160 + ROW_PX * max(len(rows), 1),
        margin={"l": 10, "r": 10, "b": 20}, top_extra=24,
        xaxis={"range": [-0.03, 1.03], "showticklabels": False, "showgrid": False,
               "zeroline": False, "fixedrange": True},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels[::-1],
               "showticklabels": False, "title": None, "gridcolor": "rgba(0,0,0,0)",
               "fixedrange": True, "range": [-0.6, len(labels) - 0.1]},
        shapes=[england], annotations=ends + names)
    return figure_dict.figure(traces, layout)


def _region_trace(rows: pd.DataFrame, labels: list[str], region_name: str) -> dict:
    present = rows["x_region"].notna().to_numpy()
    region_name = figure_dict.text(region_name)  # a name from the data: text, never markup
    texts = [f"{region_name}: {format_number(r['region_value'], r.get('value_type'), r.get('unit'))}"
             for r in rows[present].to_dict("records")]
    return {
        "type": "scatter", "mode": "markers", "name": region_name,
        "y": [label for label, keep in zip(labels, present, strict=True) if keep],
        "x": figure_dict.values(rows.loc[present, "x_region"]),
        "marker": {"symbol": "diamond-open", "size": 13, "color": theme.REGION_COLOUR,
                   "line": {"width": 3, "color": theme.REGION_COLOUR}},
        "hovertext": texts, "hovertemplate": "%{hovertext}<extra></extra>",
    }
