"""Recomputes the indicators from the stored raw rows, inside the caller's transaction:
all of them, or those a load's changed tables feed."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Connection, Index, Table, delete, select

from data.load_log import now
from data.published import attach_sources
from data.raw_rows import read_raw_tables
from data.schema import (
    SUPERSEDED_LOOKUP,
    VALUE_COLUMNS,
    VALUE_KEY,
    VALUE_LOOKUP,
    area,
    indicator_value,
    superseded_value,
)
from data.value_writer import insert_frame
from indicators.engine import compute_blended
from indicators.engine.dependencies import affected_indicators, tables_needed
from indicators.names import AREA_CODE, AREA_NAME, AREA_TYPE, PARENT_CODE


def read_areas(connection: Connection) -> pd.DataFrame:
    rows = connection.execute(
        select(area.c.code, area.c.name, area.c.area_type, area.c.parent_code).order_by(area.c.code)
    ).all()
    return pd.DataFrame(rows, columns=[AREA_CODE, AREA_NAME, AREA_TYPE, PARENT_CODE])


def recompute(connection: Connection, load_id: int, small_count_max: int = 4,
              changed_tables: Iterable[str] | None = None) -> int:
    """Replace the indicator values with a fresh computation; return the row count.
    Child-death counts from 1 to `small_count_max` are suppressed. The values shown go to
    indicator_value, the candidates the precedence rule passed over to superseded_value,
    each with the file, load and date its rows came from.

    With `changed_tables` (the raw tables a load changed), only the indicators that read
    one of them (indicators.engine.dependencies) are recomputed, from the raw tables they
    read; every other indicator's rows stay as they are, `computed_at` included."""
    only = None if changed_tables is None else affected_indicators(changed_tables)
    if only is not None and not only:
        return 0
    raw = read_raw_tables(connection, None if only is None else tables_needed(only))
    result = compute_blended(raw, read_areas(connection), small_count_max=small_count_max)
    stamp = now()
    for table, index, frame in ((indicator_value, VALUE_LOOKUP, result.values),
                                (superseded_value, SUPERSEDED_LOOKUP, result.superseded)):
        if only is not None:
            frame = frame[frame["indicator_id"].isin(only)]
        frame = attach_sources(connection, frame).assign(computed_at=stamp, load_id=load_id)
        if only is None:
            connection.execute(delete(table))
            _insert_values(connection, table, index, frame[VALUE_COLUMNS])
        else:
            connection.execute(delete(table).where(table.c.indicator_id.in_(sorted(only))))
            insert_frame(connection, table, frame[VALUE_COLUMNS])
    return len(result.values) if only is None else int(result.values["indicator_id"].isin(only).sum())


def _insert_values(connection: Connection, table: Table, index: Index,
                   values: pd.DataFrame) -> None:
    """On SQLite the indexes are built once after the insert, which is quicker than
    keeping them up to date row by row; the transaction still hides both steps from
    readers, and building indicator_value's unique key index fails (so the load does) on
    a duplicate. PostgreSQL keeps its indexes: dropping them would lock readers out."""
    if connection.dialect.name != "sqlite" or values.empty:
        insert_frame(connection, table, values)
        return
    indexes = [index, VALUE_KEY] if table is indicator_value else [index]
    for each in indexes:
        each.drop(connection)
    insert_frame(connection, table, values)
    for each in reversed(indexes):
        each.create(connection)
