"""Ranked and funnel figures on hand-made frames: order, highlighting, colours matched to words."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from layouts import theme
from layouts.figures.funnel import funnel_figure, significance_word
from layouts.figures.ranked import comparison_colour, rank_areas, ranked_figure


def _peers() -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": ["A", "B", "C", "D", "E"],
        "area_name": ["Ashby", "Brent", "Crewe", "Dover", "Eden"],
        "value": [4.0, 9.5, math.nan, 2.0, 4.0],
        "lower95": [3.0, 8.0, math.nan, 1.0, 2.5],
        "upper95": [5.0, 11.0, math.nan, 3.5, 6.0],
        "compared_england": ["Similar", "Worse", "Not compared", "Better", "Similar"],
    })


def _figure(highlight: str = "E") -> tuple:
    figure = go.Figure(ranked_figure(  # a dict; go.Figure checks it against plotly's schema
        _peers(), comparison_column="compared_england", highlight=highlight,
        benchmark_name="England", benchmark_value=3.64, title="t", x_title="per 1,000"))
    return figure, figure.to_plotly_json()


def test_rank_puts_highest_first_missing_last_and_ties_by_name():
    ranked = rank_areas(_peers().sample(frac=1, random_state=3))
    assert ranked["area_code"].tolist() == ["B", "A", "E", "D", "C"]


def test_ranked_axis_follows_the_rank_and_bolds_only_the_chosen_area():
    figure, _ = _figure(highlight="E")
    axis = figure.layout.yaxis
    assert list(axis.categoryarray) == ["B", "A", "E", "D", "C"]
    assert list(axis.ticktext) == ["Brent", "Ashby", "<b>Eden</b>", "Dover", "Crewe (no value)"]
    assert axis.autorange == "reversed"  # the first in the rank at the top


def test_each_bar_has_the_colour_of_its_word_and_names_it():
    figure, _ = _figure()
    bars = {trace.name: trace for trace in figure.data}
    assert set(bars) == {f"{w} (compared with England)"
                         for w in ("Better", "Similar", "Worse", "Not compared")}
    for trace in figure.data:
        word = trace.name.split(" (compared")[0]
        assert trace.marker.color == theme.COMPARISON_COLOURS[word]
        assert f"Compared with England: {word}" in trace.hovertemplate
    assert list(bars["Similar (compared with England)"].y) == ["A", "E"]


def test_only_the_chosen_area_is_outlined_and_intervals_are_asymmetric():
    figure, _ = _figure(highlight="E")
    similar = next(t for t in figure.data if t.name.startswith("Similar"))
    assert list(similar.marker.line.width) == [1, 4]  # Ashby, then Eden (chosen)
    assert list(similar.error_x.array) == [1.0, 2.0]
    assert list(similar.error_x.arrayminus) == [1.0, 1.5]
    others = [t for t in figure.data if not t.name.startswith("Similar")]
    assert all(max(t.marker.line.width) == 1 for t in others)


def test_benchmark_is_a_labelled_vertical_line():
    figure, _ = _figure()
    (line,) = figure.layout.shapes
    assert line.x0 == line.x1 == 3.64 and line.type == "line"
    assert [a.text for a in figure.layout.annotations] == ["England: 3.6"]


@pytest.mark.parametrize(("word", "expected"), [
    ("Better", "Better"), ("Better (99.8%)", "Better"), ("Best", "Better"),
    ("Worst", "Worse"), ("Higher", "Higher"), ("Lower", "Lower"),
    (None, "Not compared"), ("", "Not compared"), ("nonsense", "Not compared"),
])
def test_comparison_colour_reads_the_leading_word(word, expected):
    assert comparison_colour(word) == theme.COMPARISON_COLOURS[expected]


@pytest.mark.parametrize(("label", "polarity", "word"), [
    ("Low (0.025)", "Low is good", "Better"), ("High (0.001)", "Low is good", "Worse"),
    ("Low (0.001)", "High is good", "Worse"), ("High (0.025)", "High is good", "Better"),
    ("High (0.025)", "No judgement", "Higher"), ("Low (0.001)", "No judgement", "Lower"),
    ("Not significant", "Low is good", "Similar"), (None, "Low is good", "Not compared"),
])
def test_funnel_labels_become_comparison_words_by_polarity(label, polarity, word):
    assert significance_word(label, polarity) == word


def _funnel(highlight="B"):
    points = pd.DataFrame({
        "area_code": ["A", "B", "C", "D"], "area_name": ["Ashby", "Brent", "Crewe", "Dover"],
        "denominator": [1000.0, 2000.0, 500.0, 4000.0], "value": [4.0, 9.5, 1.0, math.nan],
        "significance": ["Not significant", "High (0.001)", "Low (0.025)", None],
    })
    lines = pd.DataFrame([
        {"level": level, "side": side, "denominator": d, "value": v}
        for level in ("95%", "99.8%") for side in ("lower", "upper")
        for d, v in ((100.0, 1.0), (5000.0, 3.0))
    ])
    return go.Figure(funnel_figure(points, lines, highlight=highlight, polarity="Low is good",
                                   benchmark_name="England", benchmark_value=3.6, title="t",
                                   x_title="Denominator", y_title="per 1,000"))


def test_funnel_points_are_coloured_and_named_by_significance():
    figure = _funnel()
    points = [t for t in figure.data if t.mode == "markers"]
    names = [t.name for t in points]
    assert names == ["High (0.001): worse than England", "Not significant (inside the 95% limits)",
                     "Low (0.025): better than England"]
    colours = [t.marker.color for t in points]
    assert colours == [theme.COMPARISON_COLOURS[w] for w in ("Worse", "Similar", "Better")]
    assert all(label.split(":")[0].split(" (inside")[0] in t.hovertemplate
               for label, t in zip(names, points, strict=True))
    plotted = [code for t in points for code in t.x]
    assert 4000.0 not in plotted  # no value, no point


def test_funnel_draws_both_limits_and_labels_the_chosen_area_and_benchmark():
    figure = _funnel(highlight="B")
    limits = [t for t in figure.data if t.mode == "lines"]
    assert len(limits) == 4
    assert [t.name for t in limits if t.showlegend] == ["95% control limits", "99.8% control limits"]
    notes = [a.text for a in figure.layout.annotations]
    assert "England: 3.6" in notes and "<b>Brent</b>: High (0.001)" in notes
    high = next(t for t in figure.data if t.name.startswith("High"))
    assert list(high.marker.line.width) == [3]


def test_a_single_comparison_word_still_has_its_legend():
    frame = _peers().assign(compared_england="Not compared")
    figure = go.Figure(ranked_figure(frame, comparison_column="compared_england", highlight=None,
                                     benchmark_name="England", benchmark_value=None, title="t",
                                     x_title="%"))
    assert figure.layout.showlegend is True
    assert [t.name for t in figure.data] == ["Not compared (compared with England)"]
    assert not figure.layout.shapes  # no benchmark value, no line
