"""read_extract: one file in, one checked Extract out; never an exception for bad input."""

from __future__ import annotations

import hashlib
from datetime import date
from itertools import chain
from pathlib import Path

import pandas as pd

from indicators.names import VALUE, VALUE_NOTE

from . import ons
from .action_plan import add_action_refs
from .areas import from_fingertipsnext, is_fingertipsnext_layout
from .extract import Extract, Problem
from .files import read_sheets
from .headers import same_meaning_columns
from .sheets import Sheet, Unreadable
from .sources import (
    SOURCE_TYPES,
    TABLES,
    closest_source,
    column_names,
    detect_source,
    normalise_header,
)
from .tables import checked_chunks, find_header, text_frames

_HEADER_SEARCH_ROWS = 30
_HEADER_ONLY = ("only a header row", "at least one data row below the header row")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _detect_in(sheet: Sheet) -> tuple[str, int] | None:
    """(source, header index) of the first row that is the header of a known type."""
    for index, (_, cells) in enumerate(sheet.rows[:_HEADER_SEARCH_ROWS]):
        names = {normalise_header(c) for c in cells}
        if is_fingertipsnext_layout(set(column_names(TABLES["areas"], cells).values()) | names):
            return "areas", index
        if source := detect_source(cells):
            return source, index
    return None


def _choose(sheets: list[Sheet], source: str | None) -> tuple[Sheet, str, int] | Problem | None:
    if source is None:
        for sheet in sheets:
            if found := _detect_in(sheet):
                return sheet, *found
        for sheet in sheets:  # no exact fit: a near one, so the missing columns get named
            for index, (_, cells) in enumerate(sheet.rows[:_HEADER_SEARCH_ROWS]):
                if near := closest_source(cells):
                    return sheet, near, index
        return None
    best: tuple[int, Sheet, int] | None = None
    for sheet in sheets:
        index = find_header(sheet, TABLES[source])
        if index is None:
            continue
        score = len(column_names(TABLES[source], sheet.rows[index][1]))
        if best is None or score > best[0]:
            best = (score, sheet, index)
    if best is None:  # nothing recognised: take the first row, and report what is missing
        sheet = next((s for s in sheets if s.rows), None)
        return (sheet, source, 0) if sheet else None
    return best[1], source, best[2]


# How to say the type of a file outright is the caller's to word: the command names its
# --source option, the Data page its "Extract type" menu (both replace this phrase).
NAME_THE_TYPE = "name the extract type"


def _unknown_header(file: str, sheets: list[Sheet]) -> Problem:
    first = next((s for s in sheets if s.rows), None)
    if first is None:
        return Problem(file, None, None, "no rows", "a header row, then one row per record")
    row, cells = first.rows[0]
    shown = ", ".join(c for c in cells if c)[:200]
    return Problem(file, row, None, shown,
                   "the header row of one of the extract types (" + ", ".join(SOURCE_TYPES)
                   + f"); see docs/extracts.md for their columns, or {NAME_THE_TYPE}")


def read_extract(path: Path | str, source: str | None = None, today: date | None = None
                 ) -> Extract:
    """Read and check one extract file. ``source`` names its type (one of
    ``SOURCE_TYPES``); when None it is detected from the header. ``today`` (default: the
    clock) sets the plausibility limit on periods and dates."""
    path = Path(path)
    file = path.name
    if not path.is_file():
        return Extract(str(path), "", source, problems=[
            Problem(file, None, None, str(path), "an existing file")])
    extract = Extract(str(path), _sha256(path), source)
    if source is not None and source not in SOURCE_TYPES:
        extract.problems.append(Problem(file, None, None, source,
                                        "a source type: one of " + ", ".join(SOURCE_TYPES)))
        return extract
    try:
        if source == "ons_child_mortality" or (source is None and ons.is_ons_workbook(path)):
            extract.source = "ons_child_mortality"
            ons.read_into(extract, path)
            return extract
        _read_tabular(extract, path, source, today)
    except Unreadable as error:
        extract.problems = [Problem(file, error.row, None, error.value, error.expected)]
        extract.tables = {}
    return extract


def _read_tabular(extract: Extract, path: Path, source: str | None, today: date | None) -> None:
    file = path.name
    sheets = list(read_sheets(path))
    chosen = _choose(sheets, source)
    if chosen is None:
        extract.problems.append(_unknown_header(file, sheets))
        return
    sheet, source, header_index = chosen
    if sheet.name and len(sheets) > 1:  # say which worksheet the rows are on
        file = f"{file} [{sheet.name}]"
    extract.source = source
    spec = TABLES[source]
    header_row, header = sheet.rows[header_index]
    if twice := same_meaning_columns(spec, header, file, header_row):
        extract.problems.extend(twice)  # which column to read is the user's call, not ours
        return
    frames = text_frames(sheet, header_index, spec)
    first = next(frames)
    if first.empty:
        raise Unreadable(*_HEADER_ONLY, row=header_row)
    frames = chain([first], frames)
    if source == "areas" and is_fingertipsnext_layout(set(first.columns)):
        raw, notes = from_fingertipsnext(pd.concat(list(frames), ignore_index=True))
        extract.notes.extend(notes)
        frames = iter([raw])
    table, problems = checked_chunks(frames, spec, file, header_row, header, today)
    if source == "fingertips":
        table = _note_blank_values(table)
    if source == "action_plan":
        table = add_action_refs(table)
    extract.tables[spec.name] = table
    extract.problems.extend(problems)


def _note_blank_values(table: pd.DataFrame) -> pd.DataFrame:
    """Fingertips leaves a value blank, usually with its own note; say so when it did not."""
    silent = table[VALUE].isna() & table[VALUE_NOTE].isna()
    table.loc[silent, VALUE_NOTE] = "value blank in source"
    return table
