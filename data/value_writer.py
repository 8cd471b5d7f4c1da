"""Bulk insert of a DataFrame into a table: COPY on PostgreSQL, the driver's executemany
on SQLite. Values are converted a column at a time (not cell by cell), in chunks, so
that a national refresh neither crawls nor holds several copies of its rows."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
from sqlalchemy import Connection, Table

CHUNK_ROWS = 20_000


def _column_values(series: pd.Series, datetime_as_text: bool) -> list:
    """Python scalars with None for missing; on SQLite datetimes as the text SQLAlchemy
    itself would store."""
    if datetime_as_text and pd.api.types.is_datetime64_any_dtype(series):
        text = series.dt.strftime("%Y-%m-%d %H:%M:%S.%f")
        return text.astype(object).where(series.notna(), None).tolist()
    values = series.astype(object)
    return values.where(series.notna(), None).tolist()


def _chunks(frame: pd.DataFrame, datetime_as_text: bool) -> Iterator[list[tuple]]:
    for start in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[start:start + CHUNK_ROWS]
        columns = (_column_values(part[c], datetime_as_text) for c in part.columns)
        yield list(zip(*columns, strict=True))


def insert_frame(connection: Connection, table: Table, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    names = ", ".join(f'"{c}"' for c in frame.columns)
    cursor = connection.connection.driver_connection.cursor()
    try:
        if connection.dialect.name == "postgresql":
            with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for rows in _chunks(frame, datetime_as_text=False):
                    for row in rows:
                        copy.write_row(row)
            return
        marks = ", ".join("?" for _ in frame.columns)
        statement = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
        for rows in _chunks(frame, datetime_as_text=True):
            cursor.executemany(statement, rows)
    finally:
        cursor.close()
