"""Small multiples wiring: indicator, area, area set and order -> every area's series ->
one panel each, sentence, table of latest values, CSV."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output

from callbacks import page_outputs, view_cache
from callbacks.compare import area_options
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, DEFAULT_INDICATOR, indicator_options, pick, resolve_indicator
from data import queries
from data.queries.all_areas import AREA_SETS, ENGLAND, area_set
from data.queries.neighbours import shipped_names
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    COMPARED_ENGLAND,
    LOWER95,
    PERIOD_LABEL,
    PERIOD_SORTABLE,
    UPPER95,
    VALUE_NOTE,
)
from indicators.stats.compare import base_word
from layouts import ids
from layouts.figures.small_multiples import multiples_figure
from layouts.pages import small_multiples as page

SORTS = ("name", "value")


def render(context: AppContext, query: dict[str, str]):
    indicators, areas = indicator_options(context), area_options(context)
    return page.layout(
        indicators, areas,
        indicator=resolve_indicator(query.get("indicator"), indicators, DEFAULT_INDICATOR),
        area=pick(query.get("area"), areas, DEFAULT_AREA),
        area_set=query.get("areas") if query.get("areas") in AREA_SETS else "region",
        sort=query.get("sort") if query.get("sort") in SORTS else "name")


def series(context: AppContext, indicator: str, area: str, which: str):
    """(every area's series, England's, the latest row per area in the chosen order)."""
    codes, _region = area_set(context.engine, area, which)
    values = queries.indicator_values(context.engine, indicator, tuple([*codes, ENGLAND]))
    values = values.astype({"value": "float64"})
    names = {**shipped_names(), **dict(zip(queries.areas(context.engine)[AREA_CODE],
                                           queries.areas(context.engine)[AREA_NAME],
                                           strict=True))}
    own = values[values[AREA_CODE] != ENGLAND]
    latest = (own.sort_values([PERIOD_SORTABLE, "year_range"]).groupby(AREA_CODE).tail(1)
              .set_index(AREA_CODE).reindex(codes).reset_index())
    latest[AREA_NAME] = [names.get(c, c) for c in latest[AREA_CODE]]
    return own, values[values[AREA_CODE] == ENGLAND], latest, names


def ordered(latest: pd.DataFrame, sort: str) -> pd.DataFrame:
    if sort == "value":
        return latest.sort_values(["value", AREA_NAME], ascending=[False, True],
                                  na_position="last", kind="stable")
    return latest.sort_values(AREA_NAME, kind="stable")


def register(app: Dash, context: AppContext) -> None:

    @app.callback(
        Output(ids.MULTIPLES_CHART, "figure"),
        Output(ids.MULTIPLES_SUMMARY, "children"),
        Output(ids.MULTIPLES_TABLE, "children"),
        Input(ids.MULTIPLES_INDICATOR, "value"),
        Input(ids.MULTIPLES_AREA, "value"),
        Input(ids.MULTIPLES_SET, "value"),
        Input(ids.MULTIPLES_SORT, "value"),
    )
    @view_cache.outputs
    def update(indicator, area, which, sort):
        indicator = resolve_indicator(indicator, indicator_options(context), None)
        if not indicator or not area or which not in AREA_SETS:
            return page_outputs.unchanged(3)
        own, england, latest, names = series(context, indicator, area, which)
        latest = ordered(latest, sort if sort in SORTS else "name")
        meta = queries.indicator_choices(context.engine).set_index("id")["meta"].get(indicator, {})
        figure = multiples_figure(own, england, latest[AREA_CODE].tolist(), names,
                                  highlight=area, title=meta.get("name", indicator),
                                  unit=meta.get("unit", ""))
        words = latest[COMPARED_ENGLAND].map(base_word)
        counts = ", ".join(f"{n} {w.lower()}" for w, n in words.value_counts().items())
        text = (f"{len(latest)} areas, {int(latest['value'].notna().sum())} with a value; "
                f"latest period compared with England: {counts}.")
        return figure, text, page.latest_table(latest, area)

    def csv_file(indicator, area, which):
        indicator = resolve_indicator(indicator, indicator_options(context), None)
        if not indicator or which not in AREA_SETS:
            return None
        own, _england, _latest, names = series(context, indicator, area, which)
        frame = own[[AREA_CODE, PERIOD_LABEL, "count", "denominator", "value", LOWER95,
                     UPPER95, COMPARED_ENGLAND, VALUE_NOTE]]
        frame = frame.assign(area_name=frame[AREA_CODE].map(names))
        return frame, f"small_multiples_{indicator}_{area}.csv"

    page_outputs.csv_button(app, ids.MULTIPLES_DOWNLOAD_BUTTON, ids.MULTIPLES_DOWNLOAD,
                            [ids.MULTIPLES_INDICATOR, ids.MULTIPLES_AREA, ids.MULTIPLES_SET], csv_file)
