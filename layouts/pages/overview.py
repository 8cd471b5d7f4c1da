"""The overview page for board members: one area's scorecard first (headline, one grouped
table of every indicator), the sentences on demand, then the spine chart."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.names import (
    COMPARED_ENGLAND,
    COMPARED_REGION,
    INDICATOR_ID,
    NEIGHBOURS_AVERAGE_METHOD,
    PERIOD_LABEL,
    VALUE_NOTE,
)
from layouts import ids, scorecard
from layouts.components import chart_graph, labelled_dropdown
from layouts.overview_text import (
    badge_colours,
    format_number,
    indicator_sentence,
    row_records,
    trend_arrow,
)


def layout(area_options: list[dict], area: str | None) -> html.Div:
    return html.Div([
        html.H1("Overview", className="page-title"),
        dbc.Row([
            dbc.Col(labelled_dropdown(ids.OVERVIEW_AREA, "Area", area_options, area), md=5),
            dbc.Col(html.Div([
                dbc.Button("Board pack (HTML)", id=ids.OVERVIEW_PACK_BUTTON,
                           color="primary", className="me-2 mb-2"),
                dbc.Button("Board pack (PDF)", id=ids.OVERVIEW_PDF_BUTTON,
                           color="primary", outline=True, className="me-2 mb-2"),
                dbc.Button("Download data (CSV)", id=ids.OVERVIEW_CSV_BUTTON, color="secondary",
                           outline=True, className="mb-2"),
            ]), md=7, className="d-flex align-items-end"),
        ], className="controls g-2"),
        dcc.Download(id=ids.OVERVIEW_PACK_DOWNLOAD),
        dcc.Download(id=ids.OVERVIEW_PDF_DOWNLOAD),
        dcc.Download(id=ids.OVERVIEW_CSV_DOWNLOAD),
        dcc.Loading(html.Div(id=ids.OVERVIEW_CONTENT)),
        html.H2("Spine chart", className="h3 mt-4"),
        html.P(SPINE_TEXT, className="small"),
        dcc.Loading(chart_graph(ids.OVERVIEW_SPINE, "spine-chart")),
    ])


SPINE_TEXT = ("Each bar spans the areas of the same type in England from worst (left) to best "
              "(right), the darker part the middle half of them; the line at the centre is "
              "England; the large marker is the chosen area, its colour and shape saying how it "
              "compares with England (the word is in the legend, the hover text and the table "
              "above); the open diamond is its region.")


def content(frame: pd.DataFrame, area_name: str, region_name: str | None) -> list:
    """The scorecard: headline bullets, one grouped table, its footnotes, then the sentences
    behind a disclosure; `frame` is already exceptions first."""
    if frame.empty:
        return [html.H2(area_name, id=ids.OVERVIEW_HEADING),
                html.P("There are no indicator values for this area yet.")]
    records = row_records(frame)
    notes = scorecard.footnotes(records)
    return [
        html.H2(f"Summary for {area_name}", id=ids.OVERVIEW_HEADING, className="h3 mb-1"),
        html.Ul([html.Li(b) for b in scorecard.headline(records, region_name)],
                className="headline"),
        indicator_table(records, region_name, notes),
        *footnote_list(notes),
        *source_list(scorecard.source_lines(records, area_name, region_name)),
        html.P(NEIGHBOURS_NOTE, className="small text-muted mb-1"),
        html.Details([
            html.Summary("Each indicator in words, with data-quality notes"),
            html.Ul([html.Li([indicator_sentence(r, area_name, region_name),
                              *quality_notes(r)], **{"data-indicator": r[INDICATOR_ID]})
                     for r in scorecard.noted(records, notes)], className="overview-sentences"),
        ], className="overview-details mt-2"),
    ]


def unknown_area(code: str) -> list:
    return [html.H2("Area not found", id=ids.OVERVIEW_HEADING, className="h3"),
            html.P(f"There is no area with the code {code} in the store; choose one from the list.")]


def badge(word: str | None, kind: str) -> html.Span:
    """A comparison word on its GOV.UK colour, with text that keeps AA contrast."""
    word = word or "Not compared"
    background, text = badge_colours(word)
    return html.Span(word, className=f"comparison-badge {kind}",
                     style={"backgroundColor": background, "color": text})


def trend_cell(trend: str | None) -> html.Td:
    symbol, colour = trend_arrow(trend)
    return html.Td(html.Span([html.Span(symbol, className="trend-arrow", style={"color": colour},
                                        **{"aria-hidden": "true"}),
                              html.Span(trend or "Cannot be calculated", className="trend-words")]),
                   className="trend", **{"data-label": "Recent trend"})


def goal_cell(record: dict) -> html.Td:
    label = {"data-label": "Goal"}
    if not record.get("target_label"):
        return html.Td("No goal", className="text-muted", **label)
    return html.Td(html.Div([badge(record.get("compared_goal"), "goal"),
                             html.Div(record["target_label"], className="small")]), **label)


def quality_notes(record: dict) -> list:
    """The data-quality flag and measure, for the sentences under the table."""
    parts = []
    if record.get("dq_flag"):
        parts.append(html.Strong(f" {record['dq_flag']}.", className="dq-flag"))
    if record.get("dq_name") and not pd.isna(record.get("dq_value")):
        parts.append(html.Span(f" {record['dq_name']}: {format_number(record['dq_value'], unit='%')}.",
                               className="small"))
    return parts


NEIGHBOURS_NOTE = ("Neighbours average: the area's children's services statistical neighbours "
                   "(DfE, or the group the team loaded). " + NEIGHBOURS_AVERAGE_METHOD)


def value_cell(record: dict, notes: dict[str, int]) -> html.Td:
    kind, unit = record.get("value_type"), record.get("unit")
    text = format_number(record.get("value"), kind, unit)
    parts: list = [html.Span(text or "No value", className="value")]
    number = notes.get(record.get(VALUE_NOTE))
    if number:
        parts.append(html.Sup(html.A(f"note {number}", href=f"#{NOTE_ANCHOR}{number}",
                                     className="note-link")))
    if record.get("dq_flag"):
        parts.append(html.Div("Data quality flagged", className="small dq-flag"))
    return html.Td(html.Div(parts), title=source_title(record.get("source")),
                   **{"data-label": "Value"})


def source_title(source: object) -> str | None:
    """A value cell's hover text: where the figure comes from."""
    return f"Source: {source}" if isinstance(source, str) and source else None


def source_list(lines: list[str]) -> list:
    """The table's sources under a "Sources" label, one short line each
    (scorecard.source_lines)."""
    if not lines:
        return []
    return [html.Div([html.P(html.Strong("Sources"), className="small mb-0"),
                      *(html.P(line, className="small mb-0") for line in lines)],
                     className="overview-sources mb-1")]


NOTE_ANCHOR = "overview-note-"


def footnote_list(notes: dict[str, int]) -> list:
    if not notes:
        return []
    return [html.Div([html.P(f"Note {number}: {note}", id=f"{NOTE_ANCHOR}{number}",
                             className="small mb-1") for note, number in notes.items()],
                     className="footnotes")]


def indicator_table(records: list[dict], region_name: str | None,
                    notes: dict[str, int] | None = None) -> html.Div:
    """One compact table, a body per indicator group; at phone width each row becomes a card
    whose cells carry their column's name (data-label)."""
    notes = scorecard.footnotes(records) if notes is None else notes
    region = region_name or "Region"
    headers = ["Indicator", "Period", "Value", region, "England", "Neighbours average",
               "Compared with England",
               f"Compared with {region_name or 'region'}", "Recent trend", "Goal"]
    bodies = []
    for group, rows in scorecard.grouped(records):
        body = [html.Tr(html.Th(group, colSpan=len(headers), scope="rowgroup"),
                        className="group-row")]
        for r in rows:
            kind, unit = r.get("value_type"), r.get("unit")
            body.append(html.Tr([
                html.Th([r["indicator_name"], html.Span(unit, className="unit")], scope="row"),
                html.Td(r[PERIOD_LABEL], className="period", **{"data-label": "Period"}),
                value_cell(r, notes),
                html.Td(format_number(r.get("region_value"), kind, unit), className="number",
                        title=source_title(r.get("region_source")), **{"data-label": region}),
                html.Td(format_number(r.get("england_value"), kind, unit), className="number",
                        title=source_title(r.get("england_source")),
                        **{"data-label": "England"}),
                html.Td(format_number(r.get("neighbours_value"), kind, unit), className="number",
                        title=r.get("neighbours_note") or None,
                        **{"data-label": "Neighbours average"}),
                html.Td(badge(r.get(COMPARED_ENGLAND), "england"),
                        **{"data-label": "Compared with England"}),
                html.Td(badge(r.get(COMPARED_REGION), "region"),
                        **{"data-label": f"Compared with {region_name or 'region'}"}),
                trend_cell(r.get("recent_trend")),
                goal_cell(r),
            ], className="needs-attention" if r.get("exception") else None,
                **{"data-indicator": r[INDICATOR_ID]}))
        bodies.append(html.Tbody(body))
    return html.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), *bodies],
                      className="table table-sm values-table overview-table scorecard")
