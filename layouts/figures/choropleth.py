"""Choropleth map of one period's values: areas coloured by their comparison with England
(Fingertips' words and colours), by quintile, or on a continuous scale; the chosen area
outlined. Plotly's own geo traces over boundaries served by the dashboard: no tile server,
and every base layer hidden so nothing is fetched from outside."""

from __future__ import annotations

import pandas as pd

from indicators.names import AREA_CODE, COMPARED_ENGLAND, QUINTILE_WORDS
from indicators.stats.compare import base_word
from layouts import theme
from layouts.figures import figure_dict

NO_VALUE = "No value"
NO_QUINTILE = "No quintile (fewer than 5 areas with a value)"
NO_VALUE_COLOUR = "#F3F2F1"
OUTLINE = "#0b0c0c"
# Light to dark: quintile 1 (lowest) to 5 (highest), each 3:1 apart from its neighbours'
# borders is not needed (white borders separate them); words are always given too.
QUINTILE_COLOURS = ["#DEEBF7", "#9ECAE1", "#4292C6", "#08519C", "#08306B"]
CONTINUOUS_SCALE = [[0.0, "#DEEBF7"], [0.5, "#4292C6"], [1.0, "#08306B"]]
COLOUR_MODES = ("england", "quintiles", "continuous")


def category_column(frame: pd.DataFrame, colour_by: str) -> pd.Series:
    """The word each area is coloured by: its comparison with England's base word (Better,
    Similar, Worse, Higher, Lower, Not compared), its quintile, or NO_VALUE."""
    if colour_by == "quintiles":
        words = frame["quintile"].where(frame["quintile"].notna(), NO_QUINTILE)
    else:
        words = frame[COMPARED_ENGLAND].map(
            lambda w: base_word(w) if isinstance(w, str) and w else "Not compared")
    return words.where(frame["value"].notna() & words.notna(), NO_VALUE)


def key_items(frame: pd.DataFrame, colour_by: str) -> list[tuple[str, str, int]]:
    """(word, colour, number of areas) in the key's order, for the words present."""
    words = category_column(frame, colour_by)
    if colour_by == "quintiles":
        order = [*zip(QUINTILE_WORDS, QUINTILE_COLOURS, strict=True),
                 (NO_QUINTILE, theme.COMPARISON_COLOURS["Not compared"])]
    else:
        order = list(theme.COMPARISON_COLOURS.items())
    order.append((NO_VALUE, NO_VALUE_COLOUR))
    counts = words.value_counts()
    return [(w, c, int(counts[w])) for w, c in order if counts.get(w, 0)]


def _hover(frame: pd.DataFrame, words: pd.Series, unit: str, colour_by: str) -> list[str]:
    label = "Quintile" if colour_by == "quintiles" else "Compared with England"
    texts = []
    for row, word in zip(frame.itertuples(index=False), words, strict=True):
        if pd.isna(row.value):
            note = row.value_note if isinstance(row.value_note, str) and row.value_note else ""
            texts.append(f"<b>{figure_dict.text(row.area_name)}</b><br>No value"
                         + (f" ({figure_dict.text(note)})" if note else ""))
            continue
        interval = ("" if pd.isna(row.lower95) or pd.isna(row.upper95)
                    else f" (95% CI {row.lower95:.1f} to {row.upper95:.1f})")
        shown = word if colour_by != "continuous" else base_word(row.compared_england)
        texts.append(f"<b>{figure_dict.text(row.area_name)}</b><br>{row.value:.1f} {unit}{interval}"
                     f"<br>{label}: {shown}")
    return texts


def choropleth_figure(frame: pd.DataFrame, *, geojson: str | dict, colour_by: str,
                      highlight: str | None, bounds: tuple[float, float, float, float] | None,
                      title: str, unit: str) -> dict:
    """`frame`: area_code, area_name, value, lower95, upper95, compared_england, quintile,
    value_note for every area drawn. `geojson`: the boundary layer or its URL, features
    keyed by `id` = area code. `bounds`: (west, south, east, north) in degrees to zoom to;
    None fits every area drawn."""
    if colour_by not in COLOUR_MODES:
        raise ValueError(f"colour_by must be one of {COLOUR_MODES}; got {colour_by!r}")
    words = category_column(frame, colour_by)
    codes = frame[AREA_CODE].tolist()
    common = {"type": "choropleth", "geojson": geojson, "featureidkey": "id",
              "marker": {"line": {"color": "#ffffff", "width": 0.6}}, "hoverinfo": "text",
              "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": OUTLINE}}}
    if colour_by == "continuous":
        valued = frame["value"].notna()
        traces = [{**common, "locations": [c for c, v in zip(codes, valued, strict=True) if not v],
                   "z": [0] * int((~valued).sum()),
                   "colorscale": [[0, NO_VALUE_COLOUR], [1, NO_VALUE_COLOUR]], "showscale": False,
                   "text": [t for t, v in zip(_hover(frame, words, unit, colour_by), valued,
                                              strict=True) if not v], "name": NO_VALUE},
                  {**common, "locations": frame.loc[valued, AREA_CODE].tolist(),
                   "z": figure_dict.values(frame.loc[valued, "value"]), "colorscale": CONTINUOUS_SCALE,
                   "colorbar": {"title": {"text": unit}, "thickness": 14, "len": 0.6},
                   "text": [t for t, v in zip(_hover(frame, words, unit, colour_by), valued,
                                              strict=True) if v], "name": "Value"}]
    else:
        # One trace, a stepped colour scale: the boundaries travel once, not once per colour.
        items = key_items(frame, colour_by)
        index = {word: i for i, (word, _colour, _n) in enumerate(items)}
        steps = []
        for i, (_word, colour, _n) in enumerate(items):
            steps += [[i / len(items), colour], [(i + 1) / len(items), colour]]
        traces = [{**common, "locations": codes, "z": [index[w] for w in words],
                   "zmin": -0.5, "zmax": len(items) - 0.5, "colorscale": steps or [[0, "#fff"],
                                                                                   [1, "#fff"]],
                   "showscale": False, "text": _hover(frame, words, unit, colour_by),
                   "name": "Areas"}]
    if highlight in set(codes):
        traces.append({**common, "locations": [highlight], "z": [0],
                       "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                       "showscale": False, "hoverinfo": "skip", "name": "Chosen area",
                       "marker": {"line": {"color": OUTLINE, "width": 3}}})
    geo = {"visible": False, "showframe": False, "projection": {"type": "mercator"},
           "bgcolor": "#ffffff"}
    if bounds:  # zoom to a region or a group: its box with a margin of a tenth
        west, south, east, north = bounds
        pad_x, pad_y = (east - west) * 0.1 + 0.05, (north - south) * 0.1 + 0.05
        geo.update(fitbounds=False, lonaxis={"range": [west - pad_x, east + pad_x]},
                   lataxis={"range": [south - pad_y, north + pad_y]})
    else:
        geo["fitbounds"] = "locations"
    layout = figure_dict.layout(title, "", geo=geo, height=640, margin={"l": 0, "r": 0, "b": 0},
                                showlegend=False, dragmode=False)
    return figure_dict.figure(traces, layout)
