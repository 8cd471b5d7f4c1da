"""Raw extract rows in the store: keys, JSON payloads, and the diff a refresh reports."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import orjson
import pandas as pd
from sqlalchemy import Connection, delete, or_, select, tuple_

from data.schema import raw_row
from data.value_writer import insert_frame
from indicators.catalogue import CATALOGUE
from indicators.names import AREA_CODE, PERIOD

# Columns that describe where a row came from, not what it says.
_NOT_PAYLOAD = {"source_row"}
# Tables a published extract stores under their own name, apart from local extracts of
# the same shape: an ONS workbook's Table_3 is ONS's births and deaths, not the team's own.
_STORED_AS = {("ons_child_mortality", "births_deaths"): "ons_births_deaths"}


def stored_table_name(source: str | None, table: str) -> str:
    """The raw table a reader's table is stored as, for an extract of type `source`."""
    return _STORED_AS.get((source, table), table)


def _plain(value: object) -> object:
    """A JSON-safe scalar: NaN and NaT become null; whole floats become ints, so that
    2020.0 and 2020 give the same key and the same payload."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def row_keys(frame: pd.DataFrame, key_columns: list[str]) -> list[str]:
    parts = [["" if v is None else str(v) for v in _plain_column(frame[c])] for c in key_columns]
    return ["|".join(values) for values in zip(*parts, strict=True)] if parts else []


def _plain_column(series: pd.Series) -> list:
    """`_plain` for a whole column, with the per-cell work only where the type needs it."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return [None if v is pd.NaT else v.date().isoformat() for v in series.tolist()]
    if pd.api.types.is_float_dtype(series):
        return [None if v != v else (int(v) if v.is_integer() else v) for v in series.tolist()]
    if pd.api.types.is_integer_dtype(series) or pd.api.types.is_bool_dtype(series):
        return series.astype(object).where(series.notna(), None).tolist()
    return [v if isinstance(v, str) else _plain(v) for v in series.tolist()]


def payloads(frame: pd.DataFrame) -> list[str]:
    """One JSON object per row, keys in sorted order, so that equal rows give equal text."""
    columns = sorted(c for c in frame.columns if c not in _NOT_PAYLOAD)
    values = [_plain_column(frame[c]) for c in columns]
    return [orjson.dumps(dict(zip(columns, record, strict=True))).decode()
            for record in zip(*values, strict=True)]


def same_payload(before: str | None, after: str) -> bool:
    """Equal rows, also when the stored text was written by another JSON writer (spacing,
    escapes): the text is compared first and parsed only when it differs."""
    return before is not None and (before == after or orjson.loads(before) == orjson.loads(after))


@dataclass
class TableChange:
    """What one refresh did to one raw table."""

    source: str
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    new_periods: list[str] = field(default_factory=list)
    revised_examples: list[str] = field(default_factory=list)
    removed: int = 0  # rows a revised action plan no longer has

    @property
    def changed(self) -> bool:
        return bool(self.new or self.revised or self.removed)

    def as_dict(self) -> dict[str, object]:
        return self.__dict__.copy()


def _first_present(frame: pd.DataFrame, names: Iterable[str]) -> str | None:
    return next((n for n in names if n in frame.columns), None)


def row_periods(frame: pd.DataFrame) -> list[str | None]:
    """The period each row covers, as the load log and the change report name it:
    the extract's period or year, or the year of death for record-level reviews."""
    column = _first_present(frame, [PERIOD, "year", "time_period", "date_of_death"])
    if column is None:
        return [None] * len(frame)
    labels = frame[column].map(lambda v: None if _plain(v) is None else str(_plain(v)))
    if column == "date_of_death":
        labels = labels.map(lambda v: v[:4] if v else None)
    return labels.tolist()


def upsert_table(
    connection: Connection, source: str, frame: pd.DataFrame, key_columns: list[str], load_id: int
) -> TableChange:
    """Insert new rows and replace revised ones for one raw table; leave identical rows."""
    keys = row_keys(frame, key_columns)
    bodies = payloads(frame)
    area_col = _first_present(frame, [AREA_CODE])
    areas = frame[area_col].astype(str).tolist() if area_col else [None] * len(frame)
    periods = row_periods(frame)

    existing = dict(
        connection.execute(
            select(raw_row.c.row_key, raw_row.c.payload).where(raw_row.c.source == source)
        ).all()
    )
    known_periods = set(
        connection.execute(select(raw_row.c.period).where(raw_row.c.source == source).distinct())
        .scalars().all()
    )
    change = TableChange(source)
    write, revised_keys = [], []  # positions of the rows to write
    for position, (key, body) in enumerate(zip(keys, bodies, strict=True)):
        before = existing.get(key)
        if same_payload(before, body):
            change.unchanged += 1
            continue
        if before is None:
            change.new += 1
        else:
            change.revised += 1
            revised_keys.append(key)
            if len(change.revised_examples) < 10:
                change.revised_examples.append(_describe_revision(key, before, body))
        write.append(position)
    change.new_periods = sorted({periods[i] for i in write if periods[i]} - known_periods)
    for start in range(0, len(revised_keys), 500):
        chunk = [(source, k) for k in revised_keys[start:start + 500]]
        connection.execute(delete(raw_row).where(tuple_(raw_row.c.source, raw_row.c.row_key).in_(chunk)))
    if write:
        rows = pd.DataFrame({"source": source, "row_key": [keys[i] for i in write],
                             AREA_CODE: [areas[i] for i in write],
                             PERIOD: [periods[i] for i in write],
                             "payload": [bodies[i] for i in write], "load_id": load_id})
        # in key order: the primary key's B-tree then grows at one end instead of all over
        insert_frame(connection, raw_row, rows.sort_values("row_key", kind="stable"))
    return change


def _describe_revision(key: str, before: str, after: str) -> str:
    old, new = orjson.loads(before), orjson.loads(after)
    diffs = [f"{c} {old.get(c)!r} -> {new.get(c)!r}" for c in sorted(new) if old.get(c) != new.get(c)]
    return f"{key}: " + ", ".join(diffs)


def _needed_rows():
    """Every row, except a Fingertips download's rows of indicators outside the catalogue:
    they stay stored as loaded, but no value is made of them (a profile download holds
    mostly such rows). The key of a Fingertips row starts with its indicator ID."""
    ids = sorted(i.fingertips_id for i in CATALOGUE if i.fingertips_id is not None)
    return or_(raw_row.c.source != "fingertips",
               *(raw_row.c.row_key.like(f"{fid}|%") for fid in ids))


def read_raw_tables(connection: Connection, sources: Iterable[str] | None = None
                    ) -> dict[str, pd.DataFrame]:
    """Every raw table (or those named in `sources`) as a DataFrame, rebuilt from the
    stored payloads, with the `load_id` that stored each row."""
    grouped: dict[str, list[dict]] = {}
    loads: dict[str, list[int]] = {}
    query = select(raw_row.c.source, raw_row.c.payload, raw_row.c.load_id).where(_needed_rows())
    if sources is not None:
        query = query.where(raw_row.c.source.in_(sorted(sources)))
    for source, payload, load_id in connection.execute(
        query.order_by(raw_row.c.source, raw_row.c.row_key)
    ):
        grouped.setdefault(source, []).append(orjson.loads(payload))
        loads.setdefault(source, []).append(load_id)
    return {source: pd.DataFrame.from_records(rows).assign(load_id=loads[source])
            for source, rows in grouped.items()}
