"""The box plots page: an indicator's spread across the areas of a type, period by period,
with the chosen area and England marked, and the percentiles in a table."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from indicators.names import PERIOD_LABEL
from layouts import ids
from layouts.components import chart_graph, labelled_dropdown, radio_group, scroll_region
from layouts.pages.map import GEOGRAPHY_OPTIONS
from layouts.skeleton import chart_page
from layouts.text_table import markdown_table

HEADERS = {PERIOD_LABEL: "Period", "count": "Areas", "minimum": "Lowest", "p5": "5th",
           "p25": "25th", "median": "Median", "p75": "75th", "p95": "95th",
           "maximum": "Highest", "area": "Chosen area", "england": "England"}


def layout(indicator_options: list[dict], area_options: list[dict], *, indicator: str | None,
           area: str | None, geography: str) -> html.Div:
    return chart_page(
        "Box plots",
        "How the areas' values spread, period by period: the box holds the middle half "
        "of the areas (25th to 75th percentile) with the median across it, the whiskers "
        "reach the 5th and 95th percentiles, and ticks mark the lowest and highest "
        "area. The chosen area is the blue line, England the black diamonds.",
        [dbc.Col(labelled_dropdown(ids.BOX_INDICATOR, "Indicator", indicator_options, indicator),
                 md=6),
         dbc.Col(labelled_dropdown(ids.BOX_AREA, "Area", area_options, area), md=6),
         dbc.Col(radio_group(ids.BOX_TYPE, "Areas", GEOGRAPHY_OPTIONS, geography), md=6)],
        summary_id=ids.BOX_SUMMARY, chart=chart_graph(ids.BOX_CHART, "box-plots"),
        heading="Percentiles", download=(ids.BOX_DOWNLOAD_BUTTON, ids.BOX_DOWNLOAD),
        table=scroll_region(html.Div(id=ids.BOX_TABLE), "Percentiles table"))


def stats_table(table: pd.DataFrame):
    rows = [[r[PERIOD_LABEL], str(int(r["count"])),
             *("" if pd.isna(r[c]) else f"{r[c]:.1f}" for c in list(HEADERS)[2:])]
            for _i, r in table.iterrows()]
    return markdown_table(list(HEADERS.values()), rows, component_id=f"{ids.BOX_TABLE}-rows")
