"""Overview page wiring: area -> stored latest values -> sentences, tables, spine chart,
and the two downloads (the table as CSV, the board pack as one HTML file)."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, dcc, no_update

from callbacks import memo
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, area_options, pick
from data import queries
from data.downloads import combined, indicator_download
from data.export import csv_text
from data.queries.overview import ENGLAND, AreaChain, area_chain, overview_values
from data.queries.scorecard import plans_for_area, scorecard
from layouts import ids, theme
from layouts.board_pack import board_pack_html, figure_png
from layouts.figures.spine import spine_figure
from layouts.figures.trend import trend_figure
from layouts.overview_text import exceptions_first
from layouts.pages import overview as page
from layouts.scorecard_html import scorecard_html

PATH = "/"


def render(context: AppContext, query: dict[str, str]):
    areas = area_options(context)
    return page.layout(areas, area=pick(query.get("area"), areas, DEFAULT_AREA))


def summary(context: AppContext, area: str) -> tuple[AreaChain, pd.DataFrame]:
    """The area and its indicators' latest rows, exceptions first."""
    chain = area_chain(context.engine, area)
    return chain, exceptions_first(overview_values(context.engine, chain))


def exception_trends(context: AppContext, chain: AreaChain, frame: pd.DataFrame):
    """(indicator name, trend figure) for each indicator that needs attention."""
    codes = [c for c in (chain.code, chain.region_code, ENGLAND) if c]
    codes = list(dict.fromkeys(codes))
    names = {chain.code: chain.name, chain.region_code: chain.region_name, ENGLAND: "England"}
    figures = []
    for row in frame[frame["exception"]].to_dict("records"):
        values = queries.indicator_values(context.engine, row["indicator_id"], codes)
        series = {code: values[values["area_code"] == code].reset_index(drop=True) for code in codes}
        comparators = [(names[c], series[c],
                        theme.ENGLAND_COLOUR if c == ENGLAND else theme.REGION_COLOUR)
                       for c in codes[1:]]
        target = row.get("target_value")
        figure = trend_figure(
            series[chain.code], comparators, area_name=chain.name,
            title=f"{row['indicator_name']}: {chain.name}", y_title=row.get("unit") or "",
            target=None if pd.isna(target) else float(target))
        figures.append((row["indicator_name"], figure))
    return figures


def overview_download(context: AppContext, chain: AreaChain, frame: pd.DataFrame
                      ) -> pd.DataFrame:
    """Each indicator's row for the area in its latest period, with the region's and
    England's rows for that period, in the one download layout."""
    codes = list(dict.fromkeys(c for c in (chain.code, chain.region_code, ENGLAND) if c))
    return combined(*(indicator_download(context.engine, row["indicator_id"], codes,
                                         [row["period_label"]], category_type="")
                      for row in frame[["indicator_id", "period_label"]].to_dict("records")))


def _file_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "area"


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.OVERVIEW_CONTENT, "children"),
        Output(ids.OVERVIEW_SPINE, "figure"),
        Input(ids.OVERVIEW_AREA, "value"),
    )
    @memo.outputs(context)
    def update(area: str | None):
        if not area:
            return no_update, no_update
        try:
            chain, frame = summary(context, area)
        except KeyError:  # a hand-edited link naming an area the store does not have
            return page.unknown_area(area), go.Figure()
        figure = spine_figure(frame, chain.name, chain.peer_words)
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
        running=[(Output(ids.OVERVIEW_PACK_BUTTON, "disabled"), True, False),
                 (Output(ids.OVERVIEW_PACK_BUTTON, "children"), "Preparing board pack…",
                  "Download board pack (HTML)")],
    )
    def download_pack(_clicks, area: str):
        chain, frame = summary(context, area)
        # The figures are plain dicts; kaleido renders go.Figure objects.
        spine = go.Figure(spine_figure(frame, chain.name, chain.peer_words))
        trends = [(name, figure_png(go.Figure(figure), height=480))
                  for name, figure in exception_trends(context, chain, frame)]
        cards = [scorecard_html(scorecard(context.engine, plan))
                 for plan in plans_for_area(context.engine, chain.code)]
        html_text = board_pack_html(
            frame, chain.name, chain.region_name, figure_png(spine), trends,
            generated=datetime.now(), synthetic=queries.sample_data_in_use(context.engine),
            scorecards=cards)
        return {"content": html_text, "filename": f"board-pack-{_file_stem(chain.name)}.html",
                "type": "text/html"}
