"""Child deaths page wiring: area, year and view -> suppressed review tables -> chart, tables, CSV.

Counts arrive here already suppressed (`data.queries.child_deaths.published_review_tables`);
nothing in this module can see a hidden count.
"""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output

from callbacks import page_outputs, view_cache
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, area_options, pick
from data.downloads import derived_rows
from data.queries import child_deaths as queries
from layouts import ids
from layouts.figures.child_deaths import review_table_figure
from layouts.pages import child_deaths as page

DEFAULT_VIEW = "category"
HIDDEN_NOTE = "Hidden to protect confidentiality"


def render(context: AppContext, query: dict[str, str]):
    areas = area_options(context)
    years = queries.review_years(context.engine)
    periods = [{"label": year, "value": year} for year in reversed(years)]
    return page.layout(
        areas, periods, area=pick(query.get("area"), areas, DEFAULT_AREA),
        period=pick(query.get("period"), periods, None),
        view=pick(query.get("view"), page.view_options(), DEFAULT_VIEW),
        k=context.settings.small_count_max,
    )


def _tables(context: AppContext, area: str, period: str) -> pd.DataFrame:
    return queries.published_review_tables(context.engine, area, period,
                                           context.settings.small_count_max)


def download_frame(frame: pd.DataFrame, area: str, area_name: str, period: str
                   ) -> pd.DataFrame:
    """The published tables in the one download layout: hidden counts blank, with the same
    note for every one."""
    return derived_rows(pd.DataFrame({
        "Indicator Name": "Reviewed infant deaths: " + frame["title"], "Area Code": area,
        "Area Name": area_name, "Category Type": frame["title"], "Category": frame["category"],
        "Time period": period, "Count": frame["count"], "Value": frame["count"],
        "Value note": frame["hidden"].map({True: HIDDEN_NOTE, False: ""}), "Unit": "deaths",
    }))


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.CHILD_DEATHS_SUMMARY, "children"),
        Output(ids.CHILD_DEATHS_CHART, "figure"),
        Output(ids.CHILD_DEATHS_TABLES, "children"),
        Input(ids.CHILD_DEATHS_AREA, "value"),
        Input(ids.CHILD_DEATHS_PERIOD, "value"),
        Input(ids.CHILD_DEATHS_VIEW, "value"),
    )
    @view_cache.outputs
    def update(area: str | None, period: str | None, view: str | None):
        if not area or not period:
            return page_outputs.unchanged(3)
        view = view if view in page.VIEWS else DEFAULT_VIEW
        years = queries.review_years(context.engine)
        if period not in years:  # e.g. a hand-edited link
            return page.no_year(period, years), {}, None
        names = {o["value"]: o["label"] for o in area_options(context)}
        name = names.get(area, area)
        frame = _tables(context, area, period)
        if frame.empty:
            return page.no_records(name), {}, None
        figure = review_table_figure(
            page.chart_cells(frame, view),
            title=f"Reviewed infant deaths, {page.VIEWS[view].lower()}: {name}, {period}")
        return page.summary(name, period, frame), figure, page.review_tables(frame)

    def csv_file(area: str, period: str):
        if period not in queries.review_years(context.engine):
            return None
        names = {o["value"]: o["label"] for o in area_options(context)}
        frame = download_frame(_tables(context, area, period), area, names.get(area, area), period)
        name = f"child_death_reviews_{area}_{period.replace('/', '-')}.csv"
        return frame, name

    page_outputs.csv_button(app, ids.CHILD_DEATHS_DOWNLOAD_BUTTON, ids.CHILD_DEATHS_DOWNLOAD,
                            [ids.CHILD_DEATHS_AREA, ids.CHILD_DEATHS_PERIOD], csv_file)
