"""Colours and chart styling in one place: GOV.UK palette, colour-blind-safe series colours."""

from __future__ import annotations

import plotly.graph_objects as go

# Comparison colours of the new Fingertips (GOV.UK palette); words are always shown too.
COMPARISON_COLOURS = {
    "Better": "#00703C",
    "Similar": "#FFDD00",
    "Worse": "#D4351C",
    "Lower": "#5694CA",
    "Higher": "#003078",
    "Not compared": "#B1B4B6",
}

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
AREA_COLOUR = "#0072B2"
AREA_BAND = "rgba(0, 114, 178, 0.18)"
REGION_COLOUR = "#E69F00"
ENGLAND_COLOUR = "#000000"
TARGET_COLOUR = "#009E73"

FONT = "Arial, Helvetica, sans-serif"


def base_layout(title: str, y_title: str) -> go.Layout:
    return go.Layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        font={"family": FONT, "size": 14, "color": "#0b0c0c"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        yaxis={"title": {"text": y_title}, "gridcolor": "#e5e5e5", "rangemode": "tozero"},
        xaxis={"gridcolor": "#f0f0f0"},
        legend={"orientation": "h", "y": -0.18},
        hovermode="x unified",
    )
