"""The all-areas overview (Fingertips' Overview tab): indicators down, areas across (the
chosen area first, then its region's areas or its statistical neighbours, then the region
and England), each cell the value and its comparison with England in words and colour."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from indicators.names import AREA_CODE, AREA_NAME, INDICATOR_ID
from indicators.stats.compare import base_word
from layouts import ids, theme
from layouts.components import labelled_dropdown, radio_group, scroll_region
from layouts.skeleton import chart_page

SET_OPTIONS = [{"label": "The area's region", "value": "region"},
               {"label": "The area and its statistical neighbours", "value": "neighbours"}]
NAME_SORT = "name"
# Text on each comparison colour with at least 4.5:1 contrast (WCAG 1.4.3).
TEXT_ON = {"Better": "#ffffff", "Worse": "#ffffff", "Higher": "#ffffff", "Similar": "#0b0c0c",
           "Lower": "#0b0c0c", "Not compared": "#0b0c0c"}


def sort_options(indicators: list[dict]) -> list[dict]:
    return [{"label": "Areas A to Z", "value": NAME_SORT},
            *({"label": f"Highest first: {o['label']}", "value": o["value"]} for o in indicators)]


def layout(area_options: list[dict], indicator_options: list[dict], *, area: str | None,
           area_set: str, sort: str) -> html.Div:
    return chart_page(
        "All areas",
        "Every indicator's latest value for the chosen area beside the other areas of "
        "its region (or its statistical neighbours), its region and England. Each cell "
        "gives the value and how it compares with England: Better, Similar or Worse "
        "(or Higher, Lower where no judgement is made), a 95% confidence interval test; "
        "the colour repeats the word.",
        [dbc.Col(labelled_dropdown(ids.ALL_AREAS_AREA, "Area", area_options, area), md=4),
         dbc.Col(radio_group(ids.ALL_AREAS_SET, "Areas beside it", SET_OPTIONS, area_set), md=4),
         dbc.Col(labelled_dropdown(ids.ALL_AREAS_SORT, "Order of the other areas",
                                   sort_options(indicator_options), sort), md=4)],
        summary_id=ids.ALL_AREAS_SUMMARY, chart=None,
        heading="Indicators by area",
        download=(ids.ALL_AREAS_DOWNLOAD_BUTTON, ids.ALL_AREAS_DOWNLOAD),
        table=scroll_region(html.Div(id=ids.ALL_AREAS_TABLE),
                            "Indicators by area (scrolls sideways on narrow screens)"))


def column_order(frame: pd.DataFrame, sort: str) -> list[str]:
    """The chosen area, the others by name or by the chosen indicator's value (highest
    first, no value last), then the region and England."""
    areas = frame.drop_duplicates(AREA_CODE)[[AREA_CODE, AREA_NAME, "role"]]
    peers = areas[areas["role"] == "peer"]
    if sort != NAME_SORT and sort in set(frame[INDICATOR_ID]):
        values = frame[frame[INDICATOR_ID] == sort].set_index(AREA_CODE)["value"]
        peers = peers.assign(value=peers[AREA_CODE].map(values)).sort_values(
            ["value", AREA_NAME], ascending=[False, True], na_position="last", kind="stable")
    else:
        peers = peers.sort_values(AREA_NAME, kind="stable")
    order = [*areas.loc[areas["role"] == "area", AREA_CODE], *peers[AREA_CODE]]
    return order + [*areas.loc[areas["role"].isin(["region", "england"]), AREA_CODE]]


def _cell(row) -> html.Td:
    if pd.isna(row.value):
        return html.Td("No value", className="rug-cell rug-missing")
    if row.role in ("region", "england"):
        return html.Td(f"{row.value:.1f}", className="rug-cell rug-benchmark")
    word = row.compared_england if isinstance(row.compared_england, str) else "Not compared"
    base = base_word(word)
    return html.Td(f"{row.value:.1f}\n{word}", className="rug-cell", style={
        "background": theme.COMPARISON_COLOURS[base], "color": TEXT_ON[base]})


def rug_table(frame: pd.DataFrame, sort: str) -> html.Table:
    """A real table: area names as column headers, indicators as row headers."""
    order = column_order(frame, sort)
    names = frame.drop_duplicates(AREA_CODE).set_index(AREA_CODE)[AREA_NAME]
    head = html.Thead(html.Tr([html.Th("Indicator (period)", scope="col"),
                               *(html.Th(names[c], scope="col") for c in order)]))
    body = []
    for _indicator, part in frame.groupby(INDICATOR_ID, sort=False):
        cells = part.set_index(AREA_CODE).loc[order].reset_index()
        first = part.iloc[0]
        body.append(html.Tr([
            html.Th(f"{first['indicator_name']} ({first['period_label']}, {first['unit']})",
                    scope="row"),
            *(_cell(row) for row in cells.itertuples(index=False))]))
    return html.Table([html.Caption("Each area's value and its comparison with England"),
                       head, html.Tbody(body)], className="rug-table values-table",
                      id=f"{ids.ALL_AREAS_TABLE}-rows")
