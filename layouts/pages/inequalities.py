"""The inequalities page: infant mortality by deprivation quintile and the size of the gap."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.names import LOWER95, PERIOD_LABEL, UPPER95, VALUE_NOTE
from indicators.names import MEASURE_DIFFERENCE as DIFFERENCE
from indicators.names import MEASURE_EXCESS as EXCESS
from indicators.names import MEASURE_PAF as PAF
from indicators.names import MEASURE_RATIO as RATIO
from indicators.names import MEASURE_RII as RII
from indicators.names import MEASURE_SII as SII
from layouts import ids
from layouts.components import chart_graph, labelled_dropdown, scroll_region
from layouts.figures.quintiles import quintile_label
from layouts.numbers import about, fixed, percent
from layouts.pages.inequalities_ethnicity import ethnic_section
from layouts.skeleton import chart_page


def layout(area_options: list[dict], period_options: list[dict], area: str | None,
           period: str | None) -> html.Div:
    return chart_page(
        "Inequalities",
        "Infant mortality by the deprivation of the area where the mother lives (Index "
        "of Multiple Deprivation quintiles: 1 is the most deprived fifth, 5 the least), "
        "with 95% confidence intervals, and the size of the gap.",
        [dbc.Col(labelled_dropdown(ids.INEQUALITIES_AREA, "Area", area_options, area), md=6),
         dbc.Col(labelled_dropdown(ids.INEQUALITIES_PERIOD, "Period", period_options, period),
                 md=6)],
        summary_id=ids.INEQUALITIES_SUMMARY,
        chart=chart_graph(ids.INEQUALITIES_CHART, "infant-mortality-by-deprivation"),
        between=[html.H2("Measures of the gap", className="h4 mt-4"),
                 html.Div(id=ids.INEQUALITIES_MEASURES)],
        heading="Rates by quintile",
        download=(ids.INEQUALITIES_DOWNLOAD_BUTTON, ids.INEQUALITIES_DOWNLOAD),
        table=html.Div(id=ids.INEQUALITIES_TABLE),
        after=[
            html.H2("The gap over time", className="h4 mt-4"),
            html.P("The slope index of inequality for every 3-year pooled period, with its 95% "
                   "confidence interval. Below zero: lower rates at the least deprived end.",
                   className="small"),
            dcc.Loading(chart_graph(ids.INEQUALITIES_GAP_CHART, "inequality-gap-over-time")),
            html.Div(id=ids.INEQUALITIES_GAP_TABLE),
            *ethnic_section(),
            html.P("Method: crude rates per 1,000 live births with exact Poisson (fewer than 10 "
                   "deaths) or Byar's 95% confidence intervals. The slope index of inequality "
                   "(Low & Low 2004) is computed as PHE does for rates (PHEindicatormethods' "
                   "phe_sii with transform = TRUE): a line fitted to the log of the rates across "
                   "the whole population, weighted by births; the SII is the modelled rate at the "
                   "least deprived end minus the rate at the most deprived end, and the relative "
                   "index (RII) their ratio. Every measure on this page compares the least "
                   "deprived with the most deprived, so a negative difference or SII, or a ratio "
                   "or RII below 1, means lower rates where deprivation is least. Excess deaths "
                   "use a reference rate: the least deprived quintile's, when it had 10 or more "
                   "deaths; otherwise quintiles 4 and 5 pooled, when together they had 10 or "
                   "more; otherwise they are not calculated. Intervals for these measures are "
                   "simulated (100,000 draws, fixed seed).",
                   className="small text-muted mt-3"),
        ])


def period_option_label(period_label: str, year_range: int) -> str:
    return f"{period_label} (3-year pooled)" if year_range == 3 else f"{period_label} (single year)"


def _ci(row: pd.Series, places: int) -> str:
    return f"95% CI {fixed(row['lower95'], places)} to {fixed(row['upper95'], places)}"


def _sii_sentence(area_name: str, period: str, sii: pd.Series) -> str:
    side = "lower" if sii["value"] < 0 else "higher"
    return (f"Slope index of inequality: across {area_name} in {period}, the modelled infant "
            f"mortality rate was {fixed(abs(sii['value']))} per 1,000 live births {side} at the "
            f"least deprived end than at the most deprived end (SII {fixed(sii['value'])}, "
            f"{_ci(sii, 1)}).")


def _rii_sentence(rii: pd.Series, ratio: pd.Series) -> str:
    text = (f"Relative index of inequality: the modelled rate at the least deprived end was "
            f"{fixed(rii['value'], 2)} times the rate at the most deprived end (RII "
            f"{fixed(rii['value'], 2)}, {_ci(rii, 2)}).")
    if not pd.isna(ratio["value"]):
        text += (f" The observed rate in the least deprived quintile was "
                 f"{fixed(ratio['value'], 2)} times that in the most deprived: the same "
                 "comparison made from the two end quintiles alone, where the RII uses all "
                 "five.")
    return text


def _excess_sentence(excess: pd.Series, paf: pd.Series) -> str:
    if excess["value"] >= 0:
        text = (f"About {about(excess['value'])} infant deaths a year (95% CI "
                f"{about(excess['lower95'])} to {about(excess['upper95'])}) would not have "
                "happened if every quintile had had the reference rate, "
                f"{percent(paf['value'])} of infant deaths (95% CI {percent(paf['lower95'])} "
                f"to {percent(paf['upper95'])}).")
    else:
        text = (f"If every quintile had had the reference rate there would have been about "
                f"{about(-excess['value'])} more infant deaths a year (95% CI "
                f"{about(excess['lower95'])} to {about(excess['upper95'])}).")
    return f"{text} {excess['note']}"


def summary(area_name: str, period: str, measures: pd.DataFrame) -> list:
    """Sentences on the slope and relative index of inequality and excess deaths, each
    comparing the least deprived end with the most deprived end."""
    by_name = measures.set_index("measure")
    sii, rii, excess = by_name.loc[SII], by_name.loc[RII], by_name.loc[EXCESS]
    parts = []
    if not pd.isna(sii["value"]):
        parts.append(html.P(_sii_sentence(area_name, period, sii), className="sii-sentence"))
        parts.append(html.P(_rii_sentence(rii, by_name.loc[RATIO]), className="rii-sentence"))
    else:
        parts.append(html.P(f"The slope and relative indices of inequality are not calculated "
                            f"for {area_name} in {period}. {sii['note']}",
                            className="sii-sentence"))
    if not pd.isna(excess["value"]):
        parts.append(html.P(_excess_sentence(excess, by_name.loc[PAF]),
                            className="excess-sentence"))
    else:
        parts.append(html.P(f"Excess deaths and the attributable fraction are not calculated. "
                            f"{excess['note']}",
                            className="excess-sentence"))
    return parts


# Each measure's words, on screen and in the download's indicator name.
MEASURE_LABELS = {
    RATIO: "Ratio, least to most deprived quintile",
    DIFFERENCE: "Difference, least minus most deprived quintile",
    SII: "Slope index of inequality (SII)",
    RII: "Relative index of inequality (RII)",
    EXCESS: "Excess infant deaths a year",
    PAF: "Population attributable fraction",
}
# Places shown on screen (the CSV keeps every digit).
PLACES = {RATIO: 2, RII: 2, DIFFERENCE: 1, SII: 1}


def _shown(measure: str, value: float, unit: str) -> str:
    if pd.isna(value):
        return ""
    if unit == "%":
        return percent(value)
    if measure == EXCESS:
        return about(value)
    return fixed(value, PLACES.get(measure, 1))


def measures_table(measures: pd.DataFrame) -> html.Div:
    """The measures rounded for reading, with their units and the basis of each."""
    shown = pd.DataFrame({
        "Measure": measures["measure"].map(MEASURE_LABELS),
        "Value": [_shown(m, v, u) or "Not calculated" for m, v, u in
                  zip(measures["measure"], measures["value"], measures["unit"], strict=True)],
        "Unit": measures["unit"].fillna(""),
        "95% confidence interval": [
            "" if pd.isna(lo) else f"{_shown(m, lo, u)} to {_shown(m, hi, u)}"
            for m, lo, hi, u in zip(measures["measure"], measures[LOWER95],
                                    measures[UPPER95], measures["unit"], strict=True)],
        "Basis": measures["note"].fillna(""),
    })
    table = dbc.Table.from_dataframe(shown, striped=True, bordered=False, hover=True, size="sm",
                                     className="measures-table")
    return scroll_region(table, "Measures of the gap")


QUINTILE_COLUMNS = {
    "category": "IMD quintile",
    "count": "Infant deaths",
    "denominator": "Live births",
    "value": "Rate per 1,000",
    LOWER95: "Lower 95% CI",
    UPPER95: "Upper 95% CI",
    VALUE_NOTE: "Note",
}


def quintile_table(quintiles: pd.DataFrame) -> html.Div:
    """The chart's numbers: quintile in words, deaths, births, rate and interval."""
    shown = quintiles[list(QUINTILE_COLUMNS)].copy()
    shown["category"] = shown["category"].map(quintile_label)
    for column in ("count", "denominator"):
        shown[column] = shown[column].map(lambda v: fixed(v, 0))
    for column in ("value", LOWER95, UPPER95):
        shown[column] = shown[column].map(fixed)
    shown[VALUE_NOTE] = shown[VALUE_NOTE].map(lambda v: "" if pd.isna(v) else str(v))
    shown = shown.rename(columns=QUINTILE_COLUMNS)
    table = dbc.Table.from_dataframe(shown, striped=True, bordered=False, hover=True, size="sm",
                                     className="values-table quintile-table")
    return scroll_region(table, "Rates by quintile")


GAP_COLUMNS = {PERIOD_LABEL: "Period", "sii": "SII per 1,000", LOWER95: "Lower 95% CI",
               UPPER95: "Upper 95% CI", "note": "Note"}


def gap_table(gap: pd.DataFrame) -> html.Div:
    """The gap chart's numbers, newest period first; the reason where no SII was fitted."""
    shown = gap.iloc[::-1][list(GAP_COLUMNS)].copy()
    for column in ("sii", LOWER95, UPPER95):
        shown[column] = shown[column].map(fixed)
    shown["note"] = [note if pd.isna(value) else "" for note, value in
                     zip(shown["note"], gap.iloc[::-1]["sii"], strict=True)]
    table = dbc.Table.from_dataframe(shown.rename(columns=GAP_COLUMNS), striped=True,
                                     bordered=False, hover=True, size="sm",
                                     className="values-table gap-table")
    return scroll_region(table, "Slope index of inequality by period")


def no_data(area_name: str, period: str) -> html.P:
    return html.P(f"There are no infant mortality rates by deprivation quintile for {area_name} "
                  f"in {period}.")
