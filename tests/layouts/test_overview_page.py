"""The overview page's components built from a hand-made frame: order, words, colours, CSV."""

from __future__ import annotations

import math

import pandas as pd

from layouts import ids
from layouts.overview_text import badge_colours, exceptions_first, indicator_sentence, row_records
from layouts.pages import overview as page
from tests.support.components import walk


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


def _frame_with_groups() -> pd.DataFrame:
    rows = _frame().assign(indicator_id=["cdop_sudi_rate", "smoking_delivery", "infant_mortality"])
    extra = rows.iloc[[1]].assign(indicator_id="cdop_factor_smoking", indicator_name="Delta")
    return pd.concat([rows, extra], ignore_index=True)


def test_one_table_grouped_with_exceptions_first_in_each_group():
    frame = _frame_with_groups()  # exceptions first: Beta (cdop), Gamma (smoking), Alpha
    parts = page.content(frame, "Blackpool", "North West Region")
    nodes = [n for part in parts for n in walk(part)]
    tables = [n for n in nodes if type(n).__name__ == "Table"]
    assert len(tables) == 1
    bodies = [n for n in walk(tables[0]) if type(n).__name__ == "Tbody"]
    groups = [[getattr(r, "data-indicator", None) or r.children.children
               for r in body.children] for body in bodies]
    assert groups == [["Mortality", "infant_mortality"], ["Risk factors", "smoking_delivery"],
                      ["Child death reviews", "cdop_sudi_rate", "cdop_factor_smoking"]]
    headings = [n.children for n in nodes if type(n).__name__ in ("H2", "H3")]
    assert headings == ["Summary for Blackpool"]
    assert any(getattr(n, "id", None) == ids.OVERVIEW_HEADING for n in nodes)
    # Every cell names its column, for the stacked cards a phone shows.
    cells = [n for n in walk(tables[0]) if type(n).__name__ == "Td"]
    assert all(getattr(c, "data-label", None) for c in cells)


def test_headline_counts_and_names():
    records = row_records(_frame())
    bullets = page.scorecard.headline(records, "North West Region")
    assert bullets == [
        "Compared with England: 1 significantly worse, 0 significantly better, 1 similar.",
        "Compared with North West Region: 0 significantly worse, 0 significantly better, "
        "3 similar.",
        "Getting worse: Gamma.",
        "1 indicator has no value to show (see the notes under the table).",
    ]


def test_sentences_sit_in_a_disclosure_and_a_note_is_printed_once():
    frame = pd.concat([_frame(), _frame().iloc[[1]].assign(indicator_id="d")], ignore_index=True)
    parts = page.content(frame, "Blackpool", "North West Region")
    nodes = [n for part in parts for n in walk(part)]
    details = [n for n in nodes if type(n).__name__ == "Details"]
    assert len(details) == 1
    items = [n for n in walk(details[0]) if type(n).__name__ == "Li"]
    assert [getattr(i, "data-indicator") for i in items] == ["b", "c", "a", "d"]
    assert items[0].children[0] == indicator_sentence(frame.iloc[0].to_dict(), "Blackpool",
                                                      "North West Region")
    assert items[1].children[0] == "Gamma in Blackpool has no value for 2025/26 (see note 1)."
    texts = [n.children for n in nodes if isinstance(getattr(n, "children", None), str)]
    assert sum("Suppressed: small count (1 to 4)" in t for t in texts) == 1
    assert "Note 1: Suppressed: small count (1 to 4)" in texts
    assert texts.count("note 1") == 2  # both rows point to the one footnote


def test_badges_carry_word_and_legible_colours():
    table = page.indicator_table(_frame().to_dict("records")[:1], "North West Region")
    badges = [n for n in walk(table) if "comparison-badge" in (getattr(n, "className", "") or "")]
    words = [(b.children, b.style["backgroundColor"], b.style["color"]) for b in badges]
    assert words == [("Worse", *badge_colours("Worse")), ("Similar", *badge_colours("Similar"))]
    texts = [n.children for n in walk(table) if isinstance(getattr(n, "children", None), str)]
    assert "Data quality flagged" in texts
    assert "30.0%" in texts and "North West Region" in texts


def test_a_missing_value_says_so():
    table = page.indicator_table(row_records(_frame().iloc[1:2]), None)
    texts = [n.children for n in walk(table) if isinstance(getattr(n, "children", None), str)]
    assert "No value" in texts and "note 1" in texts
    assert "nan" not in " ".join(texts).lower()


def test_a_note_on_a_present_value_is_a_footnote_too():
    frame = _frame().assign(value_note=[None, "Suppressed: small count (1 to 4)", "Provisional"])
    parts = page.content(frame, "Blackpool", "North West Region")
    texts = [n.children for part in parts for n in walk(part)
             if isinstance(getattr(n, "children", None), str)]
    assert "Note 1: Suppressed: small count (1 to 4)" in texts and "Note 2: Provisional" in texts
    assert texts.count("note 2") == 1 and "51.0%" in texts
