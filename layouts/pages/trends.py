"""The trends page: one indicator over time for an area, with region and England."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from indicators.names import (
    COMPARED_ENGLAND,
    COMPARED_REGION,
    LOWER95,
    NEIGHBOURS_AVERAGE_METHOD,
    PERIOD_LABEL,
    UPPER95,
    VALUE_NOTE,
)
from indicators.source_words import place_sources
from layouts import ids
from layouts.components import chart_graph, labelled_dropdown, scroll_region
from layouts.numbers import count, fixed, missing, percent
from layouts.skeleton import chart_page


def layout(
    area_options: list[dict], indicator_options: list[dict], area: str, indicator: str
) -> html.Div:
    return chart_page(
        "Trends",
        "An indicator over time for the chosen area, with its 95% confidence interval, "
        "beside its region and England.",
        [dbc.Col(labelled_dropdown(ids.TRENDS_INDICATOR, "Indicator", indicator_options,
                                   indicator), md=6),
         dbc.Col(labelled_dropdown(ids.TRENDS_AREA, "Area", area_options, area), md=6)],
        summary_id=ids.TRENDS_SUMMARY, chart=chart_graph(ids.TRENDS_CHART, "trend"),
        heading="Values", download=(ids.TRENDS_DOWNLOAD_BUTTON, ids.TRENDS_DOWNLOAD),
        table=scroll_region(html.Div(id=ids.TRENDS_TABLE), "Values table"))


TABLE_COLUMNS = {
    PERIOD_LABEL: "Period",
    "count": "Count",
    "denominator": "Denominator",
    "value": "Value",
    LOWER95: "Lower 95% CI",
    UPPER95: "Upper 95% CI",
    "region_value": "Region",
    "england_value": "England",
    COMPARED_ENGLAND: "Compared with England",
    COMPARED_REGION: "Compared with region",
    "data_quality": "Data quality",
    VALUE_NOTE: "Note",
    "source": "Source",
}


def _by_period(frame: pd.DataFrame | None) -> pd.Series:
    if frame is None or frame.empty:
        return pd.Series(dtype=float)
    return frame.drop_duplicates(PERIOD_LABEL).set_index(PERIOD_LABEL)["value"]


def _data_quality(flag: object, share: object) -> str:
    if missing(flag) or not str(flag):
        return ""
    return f"{flag} ({percent(share)})" if percent(share) else str(flag)


def values_table(frame: pd.DataFrame, *, region: pd.DataFrame | None = None,
                 region_name: str = "Region", england: pd.DataFrame | None = None,
                 places: int = 1) -> html.Div:
    """The chart's numbers as an accessible table: the area's counts (whole) and values
    (`places` d.p.: 0 for an indicator that is a count) with the region's and England's
    values for the same period, the comparisons in words, the data-quality flag, the
    value note and where the area's value comes from (`source`, indicators.source_words);
    empty cells empty."""
    shown = frame.copy()
    shown["region_value"] = shown[PERIOD_LABEL].map(_by_period(region))
    shown["england_value"] = shown[PERIOD_LABEL].map(_by_period(england))
    shown["data_quality"] = [_data_quality(f, v) for f, v in
                             zip(shown.get("dq_flag", [None] * len(shown)),
                                 shown.get("dq_value", [None] * len(shown)), strict=True)]
    shown = shown[[c for c in TABLE_COLUMNS if c in shown.columns]]
    for column in ("count", "denominator"):
        shown[column] = shown[column].map(count)
    for column in ("value", LOWER95, UPPER95, "region_value", "england_value"):
        shown[column] = shown[column].map(lambda v: fixed(v, places))
    for column in (COMPARED_ENGLAND, COMPARED_REGION, VALUE_NOTE, "source"):
        if column in shown.columns:
            shown[column] = shown[column].map(lambda v: "" if missing(v) else str(v))
    headers = dict(TABLE_COLUMNS, region_value=region_name)
    table = dbc.Table.from_dataframe(shown.rename(columns=headers), striped=True,
                                     bordered=False, hover=True, size="sm",
                                     className="values-table trends-values")
    return table


def value_places(meta: dict) -> int:
    """Decimal places an indicator's values are shown to: whole numbers for a count."""
    return 0 if meta.get("value_type") == "Count" else 1


def neighbours_note(average: pd.DataFrame) -> str:
    """How the neighbours average line is formed, and why it is missing where it is."""
    shown = int(average["value"].notna().sum())
    text = f"Neighbours average ({shown} of {len(average)} periods): {NEIGHBOURS_AVERAGE_METHOD}"
    gaps = average.loc[average["value"].isna(), VALUE_NOTE].dropna()
    return text + (f" Latest gap: {gaps.iloc[-1]}." if len(gaps) else "")


def sources_note(frames: list[tuple[str, pd.DataFrame]]) -> str:
    """Where the chart's figures come from: "Sources: England and North West: published by
    ...; Blackpool: computed from ...". `frames` are (place name, its rows with `source`)."""
    lines = place_sources((name, source) for name, frame in frames
                          for source in (frame["source"] if "source" in frame else []))
    return "Sources: " + "; ".join(lines) + "." if lines else ""
