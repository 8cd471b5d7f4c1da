"""Compare page pieces: the table in rank order with words, and the sentence."""

from __future__ import annotations

import math

import pandas as pd

from layouts.figures.ranked import rank_areas
from layouts.pages.compare import summary_sentence, values_table
from tests.support.components import text_of


def _ranked() -> pd.DataFrame:
    return rank_areas(pd.DataFrame({
        "area_code": ["A", "B", "C"], "area_name": ["Ashby", "Brent", "Crewe"],
        "value": [4.04, 9.5, math.nan], "lower95": [3.0, 8.0, math.nan],
        "upper95": [5.0, 11.0, math.nan], "count": [40.0, 95.0, math.nan],
        "denominator": [9900.0, 10000.0, 1200.0],
        "compared_region": ["Similar", "Worse", None],
        "value_note": [None, None, "Suppressed: small count (1 to 4)"],
        "source": ["computed from births_deaths.csv of 2025-11-05",
                   "published by OHID Fingertips, file fingertips.csv of 2025-11-05", None],
    }))


def _rows(table):
    body = table.children[1]
    return [[text_of(cell) for cell in row.children] for row in body.children], body.children


def test_table_lists_areas_in_rank_order_with_words_and_bolds_the_chosen():
    table = values_table(_ranked(), comparison_column="compared_region",
                         benchmark_name="North West", highlight="A")
    rows, elements = _rows(table)
    assert [r[1] for r in rows] == ["Brent", "Ashby", "Crewe"]
    assert rows[1] == ["2", "Ashby", "4.0", "3.0 to 5.0", "40", "9,900", " Similar",
                       "computed from births_deaths.csv of 2025-11-05", ""]
    assert rows[0][7] == "published by OHID Fingertips, file fingertips.csv of 2025-11-05"
    assert rows[2][0] == "" and rows[2][2] == "" and rows[2][6].strip() == "Not compared"
    assert rows[2][8] == "Suppressed: small count (1 to 4)"
    assert [e.className for e in elements] == [None, "table-active fw-bold", None]
    header = [text_of(h) for h in table.children[0].children.children]
    assert header[-3:] == ["Compared with North West", "Source", "Note"]


def test_funnel_column_says_not_plotted_when_missing():
    significance = pd.Series(["High (0.001)", "Not significant", math.nan])
    table = values_table(_ranked(), comparison_column="compared_region", benchmark_name="X",
                         highlight=None, significance=significance)
    rows, _ = _rows(table)
    assert [r[-3] for r in rows] == ["High (0.001)", "Not significant", "Not plotted"]


def test_sentence_gives_rank_interval_and_comparison():
    meta = {"name": "Infant mortality rate", "unit": "per 1,000 live births"}
    text = summary_sentence(_ranked(), highlight="A", comparison_column="compared_region",
                            benchmark_name="North West", benchmark_value=4.2, meta=meta,
                            period="2025")
    assert text == ("Infant mortality rate, 2025: Ashby 4.0 per 1,000 live births (95% confidence "
                    "interval 3.0 to 5.0), 2nd highest of 2 areas with a value. Compared with "
                    "North West (4.2) it is similar.")
    top = summary_sentence(_ranked(), highlight="B", comparison_column="compared_region",
                           benchmark_name="North West", benchmark_value=4.2, meta=meta,
                           period="2025")
    assert "the highest of 2 areas" in top and "it is worse." in top
    percent = summary_sentence(_ranked(), highlight="A", comparison_column="compared_region",
                               benchmark_name="North West", benchmark_value=4.2,
                               meta={"name": "Smoking", "unit": "%"}, period="2025")
    assert "Ashby 4.0% (95%" in percent and "(4.2%) it is similar" in percent
    missing = summary_sentence(_ranked(), highlight="C", comparison_column="compared_region",
                               benchmark_name="North West", benchmark_value=4.2, meta=meta,
                               period="2025")
    assert missing == ("Infant mortality rate, 2025: Crewe has no value for this period "
                       "(Suppressed: small count (1 to 4)).")
