"""Bulk insert of a DataFrame into a table: COPY from CSV on PostgreSQL, the driver's
executemany on SQLite. Values are converted a column at a time (not cell by cell), in chunks, so
that a national refresh neither crawls nor holds several copies of its rows."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Table

CHUNK_ROWS = 5_000
_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # the text SQLAlchemy itself stores on SQLite
_NULL = "\\N"  # PostgreSQL's NULL marker in COPY


def _datetime_text(series: pd.Series) -> list:
    """Each distinct timestamp formatted once (a refresh stamps every row with one time)."""
    codes, uniques = pd.factorize(series)
    texts = [t.strftime(_SQLITE_DATETIME) for t in uniques]
    return [None if code < 0 else texts[code] for code in codes.tolist()]


def _sqlite_values(series: pd.Series) -> list:
    """Python scalars for sqlite3. A float NaN is bound as NULL by SQLite itself, so
    numbers and text need no per-cell replacement of missing values."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return _datetime_text(series)
    if pd.api.types.is_string_dtype(series) or isinstance(series.dtype, np.dtype):
        return series.tolist()
    return _none_for_missing(series)  # nullable extension types give pd.NA, which sqlite3 refuses


def _none_for_missing(series: pd.Series) -> list:
    """Python scalars with None for missing (COPY would write a float NaN as 'NaN')."""
    values = series.astype(object)
    return values.where(series.notna(), None).tolist()


def _parts(frame: pd.DataFrame) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), CHUNK_ROWS):
        yield frame.iloc[start:start + CHUNK_ROWS]


def _chunks(frame: pd.DataFrame, postgres: bool) -> Iterator[list[tuple]]:
    convert = _none_for_missing if postgres else _sqlite_values
    for part in _parts(frame):
        columns = [convert(part[c]) for c in part.columns]
        yield list(zip(*columns, strict=True))


def _holds_null_marker(frame: pd.DataFrame) -> bool:
    text = frame.select_dtypes(include=["object", "string"])
    return bool(text.isin([_NULL]).any().any())


def _copy_to_postgres(cursor, table: Table, names: str, frame: pd.DataFrame) -> None:
    """COPY from CSV text that pandas writes in C; a missing value is the unquoted NULL
    marker. A frame holding that marker as real text goes row by row instead."""
    if _holds_null_marker(frame):
        with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for rows in _chunks(frame, postgres=True):
                for row in rows:
                    copy.write_row(row)
        return
    statement = f"""COPY "{table.name}" ({names}) FROM STDIN (FORMAT csv, NULL '{_NULL}')"""
    with cursor.copy(statement) as copy:
        for part in _parts(frame):
            copy.write(part.to_csv(header=False, index=False, na_rep=_NULL, lineterminator="\n"))


def insert_frame(connection: Connection, table: Table, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    names = ", ".join(f'"{c}"' for c in frame.columns)
    cursor = connection.connection.driver_connection.cursor()
    try:
        if connection.dialect.name == "postgresql":
            _copy_to_postgres(cursor, table, names, frame)
            return
        marks = ", ".join("?" for _ in frame.columns)
        statement = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
        for rows in _chunks(frame, postgres=False):
            cursor.executemany(statement, rows)
    finally:
        cursor.close()
