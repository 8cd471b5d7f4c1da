"""The data page's reconciliation section: local figures beside the published ones, the
rule that decides which is shown, and published comparisons that differ from ours."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.names import AREA_NAME, INDICATOR_ID, PERIOD_LABEL
from layouts import ids
from layouts.components import csv_download, scroll_region

ROWS_SHOWN = 100
PRECEDENCE = [
    "a value computed from the area's own counts in a local extract;",
    "else the published value (a Fingertips download first, then the ONS tables);",
    "else an aggregate of its lower geography areas, made only when every one of them has "
    "counts (never a partial sum);",
    "else no value, with a note saying what is missing.",
]
PAIR_COLUMNS = {
    AREA_NAME: "Area", INDICATOR_ID: "Indicator", PERIOD_LABEL: "Period",
    "category": "Category", "shown": "Shown", "computed_count": "Our count",
    "published_count": "Published count", "count_difference": "Count difference",
    "computed_denominator": "Our denominator", "published_denominator": "Published denominator",
    "denominator_difference": "Denominator difference", "computed_value": "Our value",
    "published_value": "Published value", "value_difference": "Value difference",
    "published_ci_contains_ours": "Published 95% CI contains ours",
    "computed_source": "Our source", "published_source": "Published source",
}
DISAGREEMENT_COLUMNS = {
    AREA_NAME: "Area", INDICATOR_ID: "Indicator", PERIOD_LABEL: "Period",
    "category": "Category", "benchmark": "Compared with", "ours": "Ours (shown)",
    "published": "Published", "published_source": "Published source",
}


def section() -> html.Div:
    return html.Div([
        html.H2("Local figures against published ones", className="h4 mt-4"),
        html.P("Benchmarks come from the national publications loaded here (Fingertips "
               "downloads, ONS tables) as well as from local extracts. For each indicator, "
               "area, period and category the value shown is:"),
        html.Ol([html.Li(step) for step in PRECEDENCE], id=f"{ids.DATA_RECONCILE}-rule"),
        html.P("Where an area has both a value computed here and a published one, both are "
               "listed below with their differences (ours minus the published), so that a "
               "local count that differs from the national one can be explained."),
        csv_download(ids.DATA_RECONCILE_DOWNLOAD_BUTTON, ids.DATA_RECONCILE_DOWNLOAD),
        dcc.Loading(html.Div(id=ids.DATA_RECONCILE)),
    ])


def _number(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"


def _table(frame: pd.DataFrame, columns: dict[str, str], label: str) -> html.Div:
    shown = frame.head(ROWS_SHOWN)[list(columns)].copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(_number)
    table = dbc.Table.from_dataframe(shown.fillna("").astype(str).rename(columns=columns),
                                     striped=True, size="sm", className="reconcile-table")
    more = [] if len(frame) <= ROWS_SHOWN else [html.P(
        f"Showing {ROWS_SHOWN} of {len(frame):,}; the CSV has them all.")]
    return html.Div([*more, scroll_region(table, label)])


def reconcile_tables(pairs: pd.DataFrame, disagreements: pd.DataFrame) -> html.Div:
    parts = []
    if pairs.empty:
        parts.append(html.P("No area has both a value computed here and a published one."))
    else:
        parts += [html.P(f"{len(pairs):,} values computed here are also published."),
                  _table(pairs, PAIR_COLUMNS, "Local against published figures")]
    if not disagreements.empty:
        parts += [html.H3("Published comparisons that differ from ours", className="h5 mt-3"),
                  html.P("Ours is worked out from the values shown, by Fingertips' rule (the "
                         "area's 95% interval against the benchmark's value), and is what the "
                         "dashboard shows."),
                  _table(disagreements, DISAGREEMENT_COLUMNS, "Differing comparisons")]
    return html.Div(parts)


def reconcile_csv(pairs: pd.DataFrame, disagreements: pd.DataFrame) -> pd.DataFrame:
    """Both lists in one file: a `kind` column says which."""
    return pd.concat([pairs.assign(kind="computed and published"),
                      disagreements.assign(kind="differing comparison")], ignore_index=True)
