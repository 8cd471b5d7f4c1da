"""Small building blocks shared by the pages."""

from __future__ import annotations

import json

from dash import dcc, html


def dom_id(component_id: str | dict) -> str:
    """The id attribute Dash gives a component in the page (dict ids become sorted JSON)."""
    if isinstance(component_id, str):
        return component_id
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def labelled_dropdown(component_id: str | dict, label: str, options: list[dict], value: str | None):
    return html.Div([
        html.Label(label, htmlFor=dom_id(component_id), className="form-label fw-bold"),
        dcc.Dropdown(id=component_id, options=options, value=value, clearable=False),
    ])


def chart_graph(component_id: str, filename: str) -> dcc.Graph:
    """A chart whose toolbar offers a PNG download with a sensible file name."""
    return dcc.Graph(
        id=component_id,
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        },
        className="chart",
    )
