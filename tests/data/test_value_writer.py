"""Bulk inserts keep every value exactly, on SQLite and on PostgreSQL: missing as NULL,
empty text as empty text, floats to the last bit, awkward text as it was."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Column, DateTime, Float, Integer, MetaData, Table, Text, select

from data.value_writer import insert_frame

SCRATCH = Table(
    "scratch_values", MetaData(),
    Column("label", Text, nullable=True), Column("note", Text, nullable=True),
    Column("number", Float, nullable=True), Column("whole", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
AT = datetime(2026, 11, 22, 8, 30, 15, 123456, tzinfo=UTC)


def _frame(label_values: list) -> pd.DataFrame:
    size = len(label_values)
    return pd.DataFrame({
        "label": pd.Series(label_values, dtype="str"),
        "note": pd.Series(["", None, 'quote " comma , and\nnewline', "é ü 1,000"][:size], dtype=object),
        "number": [0.1 + 0.2, np.nan, 1e-300, 12345678.123456789][:size],
        "whole": list(range(size)),
        "at": pd.Series([AT] * size),
    })


@pytest.mark.parametrize("labels", [["a", None, "", "E06000001"], ["a", None, "\\N", "b"]],
                         ids=["csv copy", "null marker as text"])
def test_values_come_back_exactly(store, labels):
    frame = _frame(labels)
    with store.begin() as connection:
        SCRATCH.create(connection)
        insert_frame(connection, SCRATCH, frame)
        rows = connection.execute(select(SCRATCH).order_by(SCRATCH.c.whole)).all()
    assert [r.label for r in rows] == labels
    assert [r.note for r in rows] == ["", None, 'quote " comma , and\nnewline', "é ü 1,000"]
    assert rows[0].number == 0.30000000000000004 and rows[1].number is None
    assert rows[2].number == 1e-300 and rows[3].number == 12345678.123456789
    stamps = {r.at if r.at.tzinfo else r.at.replace(tzinfo=UTC) for r in rows}
    assert stamps == {AT}
