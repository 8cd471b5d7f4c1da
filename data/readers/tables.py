"""From rows of text to a checked table: header, text frame, cell checks,
conversion to canonical types with value notes, row checks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

import numpy as np
import pandas as pd

from indicators.names import VALUE_NOTE

from .bounded import BoundedProblems
from .cells import KINDS, fast_numbers, is_marker, missing_note
from .extract import Problem
from .plausible import implausible
from .sheets import Row, Sheet
from .sources import ColumnSpec, TableSpec, column_names, normalise_header
from .validation import check_cells, check_rows

# rows read, checked and converted at a time: a large file is never all text at once
CHUNK_ROWS = 100_000

# kinds whose blank or suppressed cells get a value note (a missing count or measurement)
_NOTED_KINDS = {"count", "measure"}
_HEADER_SEARCH_ROWS = 30


def find_header(sheet: Sheet, spec: TableSpec) -> int | None:
    """Index in ``sheet.rows`` of the row naming most of the spec's columns (title rows
    above the header are common), or None when no row names any."""
    best, best_score = None, 0
    for index, (_, cells) in enumerate(sheet.rows[:_HEADER_SEARCH_ROWS]):
        score = len(column_names(spec, cells))
        if score > best_score:
            best, best_score = index, score
    return best


def _header_columns(header: list[str], spec: TableSpec) -> list[str]:
    names = column_names(spec, header)
    columns, seen = [], set()
    for position, cell in enumerate(header):
        name = names.get(cell) or normalise_header(cell) or f"column_{position + 1}"
        while name in seen:  # an unknown repeated header must not clash
            name = f"{name}_"
        seen.add(name)
        columns.append(name)
    return columns


def _frame(body: list[Row], columns: list[str]) -> pd.DataFrame:
    width = len(columns)
    records = [(cells + [""] * width)[:width] for _, cells in body]
    frame = pd.DataFrame(records, columns=columns, dtype=object)
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    frame["source_row"] = np.array([number for number, _ in body], dtype="int64")
    return frame


def text_frames(sheet: Sheet, header_index: int, spec: TableSpec,
                chunk_rows: int | None = None) -> Iterator[pd.DataFrame]:
    """The rows below the header as text, ``chunk_rows`` at a time (at least one frame,
    empty for a header without rows); columns renamed to canonical names where the spec
    knows them (others keep their normalised header), plus ``source_row``."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    columns = _header_columns(sheet.rows[header_index][1], spec)
    body = sheet.rows_from(header_index + 1)
    chunk = list(islice(body, chunk_rows))
    yield _frame(chunk, columns)
    while chunk := list(islice(body, chunk_rows)):
        yield _frame(chunk, columns)


def text_frame(sheet: Sheet, header_index: int, spec: TableSpec) -> pd.DataFrame:
    """All the rows below the header as one text frame (see ``text_frames``)."""
    return pd.concat(list(text_frames(sheet, header_index, spec)), ignore_index=True)


def _dtype(column: ColumnSpec) -> str:
    """Whole numbers that may be blank are float64 (NaN), like counts, rather than
    nullable Int64: pd.NA does not survive JSON or every database driver."""
    dtype = KINDS[column.kind].dtype
    return "float64" if dtype == "Int64" and column.blank_ok else dtype


def _convert_column(texts: pd.Series, spec: ColumnSpec, notes: list[list[str]]) -> pd.Series:
    column, kind_name, dtype = spec.name, spec.kind, _dtype(spec)
    kind = KINDS[kind_name]
    # extracts repeat values (years, periods, codes): each distinct text is tested and
    # converted once, then spread back to its rows
    codes, distinct = pd.factorize(texts.to_numpy(dtype=object), use_na_sentinel=False)
    fast = fast_numbers(kind_name, distinct) if dtype == "float64" else None
    if fast is not None:  # plain numbers converted at once; the rest one by one
        settled, numbers = fast
        missing = [False] * len(distinct)
        converted = numbers.tolist()
        for position in np.flatnonzero(~settled).tolist():
            text = distinct[position]
            missing[position] = text == "" or (kind.numeric and is_marker(text))
            converted[position] = (None if missing[position] or not kind.test(text)
                                   else kind.convert(text))
    else:
        missing = [text == "" or (kind.numeric and is_marker(text)) for text in distinct]
        converted = [None if gone or not kind.test(text) else kind.convert(text)
                     for text, gone in zip(distinct, missing, strict=True)]
    if kind_name in _NOTED_KINDS and any(missing):
        missing_codes = np.flatnonzero(missing)
        for position in np.flatnonzero(np.isin(codes, missing_codes)).tolist():
            notes[position].append(missing_note(column, distinct[codes[position]]))
    if dtype == "float64":
        lookup = np.array([np.nan if v is None else v for v in converted], dtype="float64")
        return pd.Series(lookup[codes] if len(codes) else [], index=texts.index, dtype="float64")
    if dtype == "object":  # spread the distinct values back with one numpy take
        lookup = np.empty(len(converted), dtype=object)
        lookup[:] = converted
        return pd.Series(lookup[codes], index=texts.index, dtype=object)
    values = [converted[code] for code in codes.tolist()]
    if dtype == "datetime64[ns]":
        return pd.Series(pd.to_datetime(values), index=texts.index).astype("datetime64[ns]")
    return pd.Series(values, index=texts.index, dtype=dtype)


def convert(raw: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Canonical columns in the spec's order, typed; cells that failed their check
    become missing (their problem is already reported), then ``value_note`` and
    ``source_row``."""
    notes: list[list[str]] = [[] for _ in range(len(raw))]
    typed = {}
    for column in spec.columns:
        if column.name in raw.columns:
            typed[column.name] = _convert_column(raw[column.name], column, notes)
        else:  # an optional column the file leaves out: missing throughout, no note
            typed[column.name] = pd.Series([None] * len(raw), index=raw.index,
                                           dtype=_dtype(column))
    frame = pd.DataFrame(typed, index=raw.index)
    joined = ["; ".join(row_notes) or None for row_notes in notes]
    # a supplier's own note (a column of the spec, or added by a reader) comes first
    given = frame.get(VALUE_NOTE, raw.get(VALUE_NOTE))
    if given is not None:
        joined = [_join(note, ours) for note, ours in zip(given, joined, strict=True)]
    frame[VALUE_NOTE] = pd.Series(joined, index=raw.index, dtype=object)
    frame["source_row"] = raw["source_row"].astype("int64")
    return frame.reset_index(drop=True)


def _join(given: object, ours: str | None) -> str | None:
    parts = [p for p in (given, ours) if isinstance(p, str) and p]
    return "; ".join(parts) or None


def checked_table(raw: pd.DataFrame, spec: TableSpec, file: str, header_row: int | None,
                  header: list[str] | None = None, today: date | None = None,
                  ) -> tuple[pd.DataFrame, list[Problem]]:
    """Check cells, convert, check rows: the typed table and every problem found."""
    return checked_chunks([raw], spec, file, header_row, header, today)


def checked_chunks(frames: Iterable[pd.DataFrame], spec: TableSpec, file: str,
                   header_row: int | None, header: list[str] | None = None,
                   today: date | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """``checked_table`` for text frames given a chunk at a time: each chunk's cells are
    checked and converted, and only the typed chunks are kept; rows are checked on the
    whole table (duplicate keys span chunks). Problems are bounded (first of each kind,
    and a count)."""
    problems = BoundedProblems()
    typed_parts = []
    for raw in frames:
        raw = raw.reset_index(drop=True)
        typed = convert(raw, spec)
        problems.add(check_cells(raw, spec, file, header_row, header)
                     + implausible(raw, typed, spec, file, today))
        typed_parts.append(typed)
    typed = pd.concat(typed_parts, ignore_index=True) if len(typed_parts) > 1 else typed_parts[0]
    problems.add(check_rows(typed, spec, file))
    return typed, problems.problems()
