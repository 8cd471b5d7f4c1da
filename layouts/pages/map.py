"""The map page: a choropleth of one period's values for counties and UAs or districts,
coloured by comparison with England, by quintile or continuously, with the colours' key in
words, the chosen area outlined, a zoom to a region or to the area's statistical neighbours,
and the values in a table beneath."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.components import chart_graph, labelled_dropdown, radio_group, scroll_region
from layouts.skeleton import chart_page
from layouts.text_table import markdown_table

GEOGRAPHY_OPTIONS = [{"label": "Counties and unitary authorities", "value": "county_ua"},
                     {"label": "Districts", "value": "district"}]
COLOUR_OPTIONS = [{"label": "Compared with England", "value": "england"},
                  {"label": "Quintiles", "value": "quintiles"},
                  {"label": "Continuous scale", "value": "continuous"}]
NEIGHBOURS = "neighbours"
COLOUR_SENTENCES = {
    "england": "Each area is coloured by how its value compares with England's: the 95% "
               "confidence interval of the area's value against England's value, in "
               "Fingertips' words.",
    "quintiles": "Each area is coloured by the fifth of the areas shown its value falls in, "
                 "quintile 1 holding the lowest values; quintiles say nothing about "
                 "significance.",
    "continuous": "Darker blue is a higher value, on a scale from the lowest to the highest "
                  "area shown.",
}


# Plotly's geo traces fetch a base map (world_110m.json) before drawing; the dashboard
# serves its own (scripts/make_boundaries.py makes it), so a map draws with no internet.
TOPOJSON_URL = "/assets/topojson/"
MAP_HEIGHT = 640


def map_graph() -> html.Div:
    return chart_graph(ids.MAP_CHART, "map",
                       config={"topojsonURL": TOPOJSON_URL, "scrollZoom": False,
                               "modeBarButtonsToRemove": ["select2d", "lasso2d"]},
                       style={"height": f"{MAP_HEIGHT}px"})


def zoom_options(regions: list[dict]) -> list[dict]:
    return [{"label": "England", "value": "england"}, *regions,
            {"label": "The area and its statistical neighbours", "value": NEIGHBOURS}]


def layout(indicator_options: list[dict], area_options: list[dict], period_options: list[dict],
           region_options: list[dict], *, indicator: str | None, area: str | None,
           period: str | None, geography: str, colour: str, zoom: str,
           attribution: str) -> html.Div:
    """`attribution`: the boundaries' source and licence, shown under the map."""
    return chart_page(
        "Map",
        "One period's values for every local authority, coloured by how each compares "
        "with England, by quintile or on a continuous scale. The chosen area is outlined "
        "in black.",
        [dbc.Col(labelled_dropdown(ids.MAP_INDICATOR, "Indicator", indicator_options, indicator),
                 md=6),
         dbc.Col(labelled_dropdown(ids.MAP_AREA, "Area to outline", area_options, area), md=6),
         dbc.Col(labelled_dropdown(ids.MAP_PERIOD, "Period", period_options, period), md=3),
         dbc.Col(labelled_dropdown(ids.MAP_ZOOM, "Show", zoom_options(region_options), zoom),
                 md=3),
         dbc.Col(radio_group(ids.MAP_GEOGRAPHY, "Areas", GEOGRAPHY_OPTIONS, geography), md=6),
         dbc.Col(radio_group(ids.MAP_COLOUR, "Colour by", COLOUR_OPTIONS, colour), md=12)],
        summary_id=ids.MAP_SUMMARY,
        chart=[html.Div(id=ids.MAP_KEY, className="map-key"), map_graph()],
        between=[html.P(attribution + ".", className="small text-muted")],
        heading="Values", download=(ids.MAP_DOWNLOAD_BUTTON, ids.MAP_DOWNLOAD),
        table=scroll_region(html.Div(id=ids.MAP_TABLE), "Values table"))


def colour_key(items: list[tuple[str, str, int]], colour: str, unit: str,
               value_range: tuple[float, float] | None) -> html.Div:
    """What the colours say, in words: a list of swatches with their word and how many
    areas have it (the swatches are decoration)."""
    sentence = COLOUR_SENTENCES[colour]
    if colour == "continuous" and value_range is not None:
        sentence += f" Lowest {value_range[0]:.1f}, highest {value_range[1]:.1f} {unit}."
    entries = [html.Li([html.Span(className="map-swatch", style={"background": swatch},
                                  **{"aria-hidden": "true"}),
                        f"{word}: {count} area{'s' if count != 1 else ''}"])
               for word, swatch, count in items]
    return html.Div([html.P(sentence, className="mb-1"),
                     html.Ul(entries, className="list-inline map-key-list")])


def _number(value: float, digits: int = 1) -> str:
    return "" if pd.isna(value) else f"{value:,.{digits}f}"


def values_table(frame: pd.DataFrame, highlight: str | None):
    """Every area drawn, in name order: region, value, interval, count, denominator, the
    comparison with England and the quintile in words; the chosen area's row in bold."""
    headers = ["Area", "Region", "Value", "95% confidence interval", "Count", "Denominator",
               "Compared with England", "Quintile", "Note"]
    rows, chosen = [], set()
    for index, row in enumerate(frame.itertuples(index=False)):
        interval = ("" if pd.isna(row.lower95) or pd.isna(row.upper95)
                    else f"{row.lower95:.1f} to {row.upper95:.1f}")
        if row.area_code == highlight:
            chosen.add(index)
        rows.append([row.area_name, row.region_name if isinstance(row.region_name, str) else "",
                     _number(row.value), interval, _number(row.count, 0),
                     _number(row.denominator, 0),
                     row.compared_england if isinstance(row.compared_england, str) else "",
                     row.quintile if isinstance(row.quintile, str) else "",
                     row.value_note if isinstance(row.value_note, str) else ""])
    return markdown_table(headers, rows, strong_rows=chosen, component_id=f"{ids.MAP_TABLE}-rows")
