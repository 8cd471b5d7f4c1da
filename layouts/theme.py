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

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Lines and markers
# need 3:1 against the white plot (WCAG 1.4.11): blue 5.2, vermillion 3.9, green 3.4, black
# 21 (Okabe-Ito's orange #E69F00 has only 2.2).
AREA_COLOUR = "#0072B2"
AREA_BAND = "rgba(0, 114, 178, 0.18)"
REGION_COLOUR = "#D55E00"
ENGLAND_COLOUR = "#000000"
TARGET_COLOUR = "#009E73"
NEIGHBOURS_COLOUR = "#882255"  # Tol's wine: 9.5 against white, apart from the others

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
