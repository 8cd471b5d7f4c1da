"""The data page's reconciliation section: local figures beside the published ones, the
rule that decides which is shown, and published comparisons that differ from ours.

Each list can run to thousands of rows, so the page shows a page of rows at a time
(layouts.paging), largest differences first, as a plain table of text cells: one component
per cell, the fewest that still make a real table for screen readers. The CSV has every
row and every column."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from indicators.catalogue import get_indicator
from indicators.names import AREA_NAME, CATEGORY, CATEGORY_TYPE, INDICATOR_ID, PERIOD_LABEL
from layouts import ids, paging
from layouts.components import csv_download, scroll_region

PRECEDENCE = [
    "a value computed from the area's own counts in a local extract;",
    "else the published value (a Fingertips download first, then the ONS tables);",
    "else an aggregate of its lower geography areas, made only when every one of them has "
    "counts (never a partial sum);",
    "else no value, with a note saying what is missing.",
]
# The columns a person reads; the CSV (reconcile_csv) keeps the rest (denominators, the
# published interval, which value is shown, the publisher).
PAIR_COLUMNS = {
    AREA_NAME: "Area", INDICATOR_ID: "Indicator", PERIOD_LABEL: "Period",
    CATEGORY: "Category", "computed_count": "Our count", "published_count": "Published count",
    "count_difference": "Count difference", "computed_value": "Our value",
    "published_value": "Published value", "value_difference": "Value difference",
    "published_ci_contains_ours": "Published 95% CI contains ours",
    "computed_source": "Our source", "published_source": "Published source",
}
DISAGREEMENT_COLUMNS = {
    AREA_NAME: "Area", INDICATOR_ID: "Indicator", PERIOD_LABEL: "Period",
    CATEGORY: "Category", "benchmark": "Compared with", "ours": "Ours (shown)",
    "published": "Published", "published_source": "Published source",
}
DIFFERENCES = ["count_difference", "value_difference", "denominator_difference"]
COLUMNS = {"pairs": PAIR_COLUMNS, "differing": DISAGREEMENT_COLUMNS}
LABELS = {"pairs": "Local against published figures",
          "differing": "Published comparisons that differ from ours"}
ORDER_WORDS = {
    "pairs": "Largest differences first: by the count difference, either way (ours minus "
             "the published), then by the value difference, then the denominator's; rows "
             "whose difference is missing come last.",
    "differing": "In order of indicator, area and period.",
}
MISSING_WORDS = ("An empty cell is a figure that is missing (not published, or not worked "
                 "out here); it is never a zero.")


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
        # Set by the words' callback once it has the lists: the page callbacks then start.
        dcc.Store(id=ids.DATA_RECONCILE_TOTALS),
        _block("pairs"),
        html.Div(id=ids.DATA_RECONCILE_DIFFERING),
        _block("differing"),
    ])


def _block(table: str) -> html.Div:
    """A table's page control and its rows, filled (and shown) by the page callback."""
    def part(name: str) -> str:
        return ids.reconcile_part(table, name)

    return html.Div([
        paging.pager(part("rows"), part("status"), part("previous"), part("next"),
                     part("page"), f"Pages of {LABELS[table].lower()}"),
        html.Div(id=part("rows")),
    ], id=part("block"), hidden=True)


def largest_differences_first(pairs: pd.DataFrame) -> pd.DataFrame:
    """`pairs` (data.queries.reconcile.reconciliation) in the order an analyst reads them
    (ORDER_WORDS["pairs"]); rows that tie keep the order they came in."""
    if pairs.empty:
        return pairs
    return pairs.sort_values(DIFFERENCES, ascending=False, na_position="last", kind="stable",
                             key=lambda column: column.astype("float64").abs(),
                             ignore_index=True)


def _indicator(key: object) -> str:
    try:
        return get_indicator(str(key)).name
    except KeyError:
        return str(key)


def _number(value: object, signed: bool = False) -> str:
    """1,234 for a whole number, 2 decimal places otherwise, 2 significant figures for a
    difference under 0.01 (so it does not read as none); "+" before a positive difference."""
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    if abs(value) < 1e-9:  # the same figure worked out two ways, not a difference
        value = 0.0
    sign = "+" if signed and value else ""
    if value.is_integer():
        return f"{value:{sign},.0f}"
    if signed and abs(value) < 0.01:
        return f"{value:{sign}.2g}"
    return f"{value:{sign},.2f}"


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _category(row: pd.Series) -> str:
    kind, category = _text(row.get(CATEGORY_TYPE)), _text(row.get(CATEGORY))
    if not category:
        return "All"
    return f"{kind}: {category}" if kind else category


def cells(frame: pd.DataFrame, columns: dict[str, str]) -> list[list[str]]:
    """Each row of `frame` as the text of its cells under `columns`: numbers formatted
    (differences signed), missing as "", the indicator by its name, no category as "All"."""
    rows = []
    for _, row in frame.iterrows():
        out = []
        for column in columns:
            value = row.get(column)
            if column == CATEGORY:
                out.append(_category(row))
            elif column == INDICATOR_ID:
                out.append(_indicator(value))
            elif pd.api.types.is_number(value) and not pd.api.types.is_bool(value):
                out.append(_number(value, signed=column.endswith("_difference")))
            else:
                out.append(_text(value))
        rows.append(out)
    return rows


def text_table(headers: list[str], rows: list[list[str]], caption: str) -> html.Table:
    """A real table (caption, column headers with scope) of plain text cells. The caption
    is for screen readers: the page control above says the same on screen."""
    return html.Table([
        html.Caption(caption, className="visually-hidden"),
        html.Thead(html.Tr([html.Th(header, scope="col") for header in headers])),
        html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
    ], className="table table-sm table-striped reconcile-table")


def page_view(table: str, rows: pd.DataFrame, page: paging.Page) -> tuple:
    """The page callback's outputs for `page` of `rows` (already in their order): the table,
    the row words, whether Previous and Next are at an end, the page number, and whether
    the block is hidden (no rows)."""
    columns = COLUMNS[table]
    shown = [] if rows.empty else scroll_region(text_table(
        list(columns.values()), cells(rows.iloc[page.start:page.stop], columns),
        f"{LABELS[table]}: {paging.rows_words(page).lower()}"), LABELS[table])
    return (shown, paging.rows_words(page),
            str(not page.has_previous).lower(), str(not page.has_next).lower(), page.number,
            rows.empty)


def intros(pairs: pd.DataFrame, disagreements: pd.DataFrame) -> tuple[list, list, dict]:
    """The words above each table (how many rows, in what order, what an empty cell
    means), and the number of rows of each."""
    if pairs.empty:
        first = [html.P("No area has both a value computed here and a published one.")]
    else:
        first = [html.P(f"{len(pairs):,} values computed here are also published."),
                 html.P(f"{ORDER_WORDS['pairs']} {MISSING_WORDS}")]
    second = [] if disagreements.empty else [
        html.H3(LABELS["differing"], className="h5 mt-3"),
        html.P("Ours is worked out from the values shown, by Fingertips' rule (the area's 95% "
               "interval against the benchmark's value), and is what the dashboard shows."),
        html.P(f"{len(disagreements):,} published comparisons differ from ours. "
               f"{ORDER_WORDS['differing']} {MISSING_WORDS}")]
    return first, second, {"pairs": len(pairs), "differing": len(disagreements)}


def reconcile_csv(pairs: pd.DataFrame, disagreements: pd.DataFrame) -> pd.DataFrame:
    """Both lists in one file, every row and column, in the order the page shows them: a
    `kind` column says which."""
    return pd.concat([largest_differences_first(pairs).assign(kind="computed and published"),
                      disagreements.assign(kind="differing comparison")], ignore_index=True)
