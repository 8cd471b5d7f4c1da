"""Inequalities page pieces: the quintile chart, the sentences and the tables."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from data.queries.inequalities import EXCESS, MEASURE_COLUMNS, RII, SII
from layouts.figures.quintiles import quintile_figure, quintile_label
from layouts.pages import inequalities as page

QUINTILES = pd.DataFrame({
    "category": ["1 - most deprived", "2", "3", "4", "5 - least deprived"],
    "count": [90.0, 60, 40, 30, 20], "denominator": [12000.0, 10000, 9000, 8000, 7000],
    "value": [7.5, 6.0, 4.44, 3.75, 2.86], "lower95": [6.0, 4.6, 3.2, 2.5, 1.7],
    "upper95": [9.2, 7.7, 6.1, 5.4, 4.4], "value_note": [None] * 5,
})


def measures(sii: float, excess: float) -> pd.DataFrame:
    rows = [
        ["Ratio, most to least deprived", 2.6, math.nan, math.nan, "times", ""],
        ["Difference, most minus least deprived", 4.6, math.nan, math.nan, "per 1,000", ""],
        [SII, sii, sii - 2, sii + 1.5, "per 1,000 live births", ""],
        [RII, 0.41, 0.3, 0.55, "times", ""],
        [EXCESS, excess, excess - 4, excess + 5, "deaths a year", ""],
        ["Population attributable fraction", 30.0, 20.0, 40.0, "%", ""],
    ]
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def text_of(component) -> str:
    children = getattr(component, "children", component)
    if isinstance(children, list):
        return " ".join(text_of(c) for c in children)
    return children if isinstance(children, str) else text_of(children) if children else ""


def test_quintiles_are_labelled_in_words_with_asymmetric_intervals():
    figure = go.Figure(quintile_figure(QUINTILES, title="t", y_title="per 1,000", overall=5.1,
                                       overall_name="Manchester"))  # a dict; go.Figure checks it
    dots = figure.data[0]
    assert list(dots.x) == ["1 (most deprived)", "2", "3", "4", "5 (least deprived)"]
    assert list(dots.y) == QUINTILES["value"].tolist()
    assert dots.error_y.array[0] == 9.2 - 7.5 and dots.error_y.arrayminus[0] == 7.5 - 6.0
    assert figure.data[1].name == "Manchester overall: 5.1"
    assert quintile_label("5 - least deprived") == "5 (least deprived)"


def test_sii_and_excess_sentences_say_which_end_is_higher():
    parts = page.summary("Manchester", "2021 - 23", measures(-3.3, 12.4))
    text = " ".join(text_of(p) for p in parts)
    assert "3.3 per 1,000 live births higher at the most deprived end" in text
    assert "(SII -3.3, 95% confidence interval -5.3 to -1.8)" in text
    assert ("About 12 infant deaths a year would not have happened if every quintile had the "
            "least deprived quintile's rate (95% CI 8.4 to 17).") in text
    reversed_gap = " ".join(text_of(p) for p in page.summary("X", "2023", measures(2.0, -3.0)))
    assert "lower at the most deprived end" in reversed_gap
    assert "about 3.0 more infant deaths a year" in reversed_gap


def test_tables_show_words_for_what_cannot_be_calculated():
    frame = measures(-3.3, 12.4)
    frame.loc[0, ["value", "note"]] = [math.nan, "The least deprived quintile had no deaths."]
    table = text_of(page.measures_table(frame).children[1])
    assert "Cannot be calculated" in table and "had no deaths" in table
    rows = text_of(page.quintile_table(QUINTILES).children[1])
    assert "1 (most deprived)" in rows and "12,000" in rows and "7.5" in rows
