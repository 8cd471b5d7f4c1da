"""The compare-indicators page: two indicators across the counties and UAs as a scatter with
a least-squares line and R-squared, the area and its region's areas marked, a table, CSV."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.components import chart_graph, labelled_dropdown, scroll_region
from layouts.skeleton import chart_page
from layouts.text_table import markdown_table


def layout(indicator_options: list[dict], area_options: list[dict], period_options: list[dict],
           *, x: str | None, y: str | None, area: str | None, period: str | None) -> html.Div:
    return chart_page(
        "Compare indicators",
        "Two indicators across the counties and unitary authorities of England: one "
        "point per area, the least-squares line through them and how much of the "
        "spread it explains (R²). Association is not cause.",
        [dbc.Col(labelled_dropdown(ids.SCATTER_X, "Indicator across (x)", indicator_options, x),
                 md=6),
         dbc.Col(labelled_dropdown(ids.SCATTER_Y, "Indicator up (y)", indicator_options, y), md=6),
         dbc.Col(labelled_dropdown(ids.SCATTER_AREA, "Area to highlight", area_options, area),
                 md=6),
         dbc.Col(labelled_dropdown(ids.SCATTER_PERIOD, "Period both have", period_options,
                                   period), md=6)],
        summary_id=ids.SCATTER_SUMMARY, chart=chart_graph(ids.SCATTER_CHART, "compare-indicators"),
        heading="Values", download=(ids.SCATTER_DOWNLOAD_BUTTON, ids.SCATTER_DOWNLOAD),
        table=scroll_region(html.Div(id=ids.SCATTER_TABLE), "Values table"))


def values_table(frame: pd.DataFrame, x_name: str, y_name: str, highlight: str | None):
    rows, chosen = [], set()
    for index, r in enumerate(frame.itertuples(index=False)):
        if r.area_code == highlight:
            chosen.add(index)
        rows.append([r.area_name, "" if pd.isna(r.x) else f"{r.x:.1f}",
                     "" if pd.isna(r.y) else f"{r.y:.1f}"])
    return markdown_table(["Area", x_name, y_name], rows, strong_rows=chosen,
                          component_id=f"{ids.SCATTER_TABLE}-rows")
