"""The inequalities page: infant mortality by deprivation quintile and the size of the gap."""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from data.queries.inequalities import EXCESS, RII, SII
from layouts import ids
from layouts.components import chart_graph, csv_download, labelled_dropdown
from layouts.figures.quintiles import quintile_label


def layout(area_options: list[dict], period_options: list[dict], area: str | None,
           period: str | None) -> html.Div:
    return html.Div([
        html.H1("Inequalities"),
        html.P("Infant mortality by the deprivation of the area where the mother lives (Index "
               "of Multiple Deprivation quintiles: 1 is the most deprived fifth, 5 the least), "
               "with 95% confidence intervals, and the size of the gap.", className="lead"),
        dbc.Row([
            dbc.Col(labelled_dropdown(ids.INEQUALITIES_AREA, "Area", area_options, area), md=6),
            dbc.Col(labelled_dropdown(ids.INEQUALITIES_PERIOD, "Period", period_options, period),
                    md=6),
        ], className="controls g-3"),
        dcc.Loading(html.Div([
            html.Div(id=ids.INEQUALITIES_SUMMARY, className="summary"),
            chart_graph(ids.INEQUALITIES_CHART, "infant-mortality-by-deprivation"),
        ])),
        html.H2("Measures of the gap", className="h4 mt-4"),
        html.Div(id=ids.INEQUALITIES_MEASURES),
        html.H2("Rates by quintile", className="h4 mt-4"),
        csv_download(ids.INEQUALITIES_DOWNLOAD_BUTTON, ids.INEQUALITIES_DOWNLOAD),
        html.Div(id=ids.INEQUALITIES_TABLE),
        html.P("Method: crude rates per 1,000 live births with exact Poisson (fewer than 10 "
               "deaths) or Byar's 95% confidence intervals. The slope index of inequality "
               "(Low & Low 2004, as in PHEindicatormethods' phe_sii) is the gap in the rate "
               "between the least and most deprived ends of a line fitted across the whole "
               "population, weighted by births; the relative index is their ratio. Excess "
               "deaths compare each quintile with the least deprived quintile's rate. "
               "Intervals for these measures are simulated (100,000 draws, fixed seed).",
               className="small text-muted mt-3"),
    ])


def period_option_label(period_label: str, year_range: int) -> str:
    return f"{period_label} (3-year pooled)" if year_range == 3 else f"{period_label} (single year)"


def _number(value: float, places: int = 1) -> str:
    return "" if value is None or pd.isna(value) else f"{value:,.{places}f}"


def _about(value: float) -> str:
    """Whole numbers for 10 or more, one decimal place below."""
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.1f}"


def summary(area_name: str, period: str, measures: pd.DataFrame) -> list:
    """Sentences on the slope index of inequality and excess deaths."""
    by_name = measures.set_index("measure")
    sii, rii, excess = by_name.loc[SII], by_name.loc[RII], by_name.loc[EXCESS]
    parts = []
    if not pd.isna(sii["value"]):
        side = "higher" if sii["value"] < 0 else "lower"
        parts.append(html.P(
            f"Slope index of inequality: across {area_name} in {period}, the modelled infant "
            f"mortality rate was {_number(abs(sii['value']))} per 1,000 live births {side} at "
            f"the most deprived end than at the least deprived end (SII "
            f"{_number(sii['value'])}, 95% confidence interval {_number(sii['lower95'])} to "
            f"{_number(sii['upper95'])}). The relative index of inequality was "
            f"{_number(rii['value'], 2)} (95% CI {_number(rii['lower95'], 2)} to "
            f"{_number(rii['upper95'], 2)}): the modelled rate at the least deprived end as a "
            f"multiple of the rate at the most deprived end.", className="sii-sentence"))
    if not pd.isna(excess["value"]):
        if excess["value"] >= 0:
            text = (f"About {_about(excess['value'])} infant deaths a year would not have "
                    "happened if every quintile had the least deprived quintile's rate")
        else:
            text = (f"If every quintile had the least deprived quintile's rate there would have "
                    f"been about {_about(-excess['value'])} more infant deaths a year")
        parts.append(html.P(
            f"{text} (95% CI {_about(excess['lower95'])} to {_about(excess['upper95'])}).",
            className="excess-sentence"))
    if not parts:
        parts.append(html.P(f"The measures of inequality cannot be calculated for {area_name} "
                            f"in {period}: {by_name['note'].iloc[0]}"))
    return parts


def measures_table(measures: pd.DataFrame) -> dbc.Table:
    shown = pd.DataFrame({
        "Measure": measures["measure"],
        "Value": [_value(v, u) for v, u in zip(measures["value"], measures["unit"], strict=True)],
        "95% confidence interval": [
            "" if pd.isna(lo) else f"{_number(lo, 2)} to {_number(hi, 2)}"
            for lo, hi in zip(measures["lower95"], measures["upper95"], strict=True)],
        "Note": measures["note"].fillna(""),
    })
    return dbc.Table.from_dataframe(shown, striped=True, bordered=False, hover=True, size="sm",
                                    className="measures-table")


def _value(value: float, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "Cannot be calculated"
    return f"{value:,.2f} {unit}".strip()


QUINTILE_COLUMNS = {
    "category": "IMD quintile",
    "count": "Infant deaths",
    "denominator": "Live births",
    "value": "Rate per 1,000",
    "lower95": "Lower 95% CI",
    "upper95": "Upper 95% CI",
    "value_note": "Note",
}


def quintile_table(quintiles: pd.DataFrame) -> dbc.Table:
    """The chart's numbers: quintile in words, deaths, births, rate and interval."""
    shown = quintiles[list(QUINTILE_COLUMNS)].copy()
    shown["category"] = shown["category"].map(quintile_label)
    for column in ("count", "denominator"):
        shown[column] = shown[column].map(lambda v: _number(v, 0))
    for column in ("value", "lower95", "upper95"):
        shown[column] = shown[column].map(_number)
    shown = shown.fillna("").rename(columns=QUINTILE_COLUMNS)
    return dbc.Table.from_dataframe(shown, striped=True, bordered=False, hover=True, size="sm",
                                    className="values-table quintile-table")


def no_data(area_name: str, period: str) -> html.P:
    return html.P(f"There are no infant mortality rates by deprivation quintile for {area_name} "
                  f"in {period}.")
