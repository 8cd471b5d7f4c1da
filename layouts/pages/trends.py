"""The trends page: one indicator over time for an area, with region and England."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from data.queries.neighbours import AVERAGE_METHOD
from layouts import ids
from layouts.components import chart_graph, csv_download, labelled_dropdown, scroll_region


def layout(
    area_options: list[dict], indicator_options: list[dict], area: str, indicator: str
) -> html.Div:
    return html.Div([
        html.H1("Trends"),
        html.P("An indicator over time for the chosen area, with its 95% confidence interval, "
               "beside its region and England.", className="lead"),
        dbc.Row([
            dbc.Col(labelled_dropdown(ids.TRENDS_INDICATOR, "Indicator", indicator_options,
                                      indicator), md=6),
            dbc.Col(labelled_dropdown(ids.TRENDS_AREA, "Area", area_options, area), md=6),
        ], className="controls g-3"),
        dcc.Loading(html.Div([
            html.P(id=ids.TRENDS_SUMMARY, className="summary"),
            chart_graph(ids.TRENDS_CHART, "trend"),
        ])),
        html.H2("Values", className="h4 mt-4"),
        csv_download(ids.TRENDS_DOWNLOAD_BUTTON, ids.TRENDS_DOWNLOAD),
        scroll_region(html.Div(id=ids.TRENDS_TABLE), "Values table"),
    ])


TABLE_COLUMNS = {
    "period_label": "Period",
    "count": "Count",
    "denominator": "Denominator",
    "value": "Value",
    "lower95": "Lower 95% CI",
    "upper95": "Upper 95% CI",
    "compared_england": "Compared with England",
    "compared_region": "Compared with region",
    "value_note": "Note",
}


def values_table(frame: pd.DataFrame) -> dbc.Table:
    """The chart's numbers as an accessible table (counts whole, values to 1 d.p.)."""
    shown = frame[[c for c in TABLE_COLUMNS if c in frame.columns]].copy()
    for column in ("count", "denominator"):
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    for column in ("value", "lower95", "upper95"):
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
    shown = shown.fillna("").rename(columns=TABLE_COLUMNS)
    return dbc.Table.from_dataframe(shown, striped=True, bordered=False, hover=True, size="sm",
                                    className="values-table")


def neighbours_note(average: pd.DataFrame) -> str:
    """How the neighbours average line is formed, and why it is missing where it is."""
    shown = int(average["value"].notna().sum())
    text = f"Neighbours average ({shown} of {len(average)} periods): {AVERAGE_METHOD}"
    gaps = average.loc[average["value"].isna(), "value_note"].dropna()
    return text + (f" Latest gap: {gaps.iloc[-1]}." if len(gaps) else "")
