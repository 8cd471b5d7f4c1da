"""The scenario (gap) tool: the area's excess infant deaths, and how many a year each
risk-factor change would avoid (Levin's attributable fraction), in a chart and in words,
with the Department of Health's 2007 national contributions beside for reference."""

from __future__ import annotations

import math
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.components import (
    chart_graph,
    csv_download,
    dom_id,
    labelled_dropdown,
    scroll_region,
)

CAVEATS = [
    "The relative risks are associations from published studies, not proven causes: "
    "changing a factor need not change deaths by as much.",
    "The factors overlap (mothers who smoke are more often young and living in deprived "
    "areas), so the separate estimates should not be added up; the combined figure "
    "multiplies the factors as if they were independent, which they are not quite.",
    "Relative risks from other countries and years are applied to this area's deaths. "
    "Some apply to sudden infant deaths only, and act on those deaths alone.",
    "Prevalences are the latest stored values and may be for a different period from the "
    "deaths; they are taken as known, so the intervals show only the uncertainty of the "
    "relative risks and of the death count.",
]


@dataclass(frozen=True)
class TargetControl:
    key: str
    label: str
    value: float | None
    hint: str


@dataclass(frozen=True)
class Estimate:
    """One factor's result in the words the sentence needs (values in the indicator's unit)."""

    phrase: str
    current: float
    target: float
    unit: str
    target_is_england: bool
    avoided: float
    lower: float
    upper: float
    share: float


def _number(value: float | None) -> str:
    return "" if value is None or math.isnan(value) else f"{value:.1f}"


def target_inputs(controls: list[TargetControl]) -> list:
    # The hint sits inside the label, so a screen reader reads it with the control's name.
    return [dbc.Col(html.Div([
        html.Label([control.label, html.Br(), html.Small(control.hint, className="form-text")],
                   htmlFor=dom_id(ids.scenario_target(control.key)), className="form-label"),
        dcc.Input(id=ids.scenario_target(control.key), type="number", min=0, max=100,
                  step="any", value=control.value, debounce=True, className="form-control"),
    ]), md=6, lg=3) for control in controls]


def layout(area_options: list[dict], area: str | None, controls: list[TargetControl],
           risks_table: html.Table, dh_table: html.Table) -> html.Div:
    return html.Div([
        html.H1("Scenarios: infant deaths avoidable by changing each risk factor"),
        html.P("How many fewer infant deaths a year there would be if each risk factor's "
               "prevalence moved from this area's latest value to a target: England's value "
               "unless you give another. Each estimate uses a published relative risk "
               "(Levin's population attributable fraction) with a 95% interval from 10,000 "
               "seeded simulations.", className="lead"),
        dbc.Row([dbc.Col(labelled_dropdown(ids.SCENARIO_AREA, "Area", area_options, area),
                         md=6)], className="controls g-3"),
        html.H2("Targets", className="h4 mt-3"),
        dbc.Row(target_inputs(controls), className="controls g-3"),
        html.Div(id=ids.SCENARIO_GAP, className="summary mt-3"),
        chart_graph(ids.SCENARIO_CHART, "scenarios"),
        html.Ul(id=ids.SCENARIO_WORDS, className="scenario-words"),
        csv_download(ids.SCENARIO_DOWNLOAD_BUTTON, ids.SCENARIO_DOWNLOAD),
        html.H2("Read with care", className="h4 mt-4"),
        html.Ul([html.Li(text) for text in CAVEATS]),
        html.H2("Department of Health (2007): national contributions to narrowing the gap",
                className="h4 mt-4"),
        scroll_region(dh_table, "Published contributions (scrolls sideways on narrow screens)"),
        html.H2("Relative risks used", className="h4 mt-4"),
        scroll_region(risks_table, "Relative risks (scrolls sideways on narrow screens)"),
    ])


def gap_words(area_name: str, per_year: float | None, period: str, england, least) -> list:
    if per_year is None:
        return [html.P(f"No infant deaths and live births are stored for {area_name}.")]
    lines = [f"{area_name} had about {per_year:.1f} infant deaths a year ({period})."]
    for label, interval in (("England's rate", england),
                            ("its own least deprived quintile's rate", least)):
        if interval is None:
            continue
        point, lower, upper = interval
        if point > 0:
            lines.append(f"That is about {point:.1f} a year more than {label} would give "
                         f"(95% interval {lower:.1f} to {upper:.1f}).")
        else:
            lines.append(f"That is no more than {label} would give ({point:.1f} a year; "
                         f"95% interval {lower:.1f} to {upper:.1f}).")
    return [html.P(line) for line in lines]


def sentence(estimate: Estimate) -> str:
    unit = estimate.unit if estimate.unit == "%" else f" {estimate.unit}"
    target = (f"England's {_number(estimate.target)}{unit}" if estimate.target_is_england
              else f"{_number(estimate.target)}{unit}")
    if math.isnan(estimate.avoided):
        return f"{estimate.phrase}: no estimate (no local value or target)."
    verb = "avoid" if estimate.avoided >= 0 else "add"
    text = (f"Bringing {estimate.phrase} from {_number(estimate.current)}{unit} to {target} "
            f"would {verb} about {abs(estimate.avoided):.1f} infant deaths a year "
            f"({estimate.lower:.1f} to {estimate.upper:.1f})")
    if not math.isnan(estimate.share):
        text += f", about {estimate.share:.0%} of the gap with England"
    return text + "."


def words(estimates: list[Estimate], combined) -> list:
    items = [html.Li(sentence(e)) for e in estimates]
    if combined is not None:
        point, lower, upper = combined
        items.append(html.Li(f"All these changes together (combined multiplicatively, not "
                             f"added): about {point:.1f} infant deaths a year ({lower:.1f} "
                             f"to {upper:.1f})."))
    return items


def simple_table(caption: str, header: list[str], rows: list[list]) -> html.Table:
    return html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
        html.Tbody([html.Tr([html.Th(row[0], scope="row"), *(html.Td(c) for c in row[1:])])
                    for row in rows]),
    ], className="table values-table")


def settings_problem(message: str) -> html.Div:
    return html.Div([
        html.H1("Scenarios: infant deaths avoidable by changing each risk factor"),
        dbc.Alert(["The relative risks file set by DASHBOARD_RELATIVE_RISKS cannot be used: ",
                   message], color="danger"),
    ])
