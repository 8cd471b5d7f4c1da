"""The small multiples page: the trend of one indicator for every area of the chosen area's
region (or its statistical neighbours), one small chart each, ordered A to Z or by latest
value, each period's point coloured by its comparison with England."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.components import chart_graph, labelled_dropdown, radio_group, scroll_region
from layouts.pages.all_areas import SET_OPTIONS
from layouts.skeleton import chart_page
from layouts.text_table import markdown_table

SORT_OPTIONS = [{"label": "A to Z", "value": "name"},
                {"label": "Latest value, highest first", "value": "value"}]


def layout(indicator_options: list[dict], area_options: list[dict], *, indicator: str | None,
           area: str | None, area_set: str, sort: str) -> html.Div:
    return chart_page(
        "Small multiples",
        "One small trend chart per area on a shared scale. Each point is coloured by how "
        "that period's value compares with England (Better, Similar, Worse; Higher, Lower "
        "where no judgement is made; grey where not compared); England is the dashed "
        "line in every chart, and the chosen area's line is blue and thicker.",
        [dbc.Col(labelled_dropdown(ids.MULTIPLES_INDICATOR, "Indicator", indicator_options,
                                   indicator), md=6),
         dbc.Col(labelled_dropdown(ids.MULTIPLES_AREA, "Area", area_options, area), md=6),
         dbc.Col(radio_group(ids.MULTIPLES_SET, "Areas", SET_OPTIONS, area_set), md=6),
         dbc.Col(radio_group(ids.MULTIPLES_SORT, "Order", SORT_OPTIONS, sort), md=6)],
        summary_id=ids.MULTIPLES_SUMMARY, chart=chart_graph(ids.MULTIPLES_CHART, "small-multiples"),
        heading="Latest values", download=(ids.MULTIPLES_DOWNLOAD_BUTTON, ids.MULTIPLES_DOWNLOAD),
        table=scroll_region(html.Div(id=ids.MULTIPLES_TABLE), "Latest values table"))


def latest_table(latest: pd.DataFrame, highlight: str | None):
    rows, chosen = [], set()
    for index, r in enumerate(latest.itertuples(index=False)):
        if r.area_code == highlight:
            chosen.add(index)
        rows.append([r.area_name, r.period_label or "", "" if pd.isna(r.value) else f"{r.value:.1f}",
                     r.compared_england if isinstance(r.compared_england, str) else ""])
    return markdown_table(["Area", "Latest period", "Value", "Compared with England"], rows,
                          strong_rows=chosen, component_id=f"{ids.MULTIPLES_TABLE}-rows")

