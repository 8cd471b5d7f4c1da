"""Inequalities page pieces: the quintile chart, the sentences and the tables."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from data.queries.inequalities import DIFFERENCE, EXCESS, MEASURE_COLUMNS, PAF, RATIO, RII, SII
from layouts.figures.gap import gap_figure
from layouts.figures.quintiles import quintile_figure, quintile_label
from layouts.pages import inequalities as page
from tests.support.components import text_of

QUINTILES = pd.DataFrame({
    "category": ["1 - most deprived", "2", "3", "4", "5 - least deprived"],
    "count": [90.0, 60, 40, 30, 20], "denominator": [12000.0, 10000, 9000, 8000, 7000],
    "value": [7.5, 6.0, 4.44, 3.75, 2.86], "lower95": [6.0, 4.6, 3.2, 2.5, 1.7],
    "upper95": [9.2, 7.7, 6.1, 5.4, 4.4], "value_note": [None] * 5,
})


BASIS = "Reference: the least deprived quintile's rate (20 deaths)."


def measures(sii: float, excess: float) -> pd.DataFrame:
    rows = [
        [RATIO, 0.381234, math.nan, math.nan, "times", ""],
        [DIFFERENCE, -4.64, math.nan, math.nan, "per 1,000 live births", ""],
        [SII, sii, sii - 2, sii + 1.5, "per 1,000 live births", ""],
        [RII, 0.41, 0.3, 0.55, "times", ""],
        [EXCESS, excess, excess - 4, excess + 5, "deaths a year", BASIS],
        [PAF, 30.04, 20.0, 40.0, "%", BASIS],
    ]
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def test_quintiles_are_labelled_in_words_with_asymmetric_intervals():
    figure = go.Figure(quintile_figure(QUINTILES, title="t", y_title="per 1,000", overall=5.1,
                                       overall_name="Manchester"))  # a dict; go.Figure checks it
    dots = figure.data[0]
    assert list(dots.x) == ["1 (most deprived)", "2", "3", "4", "5 (least deprived)"]
    assert list(dots.y) == QUINTILES["value"].tolist()
    assert dots.error_y.array[0] == 9.2 - 7.5 and dots.error_y.arrayminus[0] == 7.5 - 6.0
    assert figure.data[1].name == "Manchester overall: 5.1"
    assert quintile_label("5 - least deprived") == "5 (least deprived)"


def test_sentences_use_one_direction_and_round_for_reading():
    parts = page.summary("Manchester", "2021 - 23", measures(-3.3, 12.4))
    text = " ".join(text_of(p) for p in parts)
    assert ("the modelled infant mortality rate was 3.3 per 1,000 live births lower at the "
            "least deprived end than at the most deprived end (SII -3.3, 95% CI -5.3 to "
            "-1.8)") in text
    assert ("the modelled rate at the least deprived end was 0.41 times the rate at the most "
            "deprived end (RII 0.41, 95% CI 0.30 to 0.55)") in text
    assert "least deprived quintile was 0.38 times that in the most deprived" in text
    assert ("About 12 infant deaths a year (95% CI 8.4 to 17) would not have happened if every "
            "quintile had had the reference rate, 30.0% of infant deaths (95% CI 20.0% to "
            "40.0%). " + BASIS) in text
    reversed_gap = " ".join(text_of(p) for p in page.summary("X", "2023", measures(2.0, -3.0)))
    assert "higher at the least deprived end than at the most deprived end" in reversed_gap
    assert "about 3.0 more infant deaths a year" in reversed_gap


def test_measures_not_calculated_say_why_in_the_sentence_and_the_table():
    frame = measures(-3.3, 12.4)
    why = "The least deprived quintile had 0 deaths; a reference rate needs 10 or more."
    frame.loc[frame["measure"].isin([EXCESS, PAF]), ["value", "lower95", "upper95", "note"]] = [
        math.nan, math.nan, math.nan, why]
    text = " ".join(text_of(p) for p in page.summary("X", "2023", frame))
    assert f"Excess deaths and the attributable fraction are not calculated. {why}" in text
    table = text_of(page.measures_table(frame).children.children[1])
    assert "Not calculated" in table and why in table
    assert "nan" not in table.lower() and "None" not in table


def test_measures_table_rounds_for_reading():
    table = text_of(page.measures_table(measures(-3.3456, 26.26)).children.children[1])
    assert "0.38" in table and "0.381234" not in table  # ratios to 2 d.p.
    assert "-3.3 " in table or "-3.3" in table.split()  # SII to 1 d.p.
    assert "26" in table.split() and "26.26" not in table  # deaths a year, whole from 10
    assert "30.0%" in table and "30.04" not in table  # percentages to 1 d.p., no space


def test_quintile_table_leaves_empty_cells_empty():
    rows = text_of(page.quintile_table(QUINTILES).children.children[1])
    assert "1 (most deprived)" in rows and "12,000" in rows and "7.5" in rows
    assert "None" not in rows and "nan" not in rows


def test_gap_chart_draws_each_period_with_its_interval_and_a_zero_line():
    gap = pd.DataFrame({"period_label": ["2019 - 21", "2020 - 22", "2021 - 23"],
                        "sii": [-3.0, math.nan, -2.0], "lower95": [-5.0, math.nan, -4.5],
                        "upper95": [-1.0, math.nan, 0.5], "note": ["", "No deaths", ""]})
    figure = go.Figure(gap_figure(gap, title="Gap"))
    dots = figure.data[0]
    assert list(dots.x) == gap["period_label"].tolist()
    assert dots.y[0] == -3.0 and dots.y[1] is None
    assert dots.error_y.array[2] == pytest.approx(2.5)
    assert dots.error_y.arrayminus[0] == pytest.approx(2.0)
    assert figure.layout.shapes[0].y0 == 0
    table = text_of(page.gap_table(gap).children.children[1])
    assert "No deaths" in table and table.index("2021 - 23") < table.index("2019 - 21")
