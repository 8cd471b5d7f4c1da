"""The child deaths page: reviews of infant deaths by the Child Death Overview Panel.

Every function here receives counts that have already been suppressed (NaN where
hidden); none of them can see a hidden count.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.components import chart_graph, labelled_dropdown, scroll_region
from layouts.figures.child_deaths import HIDDEN
from layouts.skeleton import chart_page

VIEWS = {
    "category": "Category of death",
    "modifiable": "Modifiable factors identified",
    "factors": "Factors identified",
    "age_band": "Age at death",
    "quintile": "Deprivation quintile",
    "ethnicity": "Ethnic group",
    "expected": "Expected or unexpected",
    "notified": "Notified and reviewed",
}
TOTAL = "Total"


def view_options() -> list[dict]:
    return [{"label": label, "value": key} for key, label in VIEWS.items()]


def layout(area_options: list[dict], period_options: list[dict], area: str | None,
           period: str | None, view: str, k: int) -> html.Div:
    return chart_page(
        "Child deaths",
        "Reviews by the Child Death Overview Panel (CDOP) of infants who died before "
        "their first birthday, counted in the financial year the review was completed.",
        [dbc.Col(labelled_dropdown(ids.CHILD_DEATHS_AREA, "Area", area_options, area), md=4),
         dbc.Col(labelled_dropdown(ids.CHILD_DEATHS_PERIOD, "Financial year", period_options,
                                   period), md=4),
         dbc.Col(labelled_dropdown(ids.CHILD_DEATHS_VIEW, "Chart shows", view_options(), view),
                 md=4)],
        intro=[disclosure_note(k)],
        summary_id=ids.CHILD_DEATHS_SUMMARY,
        chart=chart_graph(ids.CHILD_DEATHS_CHART, "child-death-reviews"),
        heading="Tables", download=(ids.CHILD_DEATHS_DOWNLOAD_BUTTON, ids.CHILD_DEATHS_DOWNLOAD),
        table=html.Div(id=ids.CHILD_DEATHS_TABLES),
        after=[html.P("Only financial years are offered: figures for overlapping periods could be "
                      "subtracted from one another to work out a hidden count. Reviews can take "
                      "more than a year to complete, so the latest year is incomplete.",
                      className="small text-muted mt-3")])


def disclosure_note(k: int) -> dbc.Alert:
    return dbc.Alert([
        html.Strong("Why some numbers are hidden. "),
        f"These figures are about individual children. Counts from 1 to {k} are not shown, "
        f"and some other counts are hidden too so that they cannot be worked out from the "
        f"totals. Every hidden count is shown as '{HIDDEN}', in the charts, the tables and "
        "the download alike.",
    ], color="info", className="disclosure-note")


def _count(value: float) -> str:
    return HIDDEN if pd.isna(value) else f"{value:,.0f}"


def _deaths(value: float) -> str:
    return "infant deaths (number hidden)" if pd.isna(value) else f"{value:,.0f} infant deaths"


def summary(area_name: str, period: str, frame: pd.DataFrame) -> html.P:
    counts = frame[frame["table"] == "notified"]["count"]
    told, reviewed = counts.iloc[0], counts.iloc[1]
    return html.P(
        f"In {period} the panel completed reviews of {_deaths(reviewed)} in {area_name} and "
        f"was notified of {_deaths(told)}.", className="child-deaths-summary")


def no_records(area_name: str) -> html.P:
    return html.P(f"There are no child death review records for {area_name} in the loaded "
                  "data. Reviews are loaded from local CDOP extracts.")


def no_year(period: str, years: list[str]) -> html.P:
    offered = f"{years[0]} to {years[-1]}" if years else "none yet"
    return html.P(f"There are no reviews for '{period}'. Financial years with reviews: {offered}.")


def chart_cells(frame: pd.DataFrame, view: str) -> pd.DataFrame:
    """The rows the chart for `view` draws: a table's cells without its total, or for
    "factors" each factor's 'Yes' count."""
    if view == "factors":
        factors = frame[frame["table"].str.startswith("factor_") & frame["category"].eq("Yes")]
        return factors.assign(category=factors["title"].str.removeprefix("Factor: ").str.capitalize())
    cells = frame[(frame["table"] == view) & (frame["category"] != TOTAL)]
    return cells.reset_index(drop=True)


def _percent(count: float, total: float) -> str:
    if pd.isna(count) or pd.isna(total) or total == 0:
        return ""
    return f"{100 * count / total:.0f}%"


def _one_table(cells: pd.DataFrame, heading: str) -> html.Div:
    total = cells.loc[cells["category"] == TOTAL, "count"]
    total = total.iloc[0] if len(total) else float("nan")
    shown = pd.DataFrame({
        "Category": cells["category"],
        "Number": cells["count"].map(_count),
        "Per cent of reviews": [_percent(c, total) if cat != TOTAL else ""
                                for c, cat in zip(cells["count"], cells["category"], strict=True)],
    })
    return html.Div([html.H3(heading, className="h5 mt-3"),
                     scroll_region(dbc.Table.from_dataframe(
                         shown, striped=True, bordered=False, size="sm",
                         className="values-table review-table"), heading)])


def _factor_table(frame: pd.DataFrame) -> html.Div:
    factors = frame[frame["table"].str.startswith("factor_")]
    wide = factors.pivot(index="title", columns="category", values="count")
    order = factors["title"].drop_duplicates()
    wide = wide.reindex(index=order, columns=["Yes", "No", "Not recorded", TOTAL])
    shown = pd.DataFrame({"Factor": [t.removeprefix("Factor: ").capitalize() for t in wide.index]})
    for column in wide.columns:
        shown[column] = wide[column].map(_count).to_numpy()
    heading = "Factors identified in the review"
    return html.Div([html.H3(heading, className="h5 mt-3"),
                     scroll_region(dbc.Table.from_dataframe(
                         shown, striped=True, bordered=False, size="sm",
                         className="values-table review-table"), heading)])


def review_tables(frame: pd.DataFrame) -> list:
    """Every table of the page, as accessible HTML tables, two abreast on wide screens."""
    parts = []
    for key, heading in VIEWS.items():
        if key == "factors":
            parts.append(_factor_table(frame))
        elif key == "notified":
            cells = frame[frame["table"] == key]
            shown = pd.DataFrame({"Count": cells["category"], "Number": cells["count"].map(_count)})
            parts.append(html.Div([
                html.H3(heading, className="h5 mt-3"),
                scroll_region(dbc.Table.from_dataframe(
                    shown, striped=True, bordered=False, size="sm",
                    className="values-table review-table"), heading)]))
        else:
            parts.append(_one_table(frame[frame["table"] == key], heading))
    return [dbc.Row([dbc.Col(part, lg=6) for part in parts], className="g-4")]
