"""The data page's flags table: every flagged value counted, the newest listed on screen."""

from __future__ import annotations

import json

import pandas as pd
from plotly.io.json import to_json_plotly

from data.queries.data_page import FLAG_COLUMNS
from layouts.pages.data_page import FLAG_ROWS_SHOWN, flags_table


def _flags(n: int) -> pd.DataFrame:
    return pd.DataFrame([{
        "area_code": f"E0{i:07d}", "area_name": f"Area {i}", "indicator_id": "smoking_delivery",
        "indicator_name": "Smoking at delivery", "period_label": f"{2024 - i // 50}/25",
        "category_type": "", "category": "", "dq_flag": "Smoking status not known for 5% or more",
        "dq_value": 5.0 + i / 10, "value": 9.0} for i in range(n)], columns=FLAG_COLUMNS)


def _rows_and_text(table) -> tuple[int, str]:
    text = to_json_plotly(table)
    return text.count('"type":"Tr"') - 1, json.dumps(json.loads(text))  # less the header row


def test_a_long_list_shows_the_newest_and_counts_them_all():
    rows, text = _rows_and_text(flags_table(_flags(FLAG_ROWS_SHOWN + 37)))
    assert rows == FLAG_ROWS_SHOWN
    assert f"{FLAG_ROWS_SHOWN + 37:,} flagged values. Showing the newest {FLAG_ROWS_SHOWN}" in text
    assert "Area 0" in text and f"Area {FLAG_ROWS_SHOWN - 1}\"" in text
    assert f"Area {FLAG_ROWS_SHOWN}\"" not in text


def test_a_short_list_is_shown_whole():
    rows, text = _rows_and_text(flags_table(_flags(12)))
    assert rows == 12 and "12 flagged values." in text and "Showing" not in text
