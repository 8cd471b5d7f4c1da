"""Compare-indicators wiring: two indicators and an area -> paired values -> scatter with its
least-squares line, sentence, table, CSV."""

from __future__ import annotations

from dash import Dash, Input, Output, State

from callbacks import page_outputs, view_cache
from callbacks.compare import area_options
from callbacks.context import AppContext
from callbacks.options import (
    DEFAULT_AREA,
    DEFAULT_INDICATOR,
    indicator_options,
    offer_periods,
    pick,
    resolve_indicator,
)
from data import queries
from data.queries.scatter import common_periods, paired_values
from indicators.names import AREA_CODE, AREA_NAME, PARENT_CODE
from indicators.stats.regression import linear_fit
from layouts import ids
from layouts.figures.scatter import scatter_figure
from layouts.pages import compare_indicators as page

DEFAULT_Y = "smoking_delivery"


def period_options(context: AppContext, x: str | None, y: str | None) -> list[dict]:
    """The periods both indicators have, newest first (none when they share none)."""
    shared = common_periods(context.engine, x, y) if x and y else []
    return [{"label": p, "value": p} for p in shared]


def render(context: AppContext, query: dict[str, str]):
    indicators, areas = indicator_options(context), area_options(context)
    x = resolve_indicator(query.get("indicator"), indicators, DEFAULT_Y)
    y = resolve_indicator(query.get("indicator2"), indicators, DEFAULT_INDICATOR)
    periods = period_options(context, x, y)
    return page.layout(
        indicators, areas, periods, x=x, y=y, area=pick(query.get("area"), areas, DEFAULT_AREA),
        period=pick(query.get("period"), periods, None))


def summary(pairing, fit, x_name: str, y_name: str) -> str:
    when = (f"both {pairing.x_period}" if pairing.common else
            f"{x_name} {pairing.x_period} and {y_name} {pairing.y_period} (they share no period)")
    if fit is None:
        return f"{y_name} against {x_name}, {when}: too few areas with both values for a line."
    text = (f"{y_name} against {x_name}, {when}: {fit.n} areas with both values; the line "
            f"explains {fit.r_squared:.0%} of the spread (R² = {fit.r_squared:.2f}).")
    if not fit.meaningful:
        text += " With fewer than 10 areas, R² means little."
    return text


def register(app: Dash, context: AppContext) -> None:

    @app.callback(
        Output(ids.SCATTER_PERIOD, "options"),
        Input(ids.SCATTER_X, "value"),
        Input(ids.SCATTER_Y, "value"),
        State(ids.SCATTER_PERIOD, "value"),
        prevent_initial_call=True,
    )
    def periods_for_indicators(x, y, period):
        options = indicator_options(context)
        return offer_periods(ids.SCATTER_PERIOD, period, period_options(
            context, resolve_indicator(x, options, None), resolve_indicator(y, options, None)))

    @app.callback(
        Output(ids.SCATTER_CHART, "figure"),
        Output(ids.SCATTER_SUMMARY, "children"),
        Output(ids.SCATTER_TABLE, "children"),
        Input(ids.SCATTER_X, "value"),
        Input(ids.SCATTER_Y, "value"),
        Input(ids.SCATTER_AREA, "value"),
        Input(ids.SCATTER_PERIOD, "value"),
    )
    @view_cache.outputs
    def update(x, y, area, period):
        options = indicator_options(context)
        x, y = resolve_indicator(x, options, None), resolve_indicator(y, options, None)
        if not x or not y:
            return page_outputs.unchanged(3)
        pairing = paired_values(context.engine, x, y, period)
        if pairing is None:
            return {}, "One of the indicators has no values yet.", None
        meta = queries.indicator_choices(context.engine).set_index("id")["meta"]
        names = queries.areas(context.engine).set_index(AREA_CODE)
        region = names[PARENT_CODE].get(area)
        x_name, y_name = meta[x].get("name", x), meta[y].get("name", y)
        fit = linear_fit(pairing.frame["x"], pairing.frame["y"])
        figure = scatter_figure(
            pairing.frame, fit, highlight=area, region_code=region,
            region_name=names[AREA_NAME].get(region, "the region"),
            x_title=f"{x_name} ({meta[x].get('unit', '')})",
            y_title=f"{y_name} ({meta[y].get('unit', '')})", title=f"{y_name} and {x_name}")
        return (figure, summary(pairing, fit, x_name, y_name),
                page.values_table(pairing.frame, x_name, y_name, area))

    def csv_file(x, y, period):
        options = indicator_options(context)
        x, y = resolve_indicator(x, options, None), resolve_indicator(y, options, None)
        pairing = paired_values(context.engine, x, y, period) if x and y else None
        if pairing is None:
            return None
        frame = pairing.frame.assign(x_indicator=x, x_period=pairing.x_period,
                                     y_indicator=y, y_period=pairing.y_period)
        return frame, f"compare_indicators_{x}_{y}.csv"

    page_outputs.csv_button(app, ids.SCATTER_DOWNLOAD_BUTTON, ids.SCATTER_DOWNLOAD,
                            [ids.SCATTER_X, ids.SCATTER_Y, ids.SCATTER_PERIOD], csv_file)
