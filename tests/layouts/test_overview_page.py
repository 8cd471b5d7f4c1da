"""The overview page's components built from a hand-made frame: order, words, colours, CSV."""

from __future__ import annotations

import math

import pandas as pd

from layouts import ids
from layouts.overview_text import badge_colours, exceptions_first, indicator_sentence
from layouts.pages import overview as page


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str | int | float):
        return
    for child in children if isinstance(children, list | tuple) else [children]:
        yield from _walk(child)


def _frame() -> pd.DataFrame:
    base = {"unit": "%", "value_type": "Proportion", "period_label": "2025/26", "count": 10.0,
            "england_value": 50.0, "region_value": 45.0, "compared_region": "Similar",
            "recent_trend": "No significant change", "trend_note": None, "dq_flag": None,
            "value_note": None, "target_label": None, "compared_goal": None, "dq_name": None,
            "dq_value": math.nan}
    return exceptions_first(pd.DataFrame([
        {**base, "indicator_id": "a", "indicator_name": "Alpha", "value": 51.0,
         "compared_england": "Similar"},
        {**base, "indicator_id": "b", "indicator_name": "Beta", "value": 30.0,
         "compared_england": "Worse", "dq_flag": "Flagged: status not known 5% or more",
         "dq_name": "% status not known", "dq_value": 7.25},
        {**base, "indicator_id": "c", "indicator_name": "Gamma", "value": math.nan,
         "compared_england": "Not compared", "value_note": "Suppressed: small count (1 to 4)",
         "recent_trend": "Decreasing and getting worse"},
    ]))


def test_rows_and_sentences_come_exceptions_first():
    parts = page.content(_frame(), "Blackpool", "North West Region")
    nodes = [n for part in parts for n in _walk(part)]
    rows = [n for n in nodes if type(n).__name__ == "Tr" and hasattr(n, "data-indicator")]
    assert [getattr(r, "data-indicator") for r in rows] == ["b", "c", "a"]
    items = [n for n in nodes if type(n).__name__ == "Li"]
    assert [getattr(i, "data-indicator") for i in items] == ["b", "c", "a"]
    assert items[0].children == indicator_sentence(_frame().iloc[0].to_dict(), "Blackpool",
                                                   "North West Region")
    headings = [n.children for n in nodes if type(n).__name__ in ("H2", "H3")]
    assert headings == ["Summary for Blackpool", "Indicators", "Needs attention (2)",
                        "Other indicators (1)"]
    assert any(getattr(n, "id", None) == ids.OVERVIEW_HEADING for n in nodes)


def test_badges_carry_word_and_legible_colours():
    table = page.indicator_table(_frame().to_dict("records")[:1], "North West Region")
    badges = [n for n in _walk(table) if "comparison-badge" in (getattr(n, "className", "") or "")]
    words = [(b.children, b.style["backgroundColor"], b.style["color"]) for b in badges]
    assert words == [("Worse", *badge_colours("Worse")), ("Similar", *badge_colours("Similar"))]
    texts = [n.children for n in _walk(table) if isinstance(getattr(n, "children", None), str)]
    assert "Flagged: status not known 5% or more" in texts and "% status not known: 7.2%" in texts
    assert "30.0%" in texts and "North West Region" in texts


def test_a_missing_value_says_so():
    table = page.indicator_table(_frame().to_dict("records")[1:2], None)
    texts = [n.children for n in _walk(table) if isinstance(getattr(n, "children", None), str)]
    assert "No value" in texts and "Suppressed: small count (1 to 4)" in texts
    assert "nan" not in " ".join(texts).lower()


def test_the_csv_keeps_numbers_unrounded_with_the_sentence():
    table = page.csv_frame(_frame(), "Blackpool", "North West Region")
    assert table["Indicator"].tolist() == ["Beta", "Gamma", "Alpha"]
    assert table.loc[0, "Data quality value"] == 7.25 and table.loc[0, "Area"] == "Blackpool"
    assert table.loc[0, "Summary"].startswith("Beta in Blackpool (30.0% in 2025/26) is worse than")
    assert table["Needs attention"].tolist() == [True, True, False]
