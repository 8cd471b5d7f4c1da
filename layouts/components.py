"""Small building blocks shared by the pages."""

from __future__ import annotations

import json
import re

import dash_bootstrap_components as dbc
from dash import dcc, html


def dom_id(component_id: str | dict) -> str:
    """The id attribute Dash gives a component in the page (dict ids become sorted JSON)."""
    if isinstance(component_id, str):
        return component_id
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def label_id(component_id: str | dict) -> str:
    """A plain id for a control's visible label, derived from the control's id.

    Dict ids are spelt as their values joined by hyphens (a JSON-looking string id would be
    read by Dash as a pattern-matching id)."""
    text = component_id if isinstance(component_id, str) else "-".join(
        str(component_id[k]) for k in sorted(component_id))
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text) + "-label"


def labelled_dropdown(component_id: str | dict, label: str, options: list[dict], value: str | None):
    """A dropdown with a visible label that assistive technology also announces.

    Dash 4's dropdown is a button named by its selected value (its own aria-labelledby), so
    a `<label for>` alone is not read out. The group around it takes the label as its name:
    a screen reader says "Area, group" then "Manchester, button"."""
    return html.Div([
        html.Label(label, id=label_id(component_id), htmlFor=dom_id(component_id),
                   className="form-label fw-bold"),
        dcc.Dropdown(id=component_id, options=options, value=value, clearable=False),
    ], role="group", **{"aria-labelledby": label_id(component_id)})


def radio_group(component_id: str | dict, legend: str, options: list[dict], value: str | None):
    """Radio buttons in a fieldset whose legend names the group.

    Bootstrap's radios are native inputs, each with its own `<label for>`; Dash 4's
    RadioItems puts the inputs inside role="option" labels, which nests interactive
    elements (axe: nested-interactive)."""
    return html.Fieldset([
        html.Legend(legend, className="form-label fw-bold fs-6"),
        dbc.RadioItems(id=component_id, options=options, value=value, inline=True),
    ], className="radio-group")


def scroll_region(child, label: str) -> html.Div:
    """A box that scrolls sideways when a wide table does not fit (tablets, phones).

    Keyboard users can reach it (Tab) and scroll it (arrow keys), and a screen reader names
    it; a plain `.table-responsive` can only be scrolled with a mouse (axe:
    scrollable-region-focusable). Pass the table without dbc.Table's `responsive`."""
    return html.Div(child, className="table-responsive scroll-region", tabIndex="0",
                    role="region", **{"aria-label": label})


IMAGE_FORMATS = ("png", "svg")


def chart_image_buttons(component_id: str, filename: str) -> html.Div:
    """"Chart as PNG" and "Chart as SVG": the browser draws the image of the chart as shown
    (assets/chart_images.js), so no server round trip and no image library."""
    return html.Div([
        html.Button(f"Chart as {kind.upper()}", type="button",
                    className="btn btn-sm btn-outline-secondary me-2",
                    **{"data-chart-image": kind, "data-graph": component_id,
                       "data-filename": filename})
        for kind in IMAGE_FORMATS
    ], className="chart-images mb-2")


def chart_graph(component_id: str, filename: str, *, config: dict | None = None,
                style: dict | None = None) -> html.Div:
    """A chart whose toolbar offers a PNG download with a sensible file name, with buttons
    below it for the image as PNG or SVG; `config` adds to (or overrides) the Graph's
    config, `style` is the Graph's own style."""
    graph = dcc.Graph(
        id=component_id,
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
            **(config or {}),
        },
        className="chart",
        **({"style": style} if style else {}),
    )
    return html.Div([graph, chart_image_buttons(component_id, filename)])


def csv_download(button_id: str, download_id: str) -> html.Div:
    """The "Download data (CSV)" button every page offers, with its download target."""
    return html.Div([
        dbc.Button("Download data (CSV)", id=button_id, color="secondary", outline=True,
                   className="mb-2"),
        dcc.Download(id=download_id),
    ])
