"""What a reader returns: the extract's tables and every problem found in it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

_SHOWN_CHARACTERS = 200


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file.

    ``row`` is the row number as the user sees it in the file (spreadsheet numbering,
    header row included; for a CSV, a record with a quoted line break is one row);
    ``None`` when the problem is about the file as a whole. ``column`` is the
    canonical column name, or ``None``.
    """

    file: str
    row: int | None
    column: str | None
    value: str
    expected: str

    def __post_init__(self) -> None:
        # a 10 MB cell is shown by its start and its size, not quoted whole
        if len(self.value) > _SHOWN_CHARACTERS:
            shown = f"{self.value[:_SHOWN_CHARACTERS // 2]}... ({len(self.value):,} characters)"
            object.__setattr__(self, "value", shown)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.value!r} \u2014 expected {self.expected}"


@dataclass
class Extract:
    """One input file, read and checked.

    ``tables`` maps raw table name to a frame of canonical columns plus ``value_note``
    and ``source_row``. ``notes`` are plain remarks about rows deliberately left out
    (e.g. Welsh areas in an ONS workbook); they are not problems.
    """

    path: str
    sha256: str
    source: str | None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems
