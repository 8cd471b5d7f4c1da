"""Benchmark and goal comparisons: Fingertips' words for each case of methods.md."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.stats.compare import (
    GOAL_RAG,
    GOVUK_COLOURS,
    LEGACY_COLOURS,
    TWO_LEVEL_WORDS,
    base_word,
    compare_with_benchmark,
    compare_with_goal,
    comparison_colour,
)
from indicators.stats.rates import crude_rate

# area interval 4..6 around 5; 99.8% interval 3..7
VALUE, LOW95, UP95, LOW998, UP998 = 5.0, 4.0, 6.0, 3.0, 7.0


@pytest.mark.parametrize(
    ("benchmark", "polarity", "expected"),
    [
        (5.0, "Low is good", "Similar"),
        (4.0, "Low is good", "Similar"),  # touching the interval counts as overlapping
        (6.0, "High is good", "Similar"),
        (3.5, "Low is good", "Worse"),  # area significantly higher than the benchmark
        (3.5, "High is good", "Better"),
        (6.5, "Low is good", "Better"),
        (6.5, "High is good", "Worse"),
        (3.5, "No judgement", "Higher"),
        (6.5, "No judgement", "Lower"),
        (3.5, "Not applicable", "Not compared"),
    ],
)
def test_single_level_words(benchmark, polarity, expected):
    assert compare_with_benchmark(VALUE, LOW95, UP95, benchmark, polarity) == expected


METHODS_MD = Path(__file__).resolve().parents[2] / ".." / "shared" / "docs" / "methods.md"


@pytest.mark.parametrize(
    ("benchmark", "polarity", "expected"),
    [
        (4.5, "Low is good", "Similar"),
        (3.5, "Low is good", "Worse (95%)"),  # outside 95%, inside 99.8%
        (2.5, "Low is good", "Worse (99.8%)"),  # outside 99.8%
        (6.5, "Low is good", "Better (95%)"),
        (7.5, "Low is good", "Better (99.8%)"),
        (3.5, "High is good", "Better (95%)"),
        (2.5, "High is good", "Better (99.8%)"),
        (6.5, "High is good", "Worse (95%)"),
        (7.5, "High is good", "Worse (99.8%)"),
        (3.5, "No judgement", "Higher (95%)"),
        (2.5, "No judgement", "Higher (99.8%)"),
        (6.5, "No judgement", "Lower (95%)"),
        (7.5, "No judgement", "Lower (99.8%)"),
        (3.0, "Low is good", "Worse (95%)"),  # touching the 99.8% limit is inside it
        (2.5, "Not applicable", "Not compared"),
    ],
)
def test_two_level_words_are_methods_md_words(benchmark, polarity, expected):
    word = compare_with_benchmark(VALUE, LOW95, UP95, benchmark, polarity,
                                  lower998=LOW998, upper998=UP998, levels=2)
    assert word == expected


def test_two_level_wording_is_the_one_methods_md_gives():
    """The words come from methods.md itself: "Better/Worse (95%)" and "(99.8%)" in its
    two-level line, so a change of wording there fails here."""
    text = " ".join(METHODS_MD.read_text(encoding="utf-8").split())
    line = re.search(r"Two-level variant \(99\.8\): (.*?)(?: - |\n|$)", text).group(1)
    tiers = re.findall(r"-> Better/Worse \(([\d.]+%)\)", line)
    assert tiers == ["95%", "99.8%"]
    assert "inside 95% -> Similar" in line
    words = compare_with_benchmark([VALUE] * 4, [LOW95] * 4, [UP95] * 4, [6.5, 7.5, 3.5, 2.5],
                                   "Low is good", lower998=[LOW998] * 4, upper998=[UP998] * 4,
                                   levels=2)
    assert words.tolist() == [f"Better ({tiers[0]})", f"Better ({tiers[1]})",
                              f"Worse ({tiers[0]})", f"Worse ({tiers[1]})"]
    assert not {"Best", "Worst"} & set(words.tolist())


def test_single_level_at_998_uses_the_wider_interval():
    words = compare_with_benchmark([VALUE, VALUE], [LOW95] * 2, [UP95] * 2, [3.5, 2.5],
                                   "Low is good", lower998=[LOW998] * 2, upper998=[UP998] * 2,
                                   confidence=0.998)
    assert words.tolist() == ["Similar", "Worse"]


def test_missing_values_and_the_benchmark_itself_are_not_compared():
    values = pd.Series([np.nan, 5.0, 5.0, 5.0], index=["A", "B", "C", "E92000001"])
    lows = pd.Series([4.0, np.nan, 4.0, 4.0], index=values.index)
    ups = pd.Series([6.0, 6.0, 6.0, 6.0], index=values.index)
    words = compare_with_benchmark(values, lows, ups, 3.0, "High is good",
                                   is_benchmark=values.index == "E92000001")
    assert words.to_dict() == {"A": "Not compared", "B": "Not compared", "C": "Better",
                               "E92000001": "Not compared"}


def test_two_levels_need_the_998_limits():
    with pytest.raises(ValueError, match="lower998 and upper998"):
        compare_with_benchmark(VALUE, LOW95, UP95, 4.0, "Low is good", levels=2)


def test_unknown_polarity_is_rejected():
    with pytest.raises(ValueError, match="polarity"):
        compare_with_benchmark(VALUE, LOW95, UP95, 4.0, "RAG - Low is good")


def test_infant_mortality_area_against_england_end_to_end():
    # ONS 2020: England 2100/585195 = 3.59 per 1,000
    england = crude_rate([2100], [585195])["value"].iloc[0]
    # 6.0 (Byar's 5.0-7.2), 3.6, 2.5 (Byar's upper 4.12) and 0.8 (exact upper 1.94) per 1,000
    areas = crude_rate([120, 40, 15, 5], [20000, 11000, 6000, 6000])
    words = compare_with_benchmark(areas["value"], areas["lower95"], areas["upper95"], england,
                                   "Low is good")
    assert words.tolist() == ["Worse", "Similar", "Similar", "Better"]


@pytest.mark.parametrize(
    ("lower", "upper", "expected"),
    [(4.0, 5.5, "Better"), (5.5, 6.5, "Similar"), (6.0, 7.0, "Similar"), (6.1, 7.0, "Worse")],
)
def test_goal_with_intervals_smoking_at_delivery(lower, upper, expected):
    # National ambition: 6% or less (Low is good)
    assert compare_with_goal((lower + upper) / 2, lower, upper, 6, "Low is good") == expected


def test_goal_without_intervals_uses_the_value():
    words = compare_with_goal([5.9, 6.0, 6.1, np.nan], None, None, 6, "Low is good")
    assert words.tolist() == ["Better", "Better", "Worse", "Not compared"]
    high = compare_with_goal([74.0, 76.0], None, None, 75, "High is good")
    assert high.tolist() == ["Worse", "Better"]
    assert [GOAL_RAG[w] for w in words[:3]] == ["Green", "Green", "Red"]


def test_goal_needs_a_direction():
    assert compare_with_goal(5.0, 4.0, 6.0, 6, "No judgement") == "Not compared"


def test_colour_palettes_cover_every_word_and_match_methods_md():
    words = {"Better", "Similar", "Worse", "Higher", "Lower", "Not compared"}
    assert set(LEGACY_COLOURS) == words and set(GOVUK_COLOURS) == words
    assert LEGACY_COLOURS["Better"] == "#92D050" and LEGACY_COLOURS["Lower"] == "#5555E6"
    assert GOVUK_COLOURS["Worse"] == "#D4351C" and GOVUK_COLOURS["Higher"] == "#003078"


@pytest.mark.parametrize(("word", "base"), [
    ("Better (95%)", "Better"), ("Better (99.8%)", "Better"), ("Worse (95%)", "Worse"),
    ("Worse (99.8%)", "Worse"), ("Higher (99.8%)", "Higher"), ("Lower (95%)", "Lower"),
    ("Similar", "Similar"), ("Best", "Better"), ("Worst", "Worse"), (None, "Not compared"),
    ("nonsense", "Not compared"), (float("nan"), "Not compared"),
])
def test_tiers_take_their_base_words_colour(word, base):
    assert base_word(word) == base
    assert comparison_colour(word) == GOVUK_COLOURS[base]
    assert comparison_colour(word, LEGACY_COLOURS) == LEGACY_COLOURS[base]


def test_every_two_level_word_has_a_colour():
    assert {base_word(w) for w in TWO_LEVEL_WORDS} == {"Better", "Worse", "Higher", "Lower"}
