"""The overview page for board members: one area, every indicator, what needs attention first."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from data.queries.neighbours import AVERAGE_METHOD
from layouts import ids
from layouts.components import chart_graph, labelled_dropdown
from layouts.overview_text import (
    badge_colours,
    format_number,
    indicator_sentence,
    row_records,
    trend_arrow,
)

NEEDS_ATTENTION = "Needs attention"
NEEDS_ATTENTION_TEXT = "Worse than England, the region or the goal, or getting worse."
OTHERS = "Other indicators"


def layout(area_options: list[dict], area: str | None) -> html.Div:
    return html.Div([
        html.H1("Overview"),
        html.P("Every indicator for one area beside its region and England, with what needs "
               "attention listed first.", className="lead"),
        dbc.Row([
            dbc.Col(labelled_dropdown(ids.OVERVIEW_AREA, "Area", area_options, area), md=6),
            dbc.Col(html.Div([
                dbc.Button("Download board pack (HTML)", id=ids.OVERVIEW_PACK_BUTTON,
                           color="primary", className="me-2 mb-2"),
                dbc.Button("Download data (CSV)", id=ids.OVERVIEW_CSV_BUTTON, color="secondary",
                           outline=True, className="mb-2"),
            ]), md=6, className="d-flex align-items-end"),
        ], className="controls g-3"),
        dcc.Download(id=ids.OVERVIEW_PACK_DOWNLOAD),
        dcc.Download(id=ids.OVERVIEW_CSV_DOWNLOAD),
        dcc.Loading(html.Div(id=ids.OVERVIEW_CONTENT)),
        html.H2("Spine chart", className="h3 mt-4"),
        html.P("Each bar spans the comparable areas of England from worst (left) to best "
               "(right), the darker part the middle half of them; the line is England; the "
               "marker is the chosen area, its colour and shape saying how it compares with "
               "England (the word is in the legend, the hover text and the table above).",
               className="small"),
        dcc.Loading(chart_graph(ids.OVERVIEW_SPINE, "spine-chart")),
    ])


def content(frame: pd.DataFrame, area_name: str, region_name: str | None) -> list:
    """The summary sentences and the indicator tables; `frame` is already exceptions first."""
    if frame.empty:
        return [html.H2(area_name, id=ids.OVERVIEW_HEADING),
                html.P("There are no indicator values for this area yet.")]
    records = row_records(frame)
    attention = [r for r in records if r["exception"]]
    others = [r for r in records if not r["exception"]]
    return [
        html.H2(f"Summary for {area_name}", id=ids.OVERVIEW_HEADING, className="h3"),
        html.P(f"{len(attention)} of {len(records)} indicators need attention.",
               className="summary"),
        html.Ul([html.Li(indicator_sentence(r, area_name, region_name),
                         **{"data-indicator": r["indicator_id"]}) for r in records],
                className="overview-sentences"),
        html.H2("Indicators", className="h3 mt-4"),
        *_table_section(NEEDS_ATTENTION, NEEDS_ATTENTION_TEXT, attention, region_name),
        *_table_section(OTHERS, None, others, region_name),
    ]


def unknown_area(code: str) -> list:
    return [html.H2("Area not found", id=ids.OVERVIEW_HEADING, className="h3"),
            html.P(f"There is no area with the code {code} in the store; choose one from the list.")]


def _table_section(title: str, note: str | None, records: list[dict],
                   region_name: str | None) -> list:
    if not records:
        return []
    parts = [html.H3(f"{title} ({len(records)})", className="h5 mt-3")]
    if note:
        parts.append(html.P(note, className="small"))
    parts.append(indicator_table(records, region_name))
    return parts


def badge(word: str | None, kind: str) -> html.Span:
    """A comparison word on its GOV.UK colour, with text that keeps AA contrast."""
    word = word or "Not compared"
    background, text = badge_colours(word)
    return html.Span(word, className=f"comparison-badge {kind}", style={
        "backgroundColor": background, "color": text, "padding": "0.1rem 0.45rem",
        "borderRadius": "0.2rem", "fontWeight": 700, "whiteSpace": "nowrap",
        "display": "inline-block",
    })


def trend_cell(trend: str | None, note: str | None) -> html.Td:
    symbol, colour = trend_arrow(trend)
    parts = [html.Span(symbol, **{"aria-hidden": "true"}, style={
        "color": colour, "fontWeight": 700, "fontSize": "1.2rem", "marginRight": "0.3rem"}),
        html.Span(trend or "Cannot be calculated", className="trend-words")]
    if note:
        parts.append(html.Div(note, className="small text-muted"))
    return html.Td(parts)


def goal_cell(record: dict) -> html.Td:
    if not record.get("target_label"):
        return html.Td("No goal", className="text-muted")
    return html.Td([badge(record.get("compared_goal"), "goal"),
                    html.Div(record["target_label"], className="small")])


def quality_cell(record: dict) -> html.Td:
    parts = []
    if record.get("dq_flag"):
        parts.append(html.Strong(record["dq_flag"], className="dq-flag d-block"))
    if record.get("dq_name") and not pd.isna(record.get("dq_value")):
        parts.append(html.Div(f"{record['dq_name']}: {format_number(record['dq_value'], unit='%')}",
                              className="small"))
    if record.get("value_note"):
        parts.append(html.Div(record["value_note"], className="small"))
    return html.Td(parts)  # nothing to say: an empty cell


NEIGHBOURS_NOTE = ("Neighbours average: the area's children's services statistical neighbours "
                   "(DfE, or the group the team loaded). " + AVERAGE_METHOD)


def indicator_table(records: list[dict], region_name: str | None) -> html.Div:
    headers = ["Indicator", "Period", "Count", "Value", region_name or "Region", "England",
               "Neighbours average", "Compared with England", "Compared with region", "Recent trend", "Goal",
               "Data quality and notes"]
    rows = []
    for r in records:
        kind, unit = r.get("value_type"), r.get("unit")
        rows.append(html.Tr([
            html.Th([r["indicator_name"], html.Div(unit, className="small text-muted")],
                    scope="row"),
            html.Td(r["period_label"]),
            html.Td(format_number(r.get("count"), "Count")),
            html.Td(format_number(r.get("value"), kind, unit) or "No value", className="value"),
            html.Td(format_number(r.get("region_value"), kind, unit)),
            html.Td(format_number(r.get("england_value"), kind, unit)),
            html.Td(format_number(r.get("neighbours_value"), kind, unit),
                    title=r.get("neighbours_note") or None),
            html.Td(badge(r.get("compared_england"), "england")),
            html.Td(badge(r.get("compared_region"), "region")),
            trend_cell(r.get("recent_trend"), r.get("trend_note")),
            goal_cell(r),
            quality_cell(r),
        ], **{"data-indicator": r["indicator_id"]}))
    table = dbc.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                       html.Tbody(rows)], bordered=False, hover=True, size="sm",
                      className="values-table overview-table")
    # A narrow screen scrolls the table sideways; focusable so the keyboard can scroll it too.
    return html.Div([
        html.Div(table, className="table-responsive", tabIndex=0, role="region",
                 **{"aria-label": "Indicator values (scrolls sideways on narrow screens)"}),
        html.P(NEIGHBOURS_NOTE, className="small text-muted")])


CSV_COLUMNS = {
    "indicator_id": "Indicator id", "fingertips_id": "Fingertips ID",
    "indicator_name": "Indicator", "unit": "Unit", "period_label": "Period", "count": "Count",
    "denominator": "Denominator", "value": "Value", "lower95": "Lower 95% CI",
    "upper95": "Upper 95% CI", "region_value": "Region value", "england_value": "England value",
    "neighbours_value": "Neighbours average", "neighbours_note": "Neighbours average note",
    "compared_england": "Compared with England", "compared_region": "Compared with region",
    "recent_trend": "Recent trend", "trend_note": "Trend note", "target_label": "Goal",
    "compared_goal": "Compared with goal", "dq_flag": "Data quality flag",
    "dq_value": "Data quality value", "value_note": "Value note", "exception": "Needs attention",
}


def csv_frame(frame: pd.DataFrame, area_name: str, region_name: str | None) -> pd.DataFrame:
    """The table's rows, unrounded, with the sentence, in the page's order, for download."""
    shown = frame[[c for c in CSV_COLUMNS if c in frame.columns]].rename(columns=CSV_COLUMNS)
    shown.insert(0, "Area", area_name)
    shown.insert(1, "Region", region_name or "")
    shown["Summary"] = [indicator_sentence(r, area_name, region_name)
                        for r in row_records(frame)]
    return shown
