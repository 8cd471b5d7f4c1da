"""Storing an action plan: a plan file is the whole plan, so a revised file replaces it.

Rows are upserted like any extract's (new, revised, unchanged); then the stored rows of
the same plans that the file no longer has (an action dropped or reworded, an indicator
unlinked) are removed, and the change report counts them."""

from __future__ import annotations

import orjson
import pandas as pd
from sqlalchemy import Connection, delete, select, tuple_

from data.raw_rows import TableChange, row_keys, upsert_table
from data.readers import KEY_COLUMNS
from data.schema import raw_row

PLAN_TABLE = "action_plan"


def replace_plans(connection: Connection, frame: pd.DataFrame, load_id: int) -> TableChange:
    """Upsert the plan rows of `frame`, then remove stored rows of its plans it lacks."""
    key_columns = KEY_COLUMNS[PLAN_TABLE]
    change = upsert_table(connection, PLAN_TABLE, frame, key_columns, load_id)
    keep = set(row_keys(frame, key_columns))
    plans = set(frame["plan"].dropna())
    stored = connection.execute(
        select(raw_row.c.row_key, raw_row.c.payload).where(raw_row.c.source == PLAN_TABLE)).all()
    gone = [key for key, payload in stored
            if key not in keep and orjson.loads(payload).get("plan") in plans]
    for start in range(0, len(gone), 500):
        chunk = [(PLAN_TABLE, key) for key in gone[start:start + 500]]
        connection.execute(delete(raw_row).where(
            tuple_(raw_row.c.source, raw_row.c.row_key).in_(chunk)))
    change.removed = len(gone)
    return change
