"""The frame most pages share: title and lead, the controls, a loading region holding the
summary in words and the chart, then the results' heading, the CSV button and the table."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from layouts.components import csv_download


def chart_page(
    title: str, lead: str, controls: Sequence[dbc.Col], *, summary_id: str,
    chart: Component | Sequence[Component] | None, heading: str, download: tuple[str, str],
    table: Component, intro: Sequence[Component] = (), between: Sequence[Component] = (),
    after: Sequence[Component] = (),
) -> html.Div:
    """A page: `intro` (notes under the lead), the `controls` (columns of one row), the
    summary (`summary_id`, filled by the page's callback) above `chart` while it loads,
    `between` (attribution, further measures), the `heading` over the results, the CSV
    button (`download` = (button id, download id)), the `table` and `after` (method notes)."""
    charts = [] if chart is None else [chart] if isinstance(chart, Component) else list(chart)
    return html.Div([
        html.H1(title),
        html.P(lead, className="lead"),
        *intro,
        dbc.Row(list(controls), className="controls g-3"),
        dcc.Loading(html.Div([html.Div(id=summary_id, className="summary"), *charts])),
        *between,
        html.H2(heading, className="h4 mt-4"),
        csv_download(*download),
        table,
        *after,
    ])
