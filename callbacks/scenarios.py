"""Scenarios wiring: area and one target per risk factor (all in the URL) -> the gap, the
deaths avoided as a chart with intervals and in words, CSV."""

from __future__ import annotations

import math

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update

from callbacks import page_outputs, view_cache
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, area_options, pick
from data import queries
from data.export import csv_text
from data.queries.scenarios import (
    Scenario,
    build_scenario,
    indicator_unit_value,
    relative_risks,
)
from indicators.catalogue import get_indicator
from indicators.names import AREA_CODE, AREA_NAME
from indicators.scenarios.published import (
    DH_2007_CONTRIBUTIONS,
    DH_2007_SOURCE,
    DH_2007_TOTAL_POINTS,
)
from layouts import ids
from layouts.figures.scenarios import scenario_figure
from layouts.pages import scenarios as page

CONTROLS = {"type": ids.URL_CONTROL, "page": ids.SCENARIO_PAGE, "key": ALL}


def control_key(risk) -> str:
    return risk.indicator_id or risk.key


def _indicator(risk):
    try:
        return get_indicator(risk.indicator_id) if risk.indicator_id else None
    except KeyError:
        return None


def _label(risk) -> tuple[str, str]:
    indicator = _indicator(risk)
    if indicator is None:
        return risk.name, "%"
    return indicator.name, indicator.unit


def render(context: AppContext, query: dict[str, str]):
    areas = area_options(context)
    area = pick(query.get("area"), areas, DEFAULT_AREA)
    try:
        risks = relative_risks(context.settings)
    except ValueError as error:  # the team's file of relative risks cannot be used
        return page.settings_problem(str(error))
    scenario = build_scenario(context.engine, area, risks) if area else None
    controls = []
    for risk in risks:
        name, unit = _label(risk)
        prevalence = scenario.prevalences[risk.key] if scenario else None
        england = indicator_unit_value(risk, prevalence.england) if prevalence else math.nan
        current = indicator_unit_value(risk, prevalence.current) if prevalence else math.nan
        wanted = _float(query.get(control_key(risk)))
        value = wanted if wanted is not None else (None if math.isnan(england) else
                                                   round(england, 1))
        hint = (f"Now {current:.1f}{unit}, England {england:.1f}{unit}" if not
                math.isnan(current) and not math.isnan(england) else "No local value stored")
        controls.append(page.TargetControl(control_key(risk), f"{name}: target ({unit})",
                                           value, hint))
    return page.layout(areas, area, controls, risks_table(risks), dh_table())


def _float(text) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) and value >= 0 else None


def targets_from(keys: list[str], values: list, risks) -> dict[str, float]:
    """{risk key: target in the indicator's unit} from the controls (blank: England's)."""
    by_control = {control_key(r): r.key for r in risks}
    return {by_control[k]: v for k, v in ((k, _float(v)) for k, v in zip(keys, values,
                                                                            strict=True))
            if k in by_control and v is not None}


def estimates(scenario: Scenario, risks, targets: dict[str, float]) -> list[page.Estimate]:
    out = []
    for risk, row in zip(risks, scenario.table.itertuples(index=False), strict=True):
        name, unit = _label(risk)
        indicator = _indicator(risk)
        out.append(page.Estimate(
            indicator.phrase if indicator else risk.name.lower(),
            indicator_unit_value(risk, row.current_prevalence),
            indicator_unit_value(risk, row.target_prevalence), unit,
            risk.key not in targets, row.deaths_avoided_per_year, row.deaths_avoided_lower,
            row.deaths_avoided_upper, row.share_of_gap))
    return out


def risks_table(risks):
    return page.simple_table(
        "Relative risk of infant death with each factor (exposed against not exposed)",
        ["Risk factor", "Exposure", "Outcome", "Relative risk (95% CI)", "Applies to",
         "Source"],
        [[r.name, r.exposure, r.outcome, f"{r.relative_risk:.2f} ({r.lower:.2f} to "
          f"{r.upper:.2f})", f"{r.applies_to_share:.1%} of infant deaths", r.source]
         for r in risks])


def dh_table():
    rows = [[name, f"{points:.1f} percentage points"] for name, _key, points in
            DH_2007_CONTRIBUTIONS]
    rows.append(["Focused interventions together", f"about {DH_2007_TOTAL_POINTS:.0f} "
                 "percentage points"])
    return page.simple_table(f"Modelled narrowing of the gap between the routine and manual "
                             f"group and the whole population. Source: {DH_2007_SOURCE}.",
                             ["Intervention", "Narrowing of the gap"], rows)


def _scenario(context: AppContext, keys: list[str], values: list):
    query = dict(zip(keys, values, strict=True))
    area = query.get("area")
    if not area:
        return None, None, None
    try:
        risks = relative_risks(context.settings)
    except ValueError:
        return None, None, None
    targets = targets_from(keys, values, risks)
    return build_scenario(context.engine, area, risks, targets), risks, targets


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.SCENARIO_CHART, "figure"),
        Output(ids.SCENARIO_GAP, "children"),
        Output(ids.SCENARIO_WORDS, "children"),
        Input(CONTROLS, "value"),
    )
    @view_cache.outputs
    def update(values):
        keys = [item["id"]["key"] for item in ctx.inputs_list[0]]
        scenario, risks, targets = _scenario(context, keys, values)
        if scenario is None:
            return page_outputs.unchanged(3)
        name = queries.areas(context.engine).set_index(AREA_CODE)[AREA_NAME].get(
            scenario.area_code, scenario.area_code)
        per_year = scenario.deaths.per_year if scenario.deaths else None
        gap = page.gap_words(name, per_year, scenario.period, scenario.gap_england,
                             scenario.gap_least_deprived)
        if scenario.table.empty:
            return {}, gap, []
        figure = scenario_figure(scenario.table, title=f"Infant deaths a year avoided, {name}")
        return (figure, gap, page.words(estimates(scenario, risks, targets), scenario.combined))

    @app.callback(
        Output(ids.SCENARIO_DOWNLOAD, "data"),
        Input(ids.SCENARIO_DOWNLOAD_BUTTON, "n_clicks"),
        State(CONTROLS, "value"),
        prevent_initial_call=True,
    )
    def download(_clicks, values):
        keys = [item["id"]["key"] for item in ctx.states_list[0]]
        scenario, _risks, _targets = _scenario(context, keys, values)
        if scenario is None or scenario.table.empty:
            return no_update
        return dcc.send_string(csv_text(scenario.table), f"scenarios_{scenario.area_code}.csv")
