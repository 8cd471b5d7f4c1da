"""Bar chart of one child death review table, with hidden counts marked in words.

The figure is built only from published counts: a hidden count has no bar and no number
anywhere in the figure's data, only the word "hidden" beside its category.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts import theme

HIDDEN = "hidden"


def review_table_figure(cells: pd.DataFrame, *, title: str, x_title: str = "Number") -> go.Figure:
    """`cells` has category, count (NaN where hidden) and hidden, without the total row;
    categories run top to bottom in the given order."""
    figure = go.Figure(layout=theme.base_layout(title, ""))
    categories = cells["category"].tolist()
    counts = [None if hidden else float(count)
              for count, hidden in zip(cells["count"], cells["hidden"], strict=True)]
    labels = [HIDDEN if hidden else f"{count:,.0f}"
              for count, hidden in zip(cells["count"], cells["hidden"], strict=True)]
    figure.add_trace(go.Bar(
        y=categories, x=counts, orientation="h",
        marker={"color": theme.AREA_COLOUR}, name="Reviews",
        text=labels, textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    for category, count in zip(categories, counts, strict=True):
        if count is None:  # no bar: the word sits where the bar would start
            figure.add_annotation(x=0, y=category, text=HIDDEN, showarrow=False, xanchor="left",
                                  font={"color": "#505a5f", "size": 13})
    figure.update_yaxes(type="category", categoryorder="array", categoryarray=categories,
                        autorange="reversed", automargin=True, title=None)
    # Whole numbers only; room for the labels beyond the longest bar.
    largest = max([c for c in counts if c is not None], default=0.0)
    figure.update_xaxes(title={"text": x_title}, tickformat=",d", range=[0, max(5.0, largest * 1.15)],
                        dtick=1 if largest < 5 else None)
    figure.update_layout(hovermode="closest", showlegend=False,
                         height=max(320, 60 + 36 * len(categories)),
                         margin={"l": 20, "r": 60, "t": 60, "b": 50})
    return figure
