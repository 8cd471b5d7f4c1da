"""Compare-areas page wiring: selection -> peer values and benchmark -> ranked or funnel chart,
sentence, table, CSV."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from dash import Dash, Input, Output, State, html

from callbacks import page_outputs, view_cache
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, DEFAULT_INDICATOR, indicator_options, offer_periods, pick
from data import queries
from data.downloads import indicator_download
from data.queries import compare as compare_queries
from data.queries import neighbours as neighbour_queries
from indicators.names import AREA_CODE, AREA_NAME, AREA_TYPE
from layouts import ids
from layouts.figures.funnel import funnel_figure
from layouts.figures.ranked import rank_areas, ranked_figure
from layouts.pages import compare as page

VIEWS = ("ranked", "funnel")
AREA_SETS = ("all", "neighbours")


def area_options(context: AppContext) -> list[dict]:
    """The areas that can be ranked (counties and unitary authorities), by name."""
    frame = queries.areas(context.engine)
    frame = frame[frame[AREA_TYPE] == compare_queries.PEER_TYPE].sort_values(AREA_NAME)
    return [{"label": r.area_name, "value": r.area_code} for r in frame.itertuples(index=False)]


def period_options(context: AppContext, indicator: str | None) -> list[dict]:
    if not indicator:
        return []
    periods = compare_queries.indicator_periods(context.engine, indicator)
    return [{"label": p, "value": p} for p in periods]


def render(context: AppContext, query: dict[str, str]):
    indicators, areas = indicator_options(context), area_options(context)
    indicator = pick(query.get("indicator"), indicators, DEFAULT_INDICATOR)
    periods = period_options(context, indicator)
    return page.layout(
        indicators, areas, periods,
        indicator=indicator,
        area=pick(query.get("area"), areas, DEFAULT_AREA),
        period=pick(query.get("period"), periods, None),  # newest first: default latest
        benchmark=query.get("benchmark") if query.get("benchmark") in ("england", "region")
        else "england",
        view=query.get("view") if query.get("view") in VIEWS else "ranked",
        areas=query.get("areas") if query.get("areas") in AREA_SETS else "all",
    )


@dataclass(frozen=True)
class Selection:
    ranked: pd.DataFrame  # peers, highest value first
    comparison_column: str
    benchmark_name: str
    benchmark_value: float | None
    meta: dict
    period: str
    benchmark_source: str | None = None
    benchmark_code: str | None = None


def selection(context: AppContext, indicator: str, area: str, period: str | None,
              benchmark: str, area_set: str = "all") -> Selection | None:
    """The peer areas' values for the period (the latest when `period` is not offered);
    `area_set` "neighbours": the area and its statistical neighbours instead of every area
    of England or of the region (still compared with England or the region)."""
    periods = compare_queries.indicator_periods(context.engine, indicator)
    if not periods:
        return None
    period = period if period in periods else periods[0]
    areas = queries.areas(context.engine)
    peers = compare_queries.peer_set(areas, area, benchmark if benchmark == "region" else "england")
    if area_set == "neighbours":
        group = neighbour_queries.neighbours(context.engine, area)[AREA_CODE]
        peers = replace(peers, codes=(area, *group))
    values = compare_queries.period_values(context.engine, indicator, period,
                                           (*peers.codes, peers.benchmark_code))
    is_benchmark = values[AREA_CODE] == peers.benchmark_code
    benchmark_value = values.loc[is_benchmark, "value"].iloc[0] if is_benchmark.any() else None
    benchmark_source = values.loc[is_benchmark, "source"].iloc[0] if is_benchmark.any() else None
    names = areas.set_index(AREA_CODE)[AREA_NAME]
    meta = queries.indicator_choices(context.engine).set_index("id")["meta"].get(indicator, {})
    return Selection(rank_areas(values[~is_benchmark]), peers.comparison_column,
                     names.get(peers.benchmark_code, "England"), benchmark_value, meta, period,
                     benchmark_source, peers.benchmark_code)


def funnel_parts(chosen: Selection) -> tuple[pd.Series, pd.DataFrame] | str:
    """Significance per ranked row and the limit lines, or the reason there is no funnel."""
    meta = chosen.meta
    if meta.get("value_type") not in ("Crude rate", "Proportion"):
        return "A funnel plot needs a rate or a proportion with a denominator."
    if chosen.benchmark_value is None or pd.isna(chosen.benchmark_value):
        return f"{chosen.benchmark_name} has no value for {chosen.period}, so there is no funnel."
    args = (chosen.ranked, chosen.benchmark_value, meta["value_type"], meta["multiplier"])
    return compare_queries.funnel_points(*args), compare_queries.funnel_lines(*args)


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.COMPARE_PERIOD, "options"),
        Input(ids.COMPARE_INDICATOR, "value"),
        State(ids.COMPARE_PERIOD, "value"),
        prevent_initial_call=True,
    )
    def periods_for_indicator(indicator: str | None, period: str | None):
        return offer_periods(ids.COMPARE_PERIOD, period, period_options(context, indicator))

    @app.callback(
        Output(ids.COMPARE_CHART, "figure"),
        Output(ids.COMPARE_SUMMARY, "children"),
        Output(ids.COMPARE_TABLE, "children"),
        Input(ids.COMPARE_INDICATOR, "value"),
        Input(ids.COMPARE_AREA, "value"),
        Input(ids.COMPARE_PERIOD, "value"),
        Input(ids.COMPARE_BENCHMARK, "value"),
        Input(ids.COMPARE_VIEW, "value"),
        Input(ids.COMPARE_AREAS, "value"),
    )
    @view_cache.outputs
    def update(indicator, area, period, benchmark, view, area_set):
        if not indicator or not area:
            return page_outputs.unchanged(3)
        chosen = selection(context, indicator, area, period, benchmark, area_set)
        if chosen is None:
            return {}, "There are no values for this indicator yet.", None
        meta, name = chosen.meta, chosen.meta.get("name", indicator)
        common = {"comparison_column": chosen.comparison_column, "highlight": area,
                  "benchmark_name": chosen.benchmark_name}
        sentence = page.summary_sentence(chosen.ranked, benchmark_value=chosen.benchmark_value,
                                         meta=meta, period=chosen.period, **common)
        sentence = page.with_sources(sentence, chosen.ranked, area, chosen.benchmark_name,
                                     chosen.benchmark_source)
        title = f"{name}, {chosen.period}"
        if view == "funnel":
            parts = funnel_parts(chosen)
            if isinstance(parts, str):
                return {}, [sentence, html.Br(), parts], page.values_table(chosen.ranked, **common)
            significance, lines = parts
            points = chosen.ranked.assign(significance=significance)
            figure = funnel_figure(
                points, lines, highlight=area, polarity=meta.get("polarity", ""),
                benchmark_name=chosen.benchmark_name, benchmark_value=chosen.benchmark_value,
                title=title, x_title="Denominator", y_title=meta.get("unit", ""))
            table = page.values_table(chosen.ranked, significance=significance, **common)
            return figure, sentence, table
        figure = ranked_figure(chosen.ranked, benchmark_value=chosen.benchmark_value,
                               title=title, x_title=meta.get("unit", ""), **common)
        return figure, sentence, page.values_table(chosen.ranked, **common)

    def csv_file(indicator, area, period, benchmark, area_set):
        chosen = selection(context, indicator, area, period, benchmark, area_set)
        if chosen is None:
            return None
        # The ranked areas and their benchmark for the period, in the one download layout.
        codes = [*chosen.ranked[AREA_CODE], *filter(None, [chosen.benchmark_code])]
        frame = indicator_download(context.engine, indicator, codes, [chosen.period],
                                   category_type="")
        period = page_outputs.file_part(chosen.period)
        return frame, f"compare_{indicator}_{period}.csv"

    page_outputs.csv_button(app, ids.COMPARE_DOWNLOAD_BUTTON, ids.COMPARE_DOWNLOAD,
                            [ids.COMPARE_INDICATOR, ids.COMPARE_AREA, ids.COMPARE_PERIOD,
                             ids.COMPARE_BENCHMARK, ids.COMPARE_AREAS], csv_file)
