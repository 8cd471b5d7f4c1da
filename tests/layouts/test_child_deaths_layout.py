"""Child deaths page pieces: hidden counts stay hidden in the chart, the tables and the words."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from data.queries.child_deaths import TABLE_COLUMNS
from layouts.figures.child_deaths import HIDDEN, review_table_figure
from layouts.pages import child_deaths as page
from tests.support.components import text_of

NAN = math.nan
ROWS = [
    ("category", "Category of death", "7 - Chromosomal, genetic and congenital anomalies", 14.0),
    ("category", "Category of death", "8 - Perinatal/neonatal event", 20.0),
    ("category", "Category of death", "9 - Infection", NAN),
    ("category", "Category of death", "10 - Sudden unexpected, unexplained death", NAN),
    ("category", "Category of death", "Total", 40.0),
    ("factor_smoking", "Factor: smoking by a parent or carer", "Yes", 13.0),
    ("factor_smoking", "Factor: smoking by a parent or carer", "No", 27.0),
    ("factor_smoking", "Factor: smoking by a parent or carer", "Not recorded", 0.0),
    ("factor_smoking", "Factor: smoking by a parent or carer", "Total", 40.0),
    ("factor_co_sleeping", "Factor: co-sleeping", "Yes", NAN),
    ("factor_co_sleeping", "Factor: co-sleeping", "No", NAN),
    ("factor_co_sleeping", "Factor: co-sleeping", "Not recorded", 0.0),
    ("factor_co_sleeping", "Factor: co-sleeping", "Total", 40.0),
    ("notified", "Notified and reviewed", "Infant deaths notified in the year", 3.0),
    ("notified", "Notified and reviewed", "Infant death reviews completed in the year", 40.0),
]
FRAME = pd.DataFrame([(*row, pd.isna(row[3])) for row in ROWS], columns=TABLE_COLUMNS)
FRAME.loc[13, ["count", "hidden"]] = [NAN, True]


def test_the_chart_has_no_number_for_a_hidden_count():
    cells = page.chart_cells(FRAME, "category")
    figure = go.Figure(review_table_figure(cells, title="t"))  # a dict; go.Figure checks it
    bars = figure.data[0]
    assert list(bars.x) == [14.0, 20.0, None, None]
    assert list(bars.text) == ["14", "20", HIDDEN, HIDDEN]
    assert [a.text for a in figure.layout.annotations] == [HIDDEN, HIDDEN]
    assert "Total" not in list(bars.y)


def test_the_factors_chart_shows_each_factors_yes_count():
    cells = page.chart_cells(FRAME, "factors")
    assert cells["category"].tolist() == ["Smoking by a parent or carer", "Co-sleeping"]
    assert cells["count"].tolist()[0] == 13.0 and cells["hidden"].tolist() == [False, True]


def test_tables_and_summary_write_hidden_in_words_and_percent_only_of_shown_counts():
    tables = " ".join(text_of(t) for t in page.review_tables(FRAME))
    assert "hidden" in tables and "35%" in tables and "50%" in tables  # 14/40 and 20/40
    assert "nan" not in tables.lower()
    summary = text_of(page.summary("Manchester", "2023/24", FRAME))
    assert summary == ("In 2023/24 the panel completed reviews of 40 infant deaths in Manchester "
                       "and was notified of infant deaths (number hidden).")


def test_the_disclosure_note_names_the_threshold():
    note = text_of(page.disclosure_note(3))
    assert "Counts from 1 to 3 are not shown" in note
    assert "cannot be worked out from the totals" in note
