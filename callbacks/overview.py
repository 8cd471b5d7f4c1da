"""Overview page wiring: area -> stored latest values -> sentences, tables, spine chart,
and the downloads (the table as CSV, the board pack as one HTML file or as PDF)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, dcc

from callbacks import board_pack, page_outputs, view_cache
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, area_options, pick
from data.downloads import combined, indicator_download
from data.export import csv_text
from data.queries.overview import AreaChain, area_chain, overview_values
from indicators.names import ENGLAND, INDICATOR_ID, PERIOD_LABEL
from layouts import ids
from layouts.figures.spine import spine_figure
from layouts.overview_text import exceptions_first
from layouts.pages import overview as page


def render(context: AppContext, query: dict[str, str]):
    areas = area_options(context)
    return page.layout(areas, area=pick(query.get("area"), areas, DEFAULT_AREA))


def summary(context: AppContext, area: str) -> tuple[AreaChain, pd.DataFrame]:
    """The area and its indicators' latest rows, exceptions first."""
    chain = area_chain(context.engine, area)
    return chain, exceptions_first(overview_values(context.engine, chain))


def overview_download(context: AppContext, chain: AreaChain, frame: pd.DataFrame
                      ) -> pd.DataFrame:
    """Each indicator's row for the area in its latest period, with the region's and
    England's rows for that period, in the one download layout."""
    codes = list(dict.fromkeys(c for c in (chain.code, chain.region_code, ENGLAND) if c))
    return combined(*(indicator_download(context.engine, row[INDICATOR_ID], codes,
                                         [row[PERIOD_LABEL]], category_type="")
                      for row in frame[[INDICATOR_ID, PERIOD_LABEL]].to_dict("records")))


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.OVERVIEW_CONTENT, "children"),
        Output(ids.OVERVIEW_SPINE, "figure"),
        Input(ids.OVERVIEW_AREA, "value"),
    )
    @view_cache.outputs
    def update(area: str | None):
        if not area:
            return page_outputs.unchanged(2)
        try:
            chain, frame = summary(context, area)
        except KeyError:  # a hand-edited link naming an area the store does not have
            return page.unknown_area(area), go.Figure()
        figure = spine_figure(frame, chain.name, chain.peer_words, chain.region_name)
        return page.content(frame, chain.name, chain.region_name), figure

    @app.callback(
        Output(ids.OVERVIEW_CSV_DOWNLOAD, "data"),
        Input(ids.OVERVIEW_CSV_BUTTON, "n_clicks"),
        State(ids.OVERVIEW_AREA, "value"),
        prevent_initial_call=True,
    )
    def download_csv(_clicks, area: str):
        chain, frame = summary(context, area)
        return dcc.send_string(csv_text(overview_download(context, chain, frame)),
                               f"overview_{area}.csv")

    @app.callback(
        Output(ids.OVERVIEW_PACK_DOWNLOAD, "data"),
        Input(ids.OVERVIEW_PACK_BUTTON, "n_clicks"),
        State(ids.OVERVIEW_AREA, "value"),
        prevent_initial_call=True,
        running=[(Output(ids.OVERVIEW_PACK_BUTTON, "disabled"), True, False)],
    )
    def download_pack(_clicks, area: str):
        chain, frame = summary(context, area)
        return {"content": board_pack.pack_html(context, chain, frame),
                "filename": f"{board_pack.file_stem(chain.name)}.html", "type": "text/html"}

    @app.callback(
        Output(ids.OVERVIEW_PDF_DOWNLOAD, "data"),
        Input(ids.OVERVIEW_PDF_BUTTON, "n_clicks"),
        State(ids.OVERVIEW_AREA, "value"),
        prevent_initial_call=True,
        running=[(Output(ids.OVERVIEW_PDF_BUTTON, "disabled"), True, False)],
    )
    def download_pdf(_clicks, area: str):
        chain, frame = summary(context, area)
        return dcc.send_bytes(board_pack.pack_pdf(context, chain, frame),
                              f"{board_pack.file_stem(chain.name)}.pdf")
