"""Spine chart on hand-made frames: positions worked by hand, orientation by polarity,
colours and words of the markers, rows that cannot be drawn left out."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from layouts.figures.spine import spine_figure, spine_positions
from layouts.theme import COMPARISON_COLOURS


def _row(**changes) -> dict:
    row = {"indicator_id": "infant_mortality", "indicator_name": "Infant mortality rate",
           "period_label": "2025", "unit": "per 1,000 live births", "value_type": "Crude rate",
           "polarity": "Low is good", "value": 8.0, "england_value": 5.0, "peer_min": 2.0,
           "peer_q25": 4.0, "peer_q75": 6.0, "peer_max": 10.0, "compared_england": "Worse"}
    row.update(changes)
    return row


def test_low_is_good_puts_the_highest_value_on_the_left():
    # Largest distance from England is 5 (to 10), so the scale is 10 wide, England at 0.5.
    row = spine_positions(pd.DataFrame([_row()])).iloc[0]
    assert row["x_value"] == pytest.approx(0.5 - 3 / 10)
    assert (row["x_left"], row["x_right"]) == pytest.approx((0.0, 0.8))
    assert (row["x_q_left"], row["x_q_right"]) == pytest.approx((0.4, 0.6))
    assert (row["left_value"], row["right_value"]) == (10.0, 2.0)  # worst, best


def test_high_is_good_mirrors_it():
    row = spine_positions(pd.DataFrame([_row(polarity="High is good")])).iloc[0]
    assert row["x_value"] == pytest.approx(0.8)
    assert (row["x_left"], row["x_right"]) == pytest.approx((0.2, 1.0))
    assert (row["left_value"], row["right_value"]) == (2.0, 10.0)


def test_a_value_beyond_the_peers_still_fits():
    row = spine_positions(pd.DataFrame([_row(value=25.0)])).iloc[0]
    assert row["x_value"] == pytest.approx(0.0)
    assert 0 <= row["x_left"] <= row["x_right"] <= 1


def test_rows_without_value_england_range_or_that_are_counts_are_left_out():
    frame = pd.DataFrame([
        _row(indicator_id="a"), _row(indicator_id="b", value=math.nan),
        _row(indicator_id="c", england_value=math.nan), _row(indicator_id="d", peer_min=math.nan),
        _row(indicator_id="e", value_type="Count"),
    ])
    assert spine_positions(frame)["indicator_id"].tolist() == ["a"]


def test_the_figure_colours_and_names_each_comparison():
    frame = pd.DataFrame([
        _row(indicator_name="Infant mortality rate", compared_england="Worse"),
        _row(indicator_name="Stillbirth rate", value=4.0, compared_england="Similar"),
        _row(indicator_name="Breastfeeding", polarity="High is good", value=9.0,
             compared_england="Better"),
    ])
    figure = go.Figure(spine_figure(frame, "Blackpool", "counties and unitary authorities"))
    markers = {t.name: t for t in figure.data if t.type == "scatter"}
    assert set(markers) == {f"Blackpool: {w} compared with England"
                            for w in ("Worse", "Similar", "Better")}
    for word in ("Worse", "Similar", "Better"):
        trace = markers[f"Blackpool: {word} compared with England"]
        assert trace.marker.color == COMPARISON_COLOURS[word]
        assert all(f"({word} compared with England)" in text for text in trace.hovertext)
    worse = markers["Blackpool: Worse compared with England"]
    assert list(worse.x) == pytest.approx([0.2])
    assert "England: 5.0" in worse.hovertext[0] and "Worst of the counties" in worse.hovertext[0]
    # The first row is drawn at the top: plotly lists categories bottom-up.
    assert figure.layout.yaxis.categoryarray[-1].startswith("Infant mortality rate")
    england = [s for s in figure.layout.shapes if s.name == "England"]
    assert len(england) == 1 and england[0].x0 == 0.5
    bars = [t for t in figure.data if t.type == "bar"]
    assert [round(b, 6) for b in bars[0].base] == [0.0, 0.0, 0.2]


def test_the_hover_says_how_many_areas_the_range_covers():
    figure = go.Figure(spine_figure(pd.DataFrame([_row(peer_count=24.0)]), "Bury", "districts"))
    hover = next(t for t in figure.data if t.type == "scatter").hovertext[0]
    assert "Worst of the 24 districts: 10.0; Best: 2.0" in hover


def test_an_empty_frame_gives_an_empty_chart():
    figure = go.Figure(spine_figure(pd.DataFrame([_row(value=math.nan)]), "Bury", "districts"))
    assert all(len(t.x) == 0 for t in figure.data)


def test_the_region_has_its_own_marker_on_the_same_scale():
    # Region 12 is the farthest from England (7), so the scale is 14 wide; low is good, so
    # the region sits left of England: 0.5 - 7/14 = 0.
    frame = pd.DataFrame([_row(region_value=12.0),
                          _row(indicator_name="Stillbirth rate", region_value=math.nan)])
    rows = spine_positions(frame)
    assert rows["x_region"].iloc[0] == pytest.approx(0.0)
    assert rows["x_value"].iloc[0] == pytest.approx(0.5 - 3 / 14)
    assert math.isnan(rows["x_region"].iloc[1])
    figure = go.Figure(spine_figure(frame, "Bury", "districts", "North West Region"))
    region = [t for t in figure.data if t.name == "North West Region"]
    assert len(region) == 1 and region[0].marker.symbol == "diamond-open"
    assert list(region[0].x) == pytest.approx([0.0])  # only the row with a region value
    assert region[0].hovertext == ("North West Region: 12.0",)
    # Names sit above their bars (annotations), so a phone's chart keeps the bar's width.
    names = [a.text for a in figure.layout.annotations if a.xanchor == "left" and a.yshift]
    assert names == ["Infant mortality rate (2025)", "Stillbirth rate (2025)"]
    assert figure.layout.yaxis.showticklabels is False
    # No region named (England's own page): no region marker.
    assert not [t for t in go.Figure(spine_figure(frame, "Bury", "districts")).data
                if t.name == "North West Region"]
