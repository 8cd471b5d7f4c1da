"""The inequalities page's breakdown by ethnic group: the area's infant mortality rate in
each ONS 2021 high-level group with its 95% confidence interval, England's rate for the
same group where the store holds it, and ONS's small-number words."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.names import COMPARED_ENGLAND, LOWER95, UPPER95, VALUE_NOTE
from layouts import ids
from layouts.components import chart_graph, scroll_region
from layouts.numbers import fixed


def ethnic_section() -> list:
    return [
        html.H2("By ethnic group", className="h4 mt-4"),
        html.P("Infant mortality by the baby's ethnic group (ONS 2021 census high-level "
               "groups), where an extract gives it: the latest 3-year pooled period (a single "
               "year where no pooled period is stored), with 95% confidence intervals and "
               "England's rate for the same group where it is loaded.", className="small"),
        html.Div(id=ids.INEQUALITIES_ETHNIC_SUMMARY),
        dcc.Loading(chart_graph(ids.INEQUALITIES_ETHNIC_CHART, "infant-mortality-by-ethnic-group")),
        html.Div(id=ids.INEQUALITIES_ETHNIC_TABLE),
    ]


def ethnic_summary(area_name: str, period: str | None, rates: pd.DataFrame | None) -> html.P:
    """One sentence: which period is shown, how many groups have a rate, and England's."""
    if rates is None:
        return html.P(f"No extract of births and infant deaths by ethnic group is loaded for "
                      f"{area_name}.", className="ethnic-summary")
    rated = rates[rates["value"].notna()]
    england = "England's rates for the same groups are shown beside them." if \
        rates["england_value"].notna().any() else \
        "England's rates by ethnic group are not loaded, so the groups are not compared."
    return html.P(f"{area_name}, {period}: a rate for {len(rated)} of {len(rates)} groups. "
                  f"{england} Rates from fewer than 20 deaths are of low reliability.",
                  className="ethnic-summary")


ETHNIC_COLUMNS = {
    "category": "Ethnic group",
    "count": "Infant deaths",
    "denominator": "Live births",
    "value": "Rate per 1,000",
    LOWER95: "Lower 95% CI",
    UPPER95: "Upper 95% CI",
    "england_value": "England",
    COMPARED_ENGLAND: "Compared with England",
    "note": "Note",
}


def ethnic_table(rates: pd.DataFrame) -> html.Div:
    """The chart's numbers with each rate's note (missing counts, ONS's reliability)."""
    shown = rates.copy()
    shown["note"] = [" ".join(str(part) for part in (note, words) if not pd.isna(part) and part)
                     for note, words in zip(shown[VALUE_NOTE], shown["reliability"], strict=True)]
    for column in ("count", "denominator"):
        shown[column] = shown[column].map(lambda v: fixed(v, 0))
    for column in ("value", LOWER95, UPPER95, "england_value"):
        shown[column] = shown[column].map(fixed)
    shown[COMPARED_ENGLAND] = shown[COMPARED_ENGLAND].map(
        lambda v: "" if pd.isna(v) else str(v))
    table = dbc.Table.from_dataframe(shown[list(ETHNIC_COLUMNS)].rename(columns=ETHNIC_COLUMNS),
                                     striped=True, bordered=False, hover=True, size="sm",
                                     className="values-table ethnic-table")
    return scroll_region(table, "Rates by ethnic group")
