"""Bar chart of one child death review table, with hidden counts marked in words.

The figure is built only from published counts: a hidden count has no bar and no number
anywhere in the figure's data, only the word "hidden" beside its category.
"""

from __future__ import annotations

import pandas as pd

from layouts import theme
from layouts.figures import figure_dict

HIDDEN = "hidden"


def review_table_figure(cells: pd.DataFrame, *, title: str, x_title: str = "Number") -> dict:
    """`cells` has category, count (NaN where hidden) and hidden, without the total row;
    categories run top to bottom in the given order. A plain plotly figure dict."""
    categories = [figure_dict.text(c) for c in cells["category"]]
    counts = [None if hidden else float(count)
              for count, hidden in zip(cells["count"], cells["hidden"], strict=True)]
    labels = [HIDDEN if hidden else f"{count:,.0f}"
              for count, hidden in zip(cells["count"], cells["hidden"], strict=True)]
    bars = {
        "type": "bar", "y": categories, "x": counts, "orientation": "h",
        "marker": {"color": theme.AREA_COLOUR}, "name": "Reviews",
        "text": labels, "textposition": "outside", "cliponaxis": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    # No bar for a hidden count: the word sits where the bar would start.
    notes = [{"x": 0, "y": category, "text": HIDDEN, "showarrow": False, "xanchor": "left",
              "font": {"color": "#505a5f", "size": 13}}
             for category, count in zip(categories, counts, strict=True) if count is None]
    # Whole numbers only; room for the labels beyond the longest bar.
    largest = max([c for c in counts if c is not None], default=0.0)
    xaxis = {"title": {"text": x_title}, "tickformat": ",d", "range": [0, max(5.0, largest * 1.15)]}
    if largest < 5:
        xaxis["dtick"] = 1
    layout = figure_dict.layout(
        title, "", xaxis=xaxis, hovermode="closest", showlegend=False,
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": categories,
               "autorange": "reversed", "automargin": True, "title": None},
        height=max(320, 100 + 46 * len(categories)),  # room for two-line labels on a phone
        margin={"l": 20, "r": 60, "b": 50})
    if notes:
        layout["annotations"] = notes
    return figure_dict.figure([bars], layout)
