"""Trends page wiring: selection -> stored values -> chart, sentence, table, CSV."""

from __future__ import annotations

from dash import Dash, Input, Output, html

from callbacks import page_outputs, view_cache
from callbacks.context import AppContext
from callbacks.options import (
    DEFAULT_AREA,
    DEFAULT_INDICATOR,
    area_options,
    indicator_options,
    pick,
)
from data import queries
from data.downloads import indicator_download
from data.queries import neighbours as neighbour_queries
from data.queries.area_chain import comparator_chain
from indicators.names import AREA_CODE, AREA_NAME, ENGLAND
from indicators.source_words import with_source
from layouts import ids, theme
from layouts.figures.trend import trend_figure
from layouts.pages import trends as page
from layouts.pages.trends import values_table
from layouts.text import trend_summary


def render(context: AppContext, query: dict[str, str]):
    areas, indicators = area_options(context), indicator_options(context)
    return page.layout(
        areas, indicators,
        area=pick(query.get("area"), areas, DEFAULT_AREA),
        indicator=pick(query.get("indicator"), indicators, DEFAULT_INDICATOR),
    )


def selection_frames(context: AppContext, indicator: str, area: str):
    """The area's series and its comparators (region, England), plus names and metadata."""
    stored = queries.areas(context.engine)
    chain = comparator_chain(stored, area)
    areas = stored.set_index(AREA_CODE)
    values = with_source(queries.indicator_values(context.engine, indicator, chain))
    frames = {code: values[values[AREA_CODE] == code].reset_index(drop=True) for code in chain}
    names = {code: areas[AREA_NAME].get(code, code) for code in chain}
    meta = queries.indicator_choices(context.engine).set_index("id")["meta"].get(indicator, {})
    return chain, frames, names, meta


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.TRENDS_CHART, "figure"),
        Output(ids.TRENDS_SUMMARY, "children"),
        Output(ids.TRENDS_TABLE, "children"),
        Input(ids.TRENDS_INDICATOR, "value"),
        Input(ids.TRENDS_AREA, "value"),
    )
    @view_cache.outputs
    def update(indicator: str | None, area: str | None):
        if not indicator or not area:
            return page_outputs.unchanged(3)
        chain, frames, names, meta = selection_frames(context, indicator, area)
        comparators = [
            (names[c], frames[c], theme.ENGLAND_COLOUR if c == ENGLAND else theme.REGION_COLOUR)
            for c in chain[1:]
        ]
        average = neighbour_queries.neighbours_average(context.engine, indicator, area)
        if average["value"].notna().any():
            comparators.append((neighbour_queries.NEIGHBOURS_AVERAGE, average,
                                theme.NEIGHBOURS_COLOUR))
        target = (meta.get("target") or {}).get("value")
        unit = meta.get("unit", "")
        places = page.value_places(meta)
        figure = trend_figure(
            frames[area], comparators, area_name=names[area],
            title=f"{meta.get('name', indicator)}: {names[area]}", y_title=unit, target=target,
            places=places,
        )
        region = next((c for c in chain[1:] if c != ENGLAND), None)
        region_frame = frames.get(region) if region else None
        region_name = names.get(region, "Region")
        sentences = trend_summary(frames[area], names[area], meta, frames.get(ENGLAND),
                                  region_frame, region_name)
        summary = [html.P(text, className="trend-headline" if not n else "mb-1")
                   for n, text in enumerate(sentences)]
        table = values_table(frames[area], region=region_frame,
                             region_name=region_name, england=frames.get(ENGLAND),
                             places=places)
        if not average.empty:
            summary.append(html.P(page.neighbours_note(average), className="small mb-1"))
        sources = page.sources_note([(names[c], frames[c]) for c in chain])
        if sources:
            summary.append(html.P(sources, className="small mb-1 trends-sources"))
        return figure, summary, table

    def csv_file(indicator: str, area: str):
        # Every period and breakdown of the areas shown, in the one download layout.
        chain, _frames, _names, _meta = selection_frames(context, indicator, area)
        frame = indicator_download(context.engine, indicator, chain)
        return frame, f"{indicator}_{area}.csv"

    page_outputs.csv_button(app, ids.TRENDS_DOWNLOAD_BUTTON, ids.TRENDS_DOWNLOAD,
                            [ids.TRENDS_INDICATOR, ids.TRENDS_AREA], csv_file)
