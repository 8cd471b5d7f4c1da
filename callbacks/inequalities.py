"""Inequalities page wiring: area and period -> rates by quintile -> chart, measures, CSV."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output, State, dcc, no_update

from callbacks import memo
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, area_options, pick
from data.csv_safety import safe_frame
from data.queries import inequalities as queries
from layouts import ids
from layouts.figures.quintiles import quintile_figure
from layouts.pages import inequalities as page

PATH = "/inequalities"


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
    overall = queries.overall_value(context.engine, area, period, quintiles["indicator_id"].iloc[0])
    return quintiles, measures, overall, names.get(area, area)


def download_frame(quintiles: pd.DataFrame, measures: pd.DataFrame | None) -> pd.DataFrame:
    """Quintile rows then the measures, in one tidy table."""
    rows = quintiles.rename(columns={"category": "group"}).assign(
        measure="Infant mortality rate per 1,000 live births")
    columns = ["area_code", "period_label", "measure", "group", "count", "denominator", "value",
               "lower95", "upper95", "value_note"]
    frame = rows[columns]
    if measures is not None:
        extra = measures.rename(columns={"note": "value_note"}).assign(
            area_code=quintiles["area_code"].iloc[0], period_label=quintiles["period_label"].iloc[0],
            group=measures["measure"].map({queries.RATIO: "1 - most deprived vs 5 - least deprived",
                                           queries.DIFFERENCE: "1 - most deprived vs 5 - least "
                                           "deprived"}).fillna("All five quintiles"))
        units = extra["unit"].where(extra["unit"] == "", " (" + extra["unit"] + ")")
        extra["measure"] = extra["measure"] + units
        frame = pd.concat([frame, extra.reindex(columns=columns)], ignore_index=True)
    return frame


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.INEQUALITIES_CHART, "figure"),
        Output(ids.INEQUALITIES_SUMMARY, "children"),
        Output(ids.INEQUALITIES_MEASURES, "children"),
        Output(ids.INEQUALITIES_TABLE, "children"),
        Input(ids.INEQUALITIES_AREA, "value"),
        Input(ids.INEQUALITIES_PERIOD, "value"),
    )
    @memo.outputs(context)
    def update(area: str | None, period: str | None):
        if not area or not period:
            return no_update, no_update, no_update, no_update
        quintiles, measures, overall, name = selection(context, area, period)
        if measures is None:
            return {}, page.no_data(name, period), None, None
        figure = quintile_figure(
            quintiles, title=f"Infant mortality by deprivation quintile: {name}, {period}",
            y_title="Deaths per 1,000 live births", overall=overall, overall_name=name)
        return (figure, page.summary(name, period, measures), page.measures_table(measures),
                page.quintile_table(quintiles))

    @app.callback(
        Output(ids.INEQUALITIES_DOWNLOAD, "data"),
        Input(ids.INEQUALITIES_DOWNLOAD_BUTTON, "n_clicks"),
        State(ids.INEQUALITIES_AREA, "value"),
        State(ids.INEQUALITIES_PERIOD, "value"),
        prevent_initial_call=True,
    )
    def download(_clicks, area: str, period: str):
        quintiles, measures, _overall, _name = selection(context, area, period)
        frame = download_frame(quintiles, measures)
        name = f"infant_mortality_by_deprivation_{area}_{period.replace(' ', '')}.csv"
        return dcc.send_data_frame(safe_frame(frame).to_csv, name, index=False)
