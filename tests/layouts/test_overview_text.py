"""Overview words: the sentence, the exceptions-first order, trend arrows and badge contrast."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from layouts.overview_text import (
    badge_colours,
    contrast_ratio,
    exceptions_first,
    format_value,
    indicator_sentence,
    is_exception,
    trend_arrow,
)
from layouts.theme import COMPARISON_COLOURS


def _row(**changes) -> dict:
    row = {
        "indicator_id": "infant_mortality", "indicator_name": "Infant mortality rate",
        "unit": "per 1,000 live births", "value_type": "Crude rate", "period_label": "2025",
        "value": 6.123, "england_value": 3.61, "region_value": 4.96,
        "compared_england": "Worse", "compared_region": "Similar", "compared_goal": None,
        "recent_trend": "Increasing and getting worse", "target_label": None, "value_note": None,
    }
    row.update(changes)
    return row


def test_the_sentence_reads_as_the_example():
    assert indicator_sentence(_row(), "Manchester", "North West Region") == (
        "Infant mortality rate in Manchester (6.1 per 1,000 live births in 2025) is worse than "
        "England (3.6) and similar to North West Region (5.0), and getting worse.")


@pytest.mark.parametrize("word, phrase", [
    ("Better", "better than England (3.6)"), ("Similar", "similar to England (3.6)"),
    ("Worse", "worse than England (3.6)"), ("Higher", "higher than England (3.6)"),
    ("Lower", "lower than England (3.6)"),
])
def test_the_sentence_uses_the_stored_word(word, phrase):
    sentence = indicator_sentence(_row(compared_england=word), "Leeds", None)
    assert phrase in sentence
    assert "North West" not in sentence  # no region given, no region clause


@pytest.mark.parametrize("trend, clause", [
    ("Decreasing and getting better", ", and getting better."),
    ("Decreasing and getting worse", ", and getting worse."),
    ("Increasing", ", and increasing."),
    ("No significant change", ", with no significant change in the recent trend."),
    ("Cannot be calculated", "(5.0)."),
])
def test_the_trend_clause_follows_the_stored_trend(trend, clause):
    assert indicator_sentence(_row(recent_trend=trend), "Leeds", "Yorkshire").endswith(clause)


def test_a_percentage_keeps_its_sign_and_the_goal_gets_a_sentence():
    row = _row(indicator_name="Smoking status at time of delivery", unit="%",
               value_type="Proportion", period_label="2025/26", value=17.82, england_value=7.47,
               region_value=9.37, compared_region="Worse", recent_trend="No significant change",
               compared_goal="Worse", target_label="National ambition: 6% or less")
    assert indicator_sentence(row, "Blackpool", "North West Region") == (
        "Smoking status at time of delivery in Blackpool (17.8% in 2025/26) is worse than England "
        "(7.5%) and worse than North West Region (9.4%), with no significant change in the recent "
        "trend. It is worse than the goal (national ambition: 6% or less).")


def test_missing_is_said_with_its_note_never_as_zero():
    row = _row(value=math.nan, value_note="Suppressed: small count (1 to 4)",
               compared_england="Not compared")
    assert indicator_sentence(row, "Bury", None) == (
        "Infant mortality rate in Bury has no value for 2025 (Suppressed: small count (1 to 4)).")


def test_not_compared_still_gives_englands_value():
    row = _row(compared_england="Not compared", compared_region="Not compared",
               recent_trend="Cannot be calculated")
    assert indicator_sentence(row, "Bury", "North West Region") == (
        "Infant mortality rate in Bury (6.1 per 1,000 live births in 2025) is not compared with "
        "England (3.6).")


def test_england_is_not_compared_with_itself():
    row = _row(value=3.61, compared_england="Not compared", compared_region="Not compared",
               recent_trend="Decreasing and getting better")
    assert indicator_sentence(row, "England", None) == (
        "Infant mortality rate in England (3.6 per 1,000 live births in 2025), and getting better.")


def test_counts_are_whole_with_their_unit():
    assert format_value(11.0, "Count", "deaths") == "11 deaths"
    assert format_value(1234.5678, "Crude rate", "per 1,000 live births") == \
        "1,234.6 per 1,000 live births"
    assert format_value(math.nan, "Proportion", "%") == ""


def test_exceptions_come_first_in_their_own_order():
    frame = pd.DataFrame([
        _row(indicator_id="a", compared_england="Similar", compared_region="Similar",
             recent_trend="No significant change"),
        _row(indicator_id="b", compared_england="Worse", recent_trend="No significant change"),
        _row(indicator_id="c", compared_england="Better", compared_region="Better",
             recent_trend="Decreasing and getting better"),
        _row(indicator_id="d", compared_england="Similar", compared_region="Similar",
             recent_trend="Decreasing and getting worse"),
        _row(indicator_id="e", compared_england="Better", compared_region="Similar",
             recent_trend="Cannot be calculated", compared_goal="Worse"),
        _row(indicator_id="f", compared_england="Similar", compared_region="Worst",
             recent_trend=None),
        _row(indicator_id="g", compared_england="Not compared", compared_region="Not compared",
             recent_trend=None),
    ])
    ordered = exceptions_first(frame)
    assert ordered["indicator_id"].tolist() == ["b", "d", "e", "f", "a", "c", "g"]
    assert ordered["exception"].tolist() == [True] * 4 + [False] * 3
    assert not is_exception({"compared_england": "Better", "recent_trend": "Increasing"})


def test_wcag_contrast_formula_on_known_pairs():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("word", [*COMPARISON_COLOURS, "Best", "Worst", None])
def test_every_badge_keeps_aa_contrast(word):
    background, text = badge_colours(word)
    assert contrast_ratio(background, text) >= 4.5


def test_badges_use_the_govuk_colours_with_dark_text_on_yellow():
    assert badge_colours("Similar") == ("#FFDD00", "#0b0c0c")
    assert badge_colours("Worse") == ("#D4351C", "#ffffff")
    assert badge_colours("Worst")[0] == "#D4351C"
    assert badge_colours("Better") == ("#00703C", "#ffffff")


def test_trend_arrows_give_direction_and_colour():
    assert trend_arrow("Increasing and getting worse") == ("↑", COMPARISON_COLOURS["Worse"])
    assert trend_arrow("Decreasing and getting better") == ("↓", COMPARISON_COLOURS["Better"])
    assert trend_arrow("No significant change")[0] == "→"
    assert trend_arrow("Cannot be calculated")[0] == "–"
    for trend in ("Increasing and getting worse", "No significant change"):
        assert contrast_ratio(trend_arrow(trend)[1], "#ffffff") >= 4.5
