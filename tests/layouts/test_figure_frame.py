"""The one frame every chart shares (layouts.theme + layouts.figures.figure_dict): titles wrapped for
a phone and drawn below the toolbar's row, the plot below the title, the legend at the bottom
of the box, and no figure moving its legend on its own."""

from __future__ import annotations

import importlib
import pkgutil

import plotly.graph_objects as go

import layouts.figures
from layouts import theme
from layouts.figures import figure_dict

LONG = "Infant mortality by deprivation quintile: Knowsley, 2023 - 25"


def test_a_long_title_is_wrapped_and_the_plot_starts_below_it():
    layout = figure_dict.layout(LONG, "Deaths per 1,000 live births")
    lines = layout["title"]["text"].split("<br>")
    assert len(lines) == 2 and all(len(line) <= figure_dict.TITLE_LINE for line in lines)
    assert " ".join(lines) == LONG
    assert layout["title"]["pad"]["t"] == theme.TOOLBAR_PX  # under the toolbar's row
    assert (layout["title"]["yref"], layout["title"]["yanchor"]) == ("container", "top")
    assert layout["margin"]["t"] == theme.TOOLBAR_PX + 2 * theme.TITLE_LINE_PX + 12
    assert figure_dict.layout("Short", "")["margin"]["t"] == theme.TOOLBAR_PX + theme.TITLE_LINE_PX + 12
    assert figure_dict.layout("Short", "", top_extra=20)["margin"]["t"] == \
        theme.TOOLBAR_PX + theme.TITLE_LINE_PX + 12 + 20


def test_axis_titles_are_wrapped_and_push_the_margins():
    layout = figure_dict.layout("T", "", xaxis={"title": {"text": "IMD quintile of residence "
                                                             "(1 = most deprived), 2023 - 25"}})
    assert "<br>" in layout["xaxis"]["title"]["text"]
    assert layout["xaxis"]["automargin"] and layout["yaxis"]["automargin"]
    go.Figure({"data": [], "layout": layout})  # valid against plotly's schema


def test_the_legend_sits_below_the_plot_on_every_figure():
    legend = figure_dict.layout("T", "")["legend"]
    assert legend["orientation"] == "h"
    assert (legend["yref"], legend["y"], legend["yanchor"]) == ("container", 0, "bottom")
    # One frame for all: no figure module places its own legend or top margin.
    for module in pkgutil.iter_modules(layouts.figures.__path__):
        source = importlib.import_module(f"layouts.figures.{module.name}").__loader__.get_source(
            f"layouts.figures.{module.name}")
        assert "legend={" not in source, module.name
        assert '"t":' not in source, module.name
