"""The action plan page: the plan's priorities as sections, each action with its lead,
dates (overdue and coming up flagged) and status, and each linked indicator's latest value
beside England and the region, its recent trend, its target status and trajectory chart."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.names import COMPARED_ENGLAND, COMPARED_REGION
from layouts import ids
from layouts.components import csv_download, labelled_dropdown
from layouts.overview_text import format_value, row_records
from layouts.pages.overview import badge, trend_cell
from layouts.plan_words import (
    TRAJECTORY_WORDS,
    change_words,
    latest_words,
    long_date,
    priority_sentence,
    status_colours,
    target_words,
)

ALL = "all"


def status_badge(word: str, kind: str = "status", text: str | None = None) -> html.Span:
    """A status word (or `text`) on the status's colour."""
    background, colour = status_colours(word)
    shown = text or word[0].upper() + word[1:]
    return html.Span(shown, className=f"plan-badge {kind}",
                     style={"backgroundColor": background, "color": colour})


def choices(values: list, label: str, words=str) -> list[dict]:
    return [{"label": f"All {label}", "value": ALL},
            *({"label": words(v), "value": str(v)} for v in values)]


def layout(plans: list[dict], plan: str | None, filters: dict[str, tuple[list[dict], str]]
           ) -> html.Div:
    """`filters` maps "priority", "lead" and "status" to (options, chosen value)."""
    names = {"priority": "Priority", "lead": "Lead", "status": "Status"}
    controls = {"priority": ids.PLAN_PRIORITY, "lead": ids.PLAN_LEAD, "status": ids.PLAN_STATUS}
    return html.Div([
        html.H1("Action plan"),
        html.P("The plan's priorities and actions, who leads them and when they are due, with "
               "each linked indicator against its target and trajectory.", className="lead"),
        dbc.Row([
            dbc.Col(labelled_dropdown(ids.PLAN_NAME, "Plan", plans, plan), lg=12),
            *(dbc.Col(labelled_dropdown(controls[key], names[key], *filters[key]), md=4)
              for key in ("priority", "lead", "status")),
        ], className="controls g-3"),
        csv_download(ids.PLAN_DOWNLOAD_BUTTON, ids.PLAN_DOWNLOAD),
        dcc.Loading(html.Div(id=ids.PLAN_CONTENT)),
    ])


def no_plan() -> list:
    return [html.H2("No action plan loaded", className="h3"),
            html.P("Load an action plan extract on the Data page; the file "
                   "templates/action_plan.csv that comes with the dashboard shows its columns.")]


def content(grid: pd.DataFrame, counts: pd.DataFrame, figures: dict[int, dict],
            as_of: str) -> list:
    """Sections per priority; `figures` maps a grid row's position to its chart."""
    if grid.empty:
        return [html.P("No actions match the filters.", className="summary")]
    records = row_records(grid)
    for position, record in enumerate(records):
        record["_position"] = position
    parts = [html.P(f"Dates flagged as at {long_date(as_of)}: overdue when past due and not "
                    "done, coming up within 90 days.", className="small")]
    by_priority = {int(c["priority"]): c for c in counts.to_dict("records")}
    for priority in sorted({r["priority"] for r in records}):
        rows = [r for r in records if r["priority"] == priority]
        parts.append(html.Section([
            html.H2(f"Priority {priority}: {rows[0]['priority_title']}", className="h3 mt-4"),
            html.P(priority_sentence(by_priority[priority]), className="summary"),
            *(_action(action_rows, figures) for action_rows in _by_action(rows)),
        ], className="plan-priority", **{"data-priority": str(priority)}))
    return parts


def _by_action(rows: list[dict]) -> list[list[dict]]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["action_ref"], []).append(row)
    return list(groups.values())


def _date_line(label: str, text: str | None, flag: str | None) -> html.Div:
    parts = [html.Span(f"{label}: ", className="fw-bold"), long_date(text or "") or "Not set"]
    if flag:
        parts += [" ", status_badge(flag, "date-flag")]
    return html.Div(parts)


def _action(rows: list[dict], figures: dict[int, dict]) -> html.Article:
    first = rows[0]
    due_flag = "overdue" if first["overdue"] else "due soon" if first["due_soon"] else None
    details = [
        html.Div([html.Span("Lead: ", className="fw-bold"), first["lead"]]),
        _date_line("Due", first["due_date"], due_flag),
        _date_line("Deep dive", first["deep_dive_date"],
                   "due soon" if first["deep_dive_soon"] else None),
        html.Div([html.Span("Status: ", className="fw-bold"), status_badge(first["status"])]),
    ]
    for key, label in (("objective", "Objective"), ("outcome", "Outcome wanted"),
                       ("partners", "Partners"), ("reporting", "Reporting"),
                       ("progress_note", "Progress")):
        if first.get(key):
            details.append(html.Div([html.Span(f"{label}: ", className="fw-bold"), first[key]]))
    linked = [r for r in rows if r.get("indicator")]
    return html.Article([
        html.H3(first["action"], className="h5"),
        html.Div(details, className="plan-details"),
        *(_indicator(r, figures.get(r["_position"])) for r in linked),
    ], className="plan-action", **{"data-status": first["status"],
                                   "data-overdue": "yes" if first["overdue"] else "no"})


def _indicator(row: dict, figure: dict | None) -> html.Div:
    unit, kind = row.get("unit"), row.get("value_type")
    region = row.get("region_name") or "Region"
    trajectory = row.get("trajectory_status") or "no data"
    lines = [
        html.Div([html.Span("Latest: ", className="fw-bold"),
                  html.Span(latest_words(row), className="plan-latest")]),
        html.Div([html.Span("England: ", className="fw-bold"),
                  format_value(row.get("england_value"), kind, unit) or "No value", " ",
                  badge(row.get(COMPARED_ENGLAND), "england")]),
        html.Div([html.Span(f"{region}: ", className="fw-bold"),
                  format_value(row.get("region_value"), kind, unit) or "No value", " ",
                  badge(row.get(COMPARED_REGION), "region")]),
        html.Div([html.Span("Recent trend: ", className="fw-bold"),
                  trend_cell(row.get("recent_trend")).children]),
        html.Div([html.Span("Target: ", className="fw-bold"), target_words(row)]),
        html.Div([html.Span("Trajectory: ", className="fw-bold"),
                  status_badge(TRAJECTORY_WORDS[trajectory].lower(), "trajectory")
                  if trajectory != "no data" else TRAJECTORY_WORDS[trajectory]]),
    ]
    for text in (row.get("projection_words"), change_words(row)):
        if text:
            lines.append(html.P(text, className="plan-projection mb-1"))
    if figure is not None:
        lines.append(dcc.Graph(figure=figure, className="chart trajectory-chart",
                               config={"displaylogo": False, "responsive": True}))
    return html.Div([html.H4(row["indicator_name"], className="h6 mt-3"), *lines],
                    className="plan-indicator",
                    **{"data-indicator": row["indicator"],
                       "data-trajectory": trajectory})
