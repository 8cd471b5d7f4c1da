"""Recomputes every indicator from the stored raw rows, inside the caller's transaction."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, delete, select

from data.load_log import now
from data.raw_rows import read_raw_tables
from data.schema import VALUE_COLUMNS, VALUE_KEY, VALUE_LOOKUP, area, indicator_value
from data.value_writer import insert_frame
from indicators.engine import compute_indicator_values


def read_areas(connection: Connection) -> pd.DataFrame:
    rows = connection.execute(
        select(area.c.code, area.c.name, area.c.area_type, area.c.parent_code).order_by(area.c.code)
    ).all()
    return pd.DataFrame(rows, columns=["area_code", "area_name", "area_type", "parent_code"])


def recompute(connection: Connection, load_id: int, small_count_max: int = 4) -> int:
    """Replace all indicator values with a fresh computation; return the row count.
    Child-death counts from 1 to `small_count_max` are suppressed."""
    values = compute_indicator_values(read_raw_tables(connection), read_areas(connection),
                                      small_count_max=small_count_max)
    values = values.assign(computed_at=now(), load_id=load_id)
    connection.execute(delete(indicator_value))
    _insert_values(connection, values[VALUE_COLUMNS])
    return len(values)


def _insert_values(connection: Connection, values: pd.DataFrame) -> None:
    """On SQLite the indexes are built once after the insert, which is quicker than
    keeping them up to date row by row; the transaction still hides both steps from
    readers, and building the unique key index fails (so the load does) on a duplicate.
    PostgreSQL keeps its indexes: dropping them would lock readers out."""
    if connection.dialect.name != "sqlite":
        insert_frame(connection, indicator_value, values)
        return
    VALUE_LOOKUP.drop(connection)
    VALUE_KEY.drop(connection)
    insert_frame(connection, indicator_value, values)
    VALUE_KEY.create(connection)
    VALUE_LOOKUP.create(connection)
