"""The choropleth as a pure function of its frame: the colour of each area is its word's
colour, the key counts the areas per word, the chosen area gets an outline trace, a zoom
sets the map's box; and quintiles are PHEindicatormethods' on the values shown."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from data.queries.map import QUINTILE_WORDS, quintile_words
from layouts import theme
from layouts.figures.choropleth import NO_VALUE, NO_VALUE_COLOUR, choropleth_figure, key_items
from layouts.pages.map import colour_key


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": ["A", "B", "C", "D", "E", "F"],
        "area_name": ["Ash", "Birch", "Cedar", "Darley", "Elm", "Fir"],
        "value": [1.0, 2.0, 3.0, 4.0, 5.0, np.nan],
        "lower95": [0.5, 1.5, 2.5, 3.5, 4.5, np.nan],
        "upper95": [1.5, 2.5, 3.5, 4.5, 5.5, np.nan],
        "compared_england": ["Better", "Similar", "Worse (99.8%)", "Similar", None, None],
        "value_note": [None, None, None, None, None, "Count suppressed"],
    }).assign(quintile=lambda f: quintile_words(f["value"]))


def _colour_of(trace: dict, location: str) -> str:
    """The colour the stepped scale gives a location (the middle of its step)."""
    z = trace["z"][trace["locations"].index(location)]
    scale = trace["colorscale"]
    position = (z - trace["zmin"]) / (trace["zmax"] - trace["zmin"])
    steps = zip(scale[::2], scale[1::2], strict=True)
    return next(c for (p0, c), (p1, _c) in steps if p0 <= position <= p1)


def test_each_area_takes_its_words_colour_and_the_chosen_one_is_outlined():
    figure = choropleth_figure(_frame(), geojson="/boundaries/county_ua.geo.json",
                               colour_by="england", highlight="C", bounds=None, title="T",
                               unit="per 1,000")
    go.Figure(figure)  # valid against plotly's schema
    areas, outline = figure["data"]
    expected = {"A": "Better", "B": "Similar", "C": "Worse", "D": "Similar",
                "E": "Not compared"}
    for code, word in expected.items():
        assert _colour_of(areas, code) == theme.COMPARISON_COLOURS[word]
    assert _colour_of(areas, "F") == NO_VALUE_COLOUR
    assert "Compared with England: Worse" in areas["text"][2]
    assert "3.0 per 1,000 (95% CI 2.5 to 3.5)" in areas["text"][2]
    assert "No value (Count suppressed)" in areas["text"][5]
    assert outline["locations"] == ["C"] and outline["marker"]["line"]["width"] == 3
    assert figure["layout"]["geo"]["fitbounds"] == "locations"
    assert figure["layout"]["geo"]["visible"] is False


def test_key_counts_areas_per_word_in_fingertips_order():
    assert key_items(_frame(), "england") == [
        ("Better", theme.COMPARISON_COLOURS["Better"], 1),
        ("Similar", theme.COMPARISON_COLOURS["Similar"], 2),
        ("Worse", theme.COMPARISON_COLOURS["Worse"], 1),
        ("Not compared", theme.COMPARISON_COLOURS["Not compared"], 1),
        (NO_VALUE, NO_VALUE_COLOUR, 1)]
    text = str(colour_key(key_items(_frame(), "england"), "england", "", None))
    assert "Similar: 2 areas" in text and "Better: 1 area" in text


def test_quintiles_match_the_rank_formula_and_zoom_sets_the_box():
    frame = _frame()
    # Five values, five quintiles, lowest first (PHEindicatormethods, not inverted).
    assert frame["quintile"].tolist()[:5] == QUINTILE_WORDS and pd.isna(frame["quintile"][5])
    figure = choropleth_figure(frame, geojson={"type": "FeatureCollection", "features": []},
                               colour_by="quintiles", highlight=None,
                               bounds=(-3.0, 53.0, -2.0, 54.0), title="T", unit="")
    assert len(figure["data"]) == 1  # no outline without a chosen area
    geo = figure["layout"]["geo"]
    assert geo["fitbounds"] is False
    assert geo["lonaxis"]["range"] == pytest.approx([-3.15, -1.85])
    assert geo["lataxis"]["range"] == pytest.approx([52.85, 54.15])


def test_continuous_scale_leaves_missing_values_grey():
    figure = choropleth_figure(_frame(), geojson="/x", colour_by="continuous", highlight="A",
                               bounds=None, title="T", unit="%")
    missing, valued, _outline = figure["data"]
    assert missing["locations"] == ["F"] and missing["colorscale"][0][1] == NO_VALUE_COLOUR
    assert valued["locations"] == ["A", "B", "C", "D", "E"]
    assert valued["z"] == [1.0, 2.0, 3.0, 4.0, 5.0]
    with pytest.raises(ValueError, match="colour_by"):
        choropleth_figure(_frame(), geojson="/x", colour_by="rainbow", highlight=None,
                          bounds=None, title="T", unit="")
