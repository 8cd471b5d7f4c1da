"""The compare-areas page: peer areas ranked or in a funnel plot against England or the region."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from indicators.names import AREA_CODE, VALUE_NOTE
from layouts import ids
from layouts.components import chart_graph, labelled_dropdown, radio_group, scroll_region
from layouts.figures.ranked import comparison_colour
from layouts.numbers import with_unit
from layouts.skeleton import chart_page

BENCHMARK_OPTIONS = [{"label": "England", "value": "england"},
                     {"label": "The area's region", "value": "region"}]
AREA_SET_OPTIONS = [{"label": "England or the region (as compared with)", "value": "all"},
                    {"label": "The area and its statistical neighbours", "value": "neighbours"}]
VIEW_OPTIONS = [{"label": "Ranked bars", "value": "ranked"},
                {"label": "Funnel plot", "value": "funnel"}]


def layout(
    indicator_options: list[dict], area_options: list[dict], period_options: list[dict], *,
    indicator: str | None, area: str | None, period: str | None, benchmark: str, view: str,
    areas: str = "all",
) -> html.Div:
    return chart_page(
        "Compare areas",
        "The local authorities of England, or of the chosen area's region, ranked by "
        "the indicator with 95% confidence intervals and coloured by how each compares "
        "with the benchmark; or a funnel plot of each value against its denominator.",
        [dbc.Col(labelled_dropdown(ids.COMPARE_INDICATOR, "Indicator", indicator_options,
                                   indicator), md=6),
         dbc.Col(labelled_dropdown(ids.COMPARE_AREA, "Area to highlight", area_options, area),
                 md=6),
         dbc.Col(labelled_dropdown(ids.COMPARE_PERIOD, "Period", period_options, period), md=4),
         dbc.Col(radio_group(ids.COMPARE_BENCHMARK, "Compare with", BENCHMARK_OPTIONS,
                             benchmark), md=4),
         dbc.Col(radio_group(ids.COMPARE_VIEW, "Chart", VIEW_OPTIONS, view), md=4),
         dbc.Col(radio_group(ids.COMPARE_AREAS, "Areas ranked", AREA_SET_OPTIONS, areas), md=12)],
        summary_id=ids.COMPARE_SUMMARY, chart=chart_graph(ids.COMPARE_CHART, "compare-areas"),
        heading="Values", download=(ids.COMPARE_DOWNLOAD_BUTTON, ids.COMPARE_DOWNLOAD),
        table=scroll_region(html.Div(id=ids.COMPARE_TABLE), "Values table"))


def _number(value: float, digits: int = 1) -> str:
    return "" if pd.isna(value) else f"{value:,.{digits}f}"


def _interval(lower: float, upper: float) -> str:
    return "" if pd.isna(lower) or pd.isna(upper) else f"{lower:.1f} to {upper:.1f}"


def comparison_cell(word: str | None) -> html.Td:
    """The word, with a swatch of its colour beside it (the swatch is decoration)."""
    word = word if isinstance(word, str) and word else "Not compared"
    swatch = html.Span(className="comparison-swatch", **{"aria-hidden": "true"}, style={
        "display": "inline-block", "width": "0.9em", "height": "0.9em", "marginRight": "0.4em",
        "background": comparison_colour(word), "border": "1px solid #0b0c0c",
        "verticalAlign": "middle"})
    return html.Td([swatch, word])


def values_table(ranked: pd.DataFrame, *, comparison_column: str, benchmark_name: str,
                 highlight: str | None, significance: pd.Series | None = None) -> dbc.Table:
    """The chart's numbers in rank order: the chosen area's row in bold, words not colours."""
    headers = ["Rank", "Area", "Value", "95% confidence interval", "Count", "Denominator",
               f"Compared with {benchmark_name}"]
    if significance is not None:
        headers.append("Funnel plot")
    headers += ["Source", "Note"]
    rows = []
    for position, row in enumerate(ranked.itertuples(index=False), start=1):
        cells = [html.Td(str(position) if pd.notna(row.value) else ""), html.Td(row.area_name),
                 html.Td(_number(row.value)), html.Td(_interval(row.lower95, row.upper95)),
                 html.Td(_number(row.count, 0)), html.Td(_number(row.denominator, 0)),
                 comparison_cell(getattr(row, comparison_column))]
        if significance is not None:
            label = significance.iloc[position - 1]
            cells.append(html.Td(label if isinstance(label, str) else "Not plotted"))
        source, note = getattr(row, "source", None), getattr(row, VALUE_NOTE, None)
        cells.append(html.Td(source if isinstance(source, str) else ""))
        cells.append(html.Td(note if isinstance(note, str) else ""))
        chosen = row.area_code == highlight
        rows.append(html.Tr(cells, className="table-active fw-bold" if chosen else None,
                            **({"aria-current": "true"} if chosen else {})))
    return dbc.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                      html.Tbody(rows)],
                     striped=True, bordered=False, hover=True, size="sm",
                     className="values-table", id=f"{ids.COMPARE_TABLE}-rows")


def _rank_words(n: int) -> str:
    """1 -> "the highest", 2 -> "2nd highest", 13 -> "13th highest"."""
    if n == 1:
        return "the highest"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} highest"


def summary_sentence(ranked: pd.DataFrame, *, highlight: str | None, comparison_column: str,
                     benchmark_name: str, benchmark_value: float | None, meta: dict,
                     period: str) -> str:
    """Where the chosen area stands: its value, rank and comparison, in words."""
    name = meta.get("name", "The indicator")
    valued = ranked.dropna(subset=["value"]).reset_index(drop=True)
    chosen = valued.index[valued[AREA_CODE] == highlight]
    if len(chosen) == 0:
        missing = ranked[ranked[AREA_CODE] == highlight]
        if missing.empty:
            return f"{name}, {period}: the chosen area has no value for this period."
        note = missing[VALUE_NOTE].iloc[0] if VALUE_NOTE in missing else None
        return (f"{name}, {period}: {missing['area_name'].iloc[0]} has no value for this period"
                + (f" ({note})." if isinstance(note, str) and note else "."))
    row = valued.loc[chosen[0]]
    unit = meta.get("unit", "")
    text = (f"{name}, {period}: {row['area_name']} {with_unit(row['value'], unit)} "
            f"(95% confidence interval {_interval(row['lower95'], row['upper95'])}), "
            f"{_rank_words(int(chosen[0]) + 1)} of {len(valued)} areas with a value.")
    word = row[comparison_column]
    if isinstance(word, str) and word != "Not compared" and pd.notna(benchmark_value):
        shown = with_unit(benchmark_value, "%" if unit == "%" else None)
        text += (f" Compared with {benchmark_name} ({shown}) it is "
                 f"{word.lower()}.")
    return text


def with_sources(sentence: str, ranked: pd.DataFrame, highlight: str | None,
                 benchmark_name: str, benchmark_source: str | None) -> str:
    """The summary followed by where the chosen area's and the benchmark's figures come
    from ("England: published by OHID Fingertips, file ... of 2025-11-05")."""
    parts = []
    chosen = ranked[ranked[AREA_CODE] == highlight]
    if not chosen.empty and isinstance(chosen["source"].iloc[0], str):
        parts.append(f"{chosen['area_name'].iloc[0]}: {chosen['source'].iloc[0]}")
    if isinstance(benchmark_source, str) and benchmark_source:
        parts.append(f"{benchmark_name}: {benchmark_source}")
    return sentence + (" Sources: " + "; ".join(parts) + "." if parts else "")
