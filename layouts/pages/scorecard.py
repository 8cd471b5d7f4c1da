"""The balanced scorecard for the board: for one plan, its outcome indicators beside its
risk-factor indicators (latest value, England and region, trend, on or off trajectory) and
its actions per priority (on track, at risk, off track, overdue), in words and colour."""

from __future__ import annotations

from typing import Protocol

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from indicators.names import COMPARED_ENGLAND, COMPARED_REGION, INDICATOR_ID, PERIOD_LABEL
from layouts import ids
from layouts.components import labelled_dropdown, scroll_region
from layouts.overview_text import format_value, row_records
from layouts.pages.overview import badge, trend_cell
from layouts.pages.plan import status_badge
from layouts.plan_words import (
    STATUS_ORDER,
    TRAJECTORY_WORDS,
    action_counts,
    priority_sentence,
    target_words,
)


class Scorecard(Protocol):
    """What the scorecard layouts read of a card (built by data.queries.scorecard and
    handed over by the callbacks; layouts never import data/)."""

    plan: str
    area_name: str
    region_name: str | None
    grid: pd.DataFrame
    outcomes: pd.DataFrame
    risk_factors: pd.DataFrame


COUNT_COLUMNS = [*STATUS_ORDER, "overdue", "on trajectory", "off trajectory"]


def layout(plans: list[dict], plan: str | None) -> html.Div:
    return html.Div([
        html.H1("Balanced scorecard"),
        html.P("For one action plan: the outcomes it aims to change beside the risk factors "
               "its actions work on, and how its actions stand, priority by priority.",
               className="lead"),
        dbc.Row(dbc.Col(labelled_dropdown(ids.SCORECARD_PLAN, "Plan", plans, plan), md=8),
                className="controls g-3"),
        html.Div(id=ids.SCORECARD_CONTENT),
    ])


def headline(card: Scorecard) -> str:
    counts = action_counts(card.grid)
    total, done = int(counts["actions"].sum()), int(counts["done"].sum())
    on, off = int(counts["on track"].sum()), int(counts["off track"].sum())
    risk, late = int(counts["at risk"].sum()), int(counts["overdue"].sum())
    waiting = int(counts["not started"].sum())
    judged = pd.concat([card.outcomes, card.risk_factors])
    judged = judged[judged["trajectory_status"] != "no data"] if not judged.empty else judged
    on_path = int((judged["trajectory_status"] == "on track").sum()) if len(judged) else 0
    text = (f"{total} actions: {on} on track, {risk} at risk, {off} off track, {waiting} not "
            f"started, {done} done; {late} overdue.")
    if len(judged):
        text += f" {on_path} of {len(judged)} indicators with a target are on trajectory."
    return text


def content(card: Scorecard) -> list:
    counts = action_counts(card.grid)
    return [
        html.H2(f"{card.plan}: {card.area_name}", className="h3", id="scorecard-heading"),
        html.P(headline(card), className="summary scorecard-headline"),
        html.H2("Actions by priority", className="h4 mt-4"),
        html.Ul([html.Li(priority_sentence(c)) for c in counts.to_dict("records")],
                className="scorecard-sentences"),
        scroll_region(_counts_table(counts), "Actions by priority (scrolls sideways on "
                      "narrow screens)"),
        html.H2("Outcomes", className="h4 mt-4"),
        _indicator_section(card.outcomes, card.region_name, "Outcome indicators"),
        html.H2("Risk factors", className="h4 mt-4"),
        _indicator_section(card.risk_factors, card.region_name, "Risk-factor indicators"),
    ]


def no_plan() -> list:
    return [html.P("No action plan is loaded, so there is no scorecard to show.",
                   className="summary")]


def _count_cell(word: str, count: int) -> html.Td:
    if not count:
        return html.Td(f"0 {word}", className="text-muted")
    return html.Td(status_badge(word, "count", f"{count} {word}"), **{"data-count": str(count)})


def _counts_table(counts: pd.DataFrame) -> dbc.Table:
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in (
        "Priority", "Actions", *(c[0].upper() + c[1:] for c in COUNT_COLUMNS))]))
    rows = []
    for c in counts.to_dict("records"):
        cells = [_count_cell(word, c[word]) for word in COUNT_COLUMNS]
        rows.append(html.Tr([html.Th(f"{c['priority']}: {c['priority_title']}", scope="row"),
                             html.Td(str(c["actions"])), *cells],
                            **{"data-priority": str(c["priority"])}))
    return dbc.Table([head, html.Tbody(rows)], size="sm", className="values-table scorecard-counts")


def _indicator_section(frame: pd.DataFrame, region_name: str | None, label: str):
    if frame.empty:
        return html.P("No values loaded for these indicators.")
    region = region_name or "Region"
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in (
        "Indicator", "Latest", "England", region, "Recent trend", "Trajectory", "Target")]))
    rows = []
    for r in row_records(frame):
        kind, unit = r.get("value_type"), r.get("unit")
        status = r.get("trajectory_status") or "no data"
        trajectory = (status_badge(TRAJECTORY_WORDS[status].lower(), "trajectory")
                      if status != "no data" else html.Span(
                          "No target set" if not r.get("target_period") else "No data"))
        rows.append(html.Tr([
            html.Th(r["indicator_name"], scope="row"),
            html.Td([format_value(r.get("value"), kind, unit) or "No value",
                     html.Div(r[PERIOD_LABEL], className="small")]),
            html.Td([badge(r.get(COMPARED_ENGLAND), "england"),
                     html.Div(format_value(r.get("england_value"), kind, unit),
                              className="small")]),
            html.Td([badge(r.get(COMPARED_REGION), "region"),
                     html.Div(format_value(r.get("region_value"), kind, unit),
                              className="small")]),
            trend_cell(r.get("recent_trend")),
            html.Td([trajectory, html.Div(r.get("projection_words") or "", className="small")]),
            html.Td(target_words(r) if r.get("target_period") else "No target"),
        ], **{"data-indicator": r[INDICATOR_ID], "data-trajectory": status}))
    table = dbc.Table([head, html.Tbody(rows)], size="sm", className="values-table scorecard-table")
    return scroll_region(table, f"{label} (scrolls sideways on narrow screens)")
