"""The data page's reconciliation tables a page at a time: the rows each page holds, the
order (largest differences first), the words and controls, text kept as text, missing shown
as missing, and the CSV still complete."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

from data.csv_safety import to_csv
from data.queries.reconcile import DISAGREEMENT_COLUMNS, RECONCILE_COLUMNS
from layouts import paging
from layouts.pages import data_reconcile


@pytest.mark.parametrize(("total", "asked", "expected"), [
    (45, 1, (1, 3, 0, 20)),
    (45, 2, (2, 3, 20, 40)),
    (45, 3, (3, 3, 40, 45)),  # the last page holds what is left
    (45, 9, (3, 3, 40, 45)),  # past the end (the table shrank at a load): the last page
    (45, 0, (1, 3, 0, 20)),
    (45, None, (1, 3, 0, 20)),
    (40, 2, (2, 2, 20, 40)),  # exactly two pages
    (7, 1, (1, 1, 0, 7)),  # one page
    (0, 1, (1, 1, 0, 0)),  # empty
    (0, 5, (1, 1, 0, 0)),
])
def test_page_rows(total, asked, expected):
    page = paging.page_of(total, asked)
    assert (page.number, page.pages, page.start, page.stop) == expected
    assert page.total == total


def test_page_ends_and_words():
    first, middle, last = (paging.page_of(3159, n) for n in (1, 2, 158))
    assert (first.has_previous, first.has_next) == (False, True)
    assert (middle.has_previous, middle.has_next) == (True, True)
    assert (last.has_previous, last.has_next) == (True, False)
    assert paging.rows_words(middle) == "Rows 21–40 of 3,159 (page 2 of 158)"
    assert paging.rows_words(last) == "Rows 3,141–3,159 of 3,159 (page 158 of 158)"
    only = paging.page_of(7, 1)
    assert not only.has_previous and not only.has_next
    assert paging.rows_words(paging.page_of(0, 1)) == "No rows"
    assert [paging.turned(p, s) for p, s in ((1, -1), (1, 1), (4, -1), (None, 0), (3, 0))] == [
        1, 2, 3, 1, 3]


def _pairs(n: int) -> pd.DataFrame:
    """`n` pairs; row i's count difference is (i % 7) - 3 and its value difference i / 100,
    so the order is known without the code under test."""
    rows = []
    for i in range(n):
        rows.append({
            "indicator_id": "infant_mortality", "area_code": f"E0{i:07d}",
            "area_name": f"Area {i}", "period_label": "2021 - 23", "category_type": "",
            "category": "", "shown": "computed", "computed_count": 10.0 + i,
            "published_count": 10.0 + i - ((i % 7) - 3), "count_difference": float((i % 7) - 3),
            "computed_denominator": 1000.0, "published_denominator": 1000.0,
            "denominator_difference": 0.0, "computed_value": 5.0 + i / 100,
            "published_value": 5.0, "value_difference": i / 100, "published_lower95": 4.0,
            "published_upper95": 6.0, "published_ci_contains_ours": "Yes",
            "publisher": "OHID Fingertips", "computed_source": f"computed from file {i}",
            "published_source": "published by OHID Fingertips"})
    return pd.DataFrame(rows, columns=RECONCILE_COLUMNS)


def test_largest_differences_first():
    pairs = _pairs(30)
    pairs.loc[5, ["count_difference", "value_difference"]] = np.nan  # not worked out
    ordered = data_reconcile.largest_differences_first(pairs)
    keys = [(abs(c), abs(v)) for c, v in zip(ordered["count_difference"],
                                             ordered["value_difference"], strict=True)]
    known = [k for k in keys if not np.isnan(k[0])]
    assert known == sorted(known, reverse=True)  # |count| first, then |value|, largest first
    # |count difference| 3 (i % 7 of 0 or 6), then the largest value difference: 0.28
    assert list(ordered["area_name"].iloc[:3]) == ["Area 28", "Area 27", "Area 21"]
    assert ordered["area_name"].iloc[-1] == "Area 5"  # missing last
    assert sorted(ordered["area_name"]) == sorted(pairs["area_name"])  # every row kept


def _plain(component) -> str:
    return json.dumps(json.loads(to_json_plotly(component)), ensure_ascii=False)


def _body_rows(table) -> list[list[str]]:
    """The cells of each body row of a page's table (a scroll region around the table)."""
    body = table.children.children[2]
    return [[cell.children for cell in row.children] for row in body.children]


def test_page_view_shows_the_asked_rows_in_order():
    rows = data_reconcile.largest_differences_first(_pairs(45))
    page = paging.page_of(len(rows), 2)
    table, words, previous_off, next_off, number, hidden = data_reconcile.page_view(
        "pairs", rows, page)
    cells = _body_rows(table)
    assert len(cells) == 20
    assert [c[0] for c in cells] == list(rows["area_name"].iloc[20:40])
    assert words == "Rows 21–40 of 45 (page 2 of 3)"
    assert (previous_off, next_off, number, hidden) == ("false", "false", 2, False)
    last = data_reconcile.page_view("pairs", rows, paging.page_of(len(rows), 3))
    assert len(_body_rows(last[0])) == 5 and last[2:4] == ("false", "true")
    first = data_reconcile.page_view("pairs", rows, paging.page_of(len(rows), 1))
    assert first[2:4] == ("true", "false")
    # a real table: caption, column headers with scope, one row per record
    text = _plain(table)
    assert '"type": "Caption"' in text and "Local against published figures: rows 21–40" in text
    headers = table.children.children[1].children.children
    assert [h.children for h in headers] == list(data_reconcile.PAIR_COLUMNS.values())
    assert all(h.scope == "col" for h in headers)
    assert table.role == "region" and table.tabIndex == "0"  # scrolls on its own on a phone


def test_empty_table_is_hidden_and_one_page_has_no_turns():
    empty = pd.DataFrame(columns=DISAGREEMENT_COLUMNS)
    table, words, previous_off, next_off, number, hidden = data_reconcile.page_view(
        "differing", empty, paging.page_of(0, 1))
    assert (table, words, previous_off, next_off, number, hidden) == (
        [], "No rows", "true", "true", 1, True)
    few = data_reconcile.page_view("pairs", _pairs(3), paging.page_of(3, 1))
    assert len(_body_rows(few[0])) == 3 and few[1:5] == ("Rows 1–3 of 3 (page 1 of 1)", "true",
                                                         "true", 1)


def test_cells_text_as_text_and_missing_as_missing():
    pairs = _pairs(2)
    pairs.loc[0, "area_name"] = "<b>Bold</b> & [link](http://x.example) =1+1"
    pairs.loc[0, ["published_count", "count_difference"]] = np.nan
    pairs.loc[1, ["category_type", "category"]] = ["Ethnicity", "Asian"]
    pairs.loc[1, "value_difference"] = 0.0044
    first, second = data_reconcile.cells(pairs, data_reconcile.PAIR_COLUMNS)
    assert first[0] == "<b>Bold</b> & [link](http://x.example) =1+1"  # a plain string: text
    assert first[1] == "Infant mortality rate"
    assert first[3] == "All" and second[3] == "Ethnicity: Asian"
    assert first[4:7] == ["10", "", ""]  # missing is empty, never 0
    assert second[6] == "-2" and second[9] == "+0.0044"  # signed, a small one not "+0.00"
    rows = _body_rows(data_reconcile.page_view("pairs", pairs, paging.page_of(2, 1))[0])
    assert rows[0][0] == first[0]  # the table's cell holds the string as it is
    intro = _plain(data_reconcile.intros(pairs, pd.DataFrame(columns=DISAGREEMENT_COLUMNS)))
    assert "never a zero" in intro and "Largest differences first" in intro


def test_csv_keeps_every_row_and_column_escaped():
    pairs = _pairs(45)
    pairs.loc[3, "area_name"] = "=HYPERLINK(\"http://attacker.example\")"
    differing = pd.DataFrame([{c: "x" for c in DISAGREEMENT_COLUMNS}], columns=DISAGREEMENT_COLUMNS)
    frame = data_reconcile.reconcile_csv(pairs, differing)
    assert len(frame) == 46 and set(RECONCILE_COLUMNS) <= set(frame.columns)
    assert set(DISAGREEMENT_COLUMNS) <= set(frame.columns)
    assert list(frame["area_name"].iloc[:45]) == list(
        data_reconcile.largest_differences_first(pairs)["area_name"])  # the page's order
    back = pd.read_csv(io.StringIO(to_csv(frame)), keep_default_na=False)
    assert len(back) == 46
    assert "'=HYPERLINK(\"http://attacker.example\")" in set(back["area_name"])
