"""Inequalities page wiring: area and period -> rates by quintile -> chart, measures, the gap
over time, the breakdown by ethnic group, CSV."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output

from callbacks import page_outputs, view_cache
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, area_options, pick
from data.downloads import combined, derived_rows, indicator_download
from data.queries import inequalities as queries
from data.queries.ethnicity import CATEGORY_TYPE as ETHNIC_CATEGORY
from data.queries.ethnicity import ethnic_rates
from indicators.names import (
    AREA_NAME,
    ENGLAND,
    INDICATOR_ID,
    LOWER95,
    PERIOD_LABEL,
    PERIOD_SORTABLE,
    UPPER95,
)
from layouts import ids
from layouts.figures.gap import gap_figure
from layouts.figures.quintiles import group_figure, quintile_figure
from layouts.pages import inequalities as page
from layouts.pages import inequalities_ethnicity as ethnic_page

ALL_QUINTILES = "All five quintiles"


def _period_options(context: AppContext) -> list[dict]:
    periods = queries.quintile_periods(context.engine)
    return [{"label": page.period_option_label(r.period_label, r.year_range),
             "value": r.period_label} for r in periods.itertuples(index=False)]


def _area_options(context: AppContext) -> list[dict]:
    with_values = set(queries.quintile_area_codes(context.engine))
    return [o for o in area_options(context) if o["value"] in with_values]


def render(context: AppContext, query: dict[str, str]):
    areas, periods = _area_options(context), _period_options(context)
    return page.layout(areas, periods, area=pick(query.get("area"), areas, DEFAULT_AREA),
                       period=pick(query.get("period"), periods, None))


def selection(context: AppContext, area: str, period: str):
    """The quintile rows, the gap measures, the area's overall rate and its name."""
    quintiles = queries.quintile_values(context.engine, area, period)
    names = {o["value"]: o["label"] for o in area_options(context)}
    if quintiles.empty:
        return quintiles, None, None, names.get(area, area)
    measures = queries.inequality_measures(quintiles)
    overall = queries.overall_value(context.engine, area, period, quintiles[INDICATOR_ID].iloc[0])
    return quintiles, measures, overall, names.get(area, area)


def measure_rows(measures: pd.DataFrame, *, area: str, area_name: str, period: str,
                 indicator_name: str) -> pd.DataFrame:
    """The measures of the gap as download rows, unrounded, their basis as the value note."""
    return derived_rows(pd.DataFrame({
        "Indicator Name": indicator_name + ": " + measures["measure"].map(page.MEASURE_LABELS),
        "Area Code": area, "Area Name": area_name, "Category Type": "IMD quintile",
        "Category": ALL_QUINTILES, "Time period": period, "Value": measures["value"],
        "Lower CI 95.0 limit": measures[LOWER95], "Upper CI 95.0 limit": measures[UPPER95],
        "Value note": measures["note"], "Unit": measures["unit"],
    }))


def gap_rows(gap: pd.DataFrame, *, area: str, area_name: str, indicator_name: str
             ) -> pd.DataFrame:
    return derived_rows(pd.DataFrame({
        "Indicator Name": f"{indicator_name}: {page.MEASURE_LABELS[queries.SII]}", "Area Code": area,
        "Area Name": area_name, "Category Type": "IMD quintile", "Category": ALL_QUINTILES,
        "Time period": gap[PERIOD_LABEL], "Value": gap["sii"],
        "Lower CI 95.0 limit": gap[LOWER95], "Upper CI 95.0 limit": gap[UPPER95],
        "Value note": gap["note"].where(gap["sii"].isna(), ""), "Unit": queries.UNIT,
        "Time period Sortable": gap[PERIOD_SORTABLE],
    }))


def ethnic_download(context: AppContext, area: str) -> pd.DataFrame | None:
    """The area's rates by ethnic group as the page shows them (and England's for the same
    groups and period, where stored), as stored."""
    rates = ethnic_rates(context.engine, area)
    if rates is None:
        return None
    return indicator_download(context.engine, rates.indicator_id, list(dict.fromkeys(
        [area, ENGLAND])), [rates.period_label], category_type=ETHNIC_CATEGORY)


def download_frame(context: AppContext, area: str, period: str) -> pd.DataFrame:
    """The five quintiles as stored, the measures for the period, the SII of every pooled
    period, then the rates by ethnic group: one table in the download layout."""
    quintiles, measures, _overall, name = selection(context, area, period)
    if quintiles.empty:
        return combined(ethnic_download(context, area))
    indicator = quintiles[INDICATOR_ID].iloc[0]
    rates = indicator_download(context.engine, indicator, [area], [period],
                               category_type=queries.CATEGORY_TYPE)
    label = rates["Indicator Name"].iloc[0] if not rates.empty else indicator
    common = {"area": area, AREA_NAME: name}
    return combined(
        rates, measure_rows(measures, period=period, indicator_name=label, **common),
        gap_rows(queries.gap_over_time(context.engine, area), indicator_name=label, **common),
        ethnic_download(context, area))


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.INEQUALITIES_CHART, "figure"),
        Output(ids.INEQUALITIES_SUMMARY, "children"),
        Output(ids.INEQUALITIES_MEASURES, "children"),
        Output(ids.INEQUALITIES_TABLE, "children"),
        Input(ids.INEQUALITIES_AREA, "value"),
        Input(ids.INEQUALITIES_PERIOD, "value"),
    )
    @view_cache.outputs
    def update(area: str | None, period: str | None):
        if not area or not period:
            return page_outputs.unchanged(4)
        quintiles, measures, overall, name = selection(context, area, period)
        if measures is None:
            return {}, page.no_data(name, period), None, None
        figure = quintile_figure(
            quintiles, title=f"Infant mortality by deprivation quintile: {name}, {period}",
            y_title="Deaths per 1,000 live births", overall=overall, overall_name=name)
        return (figure, page.summary(name, period, measures), page.measures_table(measures),
                page.quintile_table(quintiles))

    @app.callback(
        Output(ids.INEQUALITIES_GAP_CHART, "figure"),
        Output(ids.INEQUALITIES_GAP_TABLE, "children"),
        Input(ids.INEQUALITIES_AREA, "value"),
    )
    @view_cache.outputs
    def update_gap(area: str | None):
        if not area:
            return page_outputs.unchanged(2)
        gap = queries.gap_over_time(context.engine, area)
        names = {o["value"]: o["label"] for o in area_options(context)}
        title = f"Slope index of inequality over time: {names.get(area, area)}"
        return gap_figure(gap, title=title), page.gap_table(gap)

    @app.callback(
        Output(ids.INEQUALITIES_ETHNIC_SUMMARY, "children"),
        Output(ids.INEQUALITIES_ETHNIC_CHART, "figure"),
        Output(ids.INEQUALITIES_ETHNIC_TABLE, "children"),
        Input(ids.INEQUALITIES_AREA, "value"),
    )
    @view_cache.outputs
    def update_ethnic(area: str | None):
        if not area:
            return page_outputs.unchanged(3)
        name = {o["value"]: o["label"] for o in area_options(context)}.get(area, area)
        rates = ethnic_rates(context.engine, area)
        if rates is None:
            return ethnic_page.ethnic_summary(name, None, None), {}, None
        figure = group_figure(rates.rows, title=f"Infant mortality by ethnic group: {name}, "
                              f"{rates.period_label}", y_title="Deaths per 1,000 live births")
        return (ethnic_page.ethnic_summary(name, rates.period_label, rates.rows), figure,
                ethnic_page.ethnic_table(rates.rows))

    def csv_file(area: str, period: str):
        name = f"infant_mortality_by_deprivation_{area}_{period.replace(' ', '')}.csv"
        return download_frame(context, area, period), name

    page_outputs.csv_button(app, ids.INEQUALITIES_DOWNLOAD_BUTTON, ids.INEQUALITIES_DOWNLOAD,
                            [ids.INEQUALITIES_AREA, ids.INEQUALITIES_PERIOD], csv_file)
