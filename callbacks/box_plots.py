"""Box plots wiring: indicator, area and area type -> the percentiles of every period ->
chart, sentence, table, CSV."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output

from callbacks import page_outputs, view_cache
from callbacks.context import AppContext
from callbacks.map import area_options
from callbacks.options import DEFAULT_AREA, DEFAULT_INDICATOR, indicator_options, pick, resolve_indicator
from data import queries
from data.queries.box_plots import AREA_TYPES, ENGLAND, type_values
from indicators.names import AREA_CODE, AREA_NAME, PERIOD_LABEL
from indicators.stats.spread import box_statistics
from layouts import ids
from layouts.figures.box_plots import box_figure
from layouts.pages import box_plots as page


def render(context: AppContext, query: dict[str, str]):
    indicators, areas = indicator_options(context), area_options(context)
    return page.layout(
        indicators, areas,
        indicator=resolve_indicator(query.get("indicator"), indicators, DEFAULT_INDICATOR),
        area=pick(query.get("area"), areas, DEFAULT_AREA),
        geography=query.get("geography") if query.get("geography") in AREA_TYPES else "county_ua")


def percentiles(context: AppContext, indicator: str, area: str, geography: str) -> pd.DataFrame:
    """One row per period: the spread of the type's areas, the area's and England's value."""
    values = type_values(context.engine, indicator, geography)
    areas = values[values[AREA_CODE] != ENGLAND]
    stats = box_statistics(areas["value"], areas[PERIOD_LABEL]).rename(
        columns={"group": PERIOD_LABEL})
    for code, column in ((area, "area"), (ENGLAND, "england")):
        own = values[values[AREA_CODE] == code].set_index(PERIOD_LABEL)["value"]
        stats[column] = stats[PERIOD_LABEL].map(own)
    return stats


def register(app: Dash, context: AppContext) -> None:

    @app.callback(
        Output(ids.BOX_CHART, "figure"),
        Output(ids.BOX_SUMMARY, "children"),
        Output(ids.BOX_TABLE, "children"),
        Input(ids.BOX_INDICATOR, "value"),
        Input(ids.BOX_AREA, "value"),
        Input(ids.BOX_TYPE, "value"),
    )
    @view_cache.outputs
    def update(indicator, area, geography):
        indicator = resolve_indicator(indicator, indicator_options(context), None)
        if not indicator or not area or geography not in AREA_TYPES:
            return page_outputs.unchanged(3)
        stats = percentiles(context, indicator, area, geography)
        if stats.empty:
            return {}, "There are no values for these areas yet.", None
        meta = queries.indicator_choices(context.engine).set_index("id")["meta"].get(indicator, {})
        name = queries.areas(context.engine).set_index(AREA_CODE)[AREA_NAME].get(area, area)
        figure = box_figure(stats, stats.rename(columns={"area": "value"}),
                            stats.rename(columns={"england": "value"}), area_name=name,
                            title=f"{meta.get('name', indicator)}: spread of the areas",
                            y_title=meta.get("unit", ""))
        latest = stats.iloc[-1]
        text = (f"{meta.get('name', indicator)}, {latest['period_label']}: across "
                f"{int(latest['count'])} areas the median is {latest['median']:.1f}, the middle "
                f"half from {latest['p25']:.1f} to {latest['p75']:.1f}.")
        if pd.notna(latest["area"]):
            place = ("above the 75th percentile" if latest["area"] > latest["p75"] else
                     "below the 25th percentile" if latest["area"] < latest["p25"] else
                     "within the middle half")
            text += f" {name}: {latest['area']:.1f}, {place}."
        return figure, text, page.stats_table(stats)

    def csv_file(indicator, area, geography):
        indicator = resolve_indicator(indicator, indicator_options(context), None)
        if not indicator or geography not in AREA_TYPES:
            return None
        frame = (percentiles(context, indicator, area, geography)
                 .assign(indicator_id=indicator, area_code=area))
        return frame, f"box_plots_{indicator}_{geography}.csv"

    page_outputs.csv_button(app, ids.BOX_DOWNLOAD_BUTTON, ids.BOX_DOWNLOAD,
                            [ids.BOX_INDICATOR, ids.BOX_AREA, ids.BOX_TYPE], csv_file)
