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


# Every chart's frame, shared so that a phone's narrow chart keeps everything inside its box:
# the title starts below the toolbar's row (TOOLBAR_PX), and the plot below the title's
# lines (layouts.figures.figure_dict sets the top margin from them); the legend sits below the
# plot, at the bottom of the box, and the plot gives up the room it takes (plotly reserves
# it for a legend placed on the container); axis titles and tick labels push the margins
# rather than run off the edge.
TOOLBAR_PX = 40
TITLE_FONT_PX = 16
TITLE_LINE_PX = 21


def base_layout(title: str, y_title: str) -> go.Layout:
    return go.Layout(
        title={"text": title, "x": 0, "xanchor": "left", "xref": "container", "y": 1,
               "yref": "container", "yanchor": "top", "pad": {"t": TOOLBAR_PX, "l": 10},
               "font": {"size": TITLE_FONT_PX}},
        font={"family": FONT, "size": 14, "color": "#0b0c0c"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": TOOLBAR_PX + 30, "b": 10},
        yaxis={"title": {"text": y_title}, "gridcolor": "#e5e5e5", "rangemode": "tozero",
               "automargin": True},
        xaxis={"gridcolor": "#f0f0f0", "automargin": True},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yref": "container",
                "yanchor": "bottom"},
        hovermode="x unified",
    )
