"""Rows of text cells as the user sees them, the form every file format is read into.

A :class:`Sheet` is one table's non-blank rows, numbered as in a spreadsheet; a file that
cannot be read raises :class:`Unreadable` with a plain description.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd


class Unreadable(Exception):
    """The file as a whole cannot be read; ``value`` says what it is, ``expected`` what it should be."""

    def __init__(self, value: str, expected: str, row: int | None = None) -> None:
        super().__init__(value)
        self.value, self.expected, self.row = value, expected, row


Row = tuple[int, list[str]]


@dataclass
class Sheet:
    """Non-blank rows of one table: (row number as the user sees it, cells as text).

    A large file is not held whole: ``rows`` are then its first rows (enough to find the
    header) and ``more`` yields the rows after them, read from the file again as needed.
    """

    name: str | None
    rows: list[Row]
    more: Callable[[], Iterator[Row]] | None = None

    def rows_from(self, index: int) -> Iterator[Row]:
        """Every non-blank row from position ``index`` of ``rows`` on, to the end of the file."""
        yield from self.rows[index:]
        if self.more is not None:
            yield from self.more()


def cell_text(value: object) -> str:
    """One cell as trimmed text; whole floats lose their '.0' so 12.0 and 12 agree."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return cell_text(value.item())
    return str(value).strip()
