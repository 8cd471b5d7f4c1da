"""Validation with pandera, in two lazy passes so that every problem is reported at once.

1. Cells: the text frame, one element-wise check per column (does the cell hold
   what its column kind allows?) plus the required columns.
2. Rows: the converted frame, the table's rules across columns and no duplicate keys.

Pandera's failure cases are translated into :class:`Problem` lines carrying the
file's own row numbers (the ``source_row`` column).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandera.pandas as pa

from data import widths
from indicators.names import AREA_NAME

from .cells import KINDS, fast_numbers, is_marker
from .extract import Problem
from .rules import RowRule
from .sources import ColumnSpec, TableSpec

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OTHER_ROWS_SHOWN = 5


def required_columns(spec: TableSpec, present: set[str]) -> set[str]:
    """Columns the file must have: the spec's required ones, except blocks a file
    may leave out whole (breastfeeding) when another block is there."""
    required = {c.name for c in spec.columns if c.required}
    if spec.blocks:
        given = [block for block in spec.blocks if present & set(block)]
        for block in spec.blocks:
            if given and block not in given:
                required -= set(block)
    return required


def cell_limit(spec: TableSpec, column: ColumnSpec) -> int:
    """The most characters a cell of this column may hold (data.widths)."""
    if column.name in {AREA_NAME, "parent_name"}:
        return widths.AREA_NAME
    # a key cell stored as it is must fit the stored row key; one stored under a short
    # reference (a plan's action, TableSpec.stored_key) need not
    stored = spec.stored_key or spec.key
    if column.kind == "text" and column.name in spec.key and column.name in stored:
        return widths.KEY_TEXT
    return widths.CELL


def cell_flaw(text: str, limit: int) -> str | None:
    """What makes a cell unusable whatever its column holds: its size, or control
    characters (a NUL byte, which PostgreSQL cannot store in text)."""
    if len(text) > limit:
        return f"at most {limit:,} characters (this cell has {len(text):,})"
    if found := _CONTROL.search(text):
        return f"text without control characters (this cell holds U+{ord(found.group()):04X})"
    return None


def _sound_cells(values: list[str], limit: int) -> np.ndarray:
    """True for each cell within ``limit`` characters and free of control characters; one
    C-level pass over the column, cell by cell only where it found a control character."""
    fine = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) <= limit
    if _CONTROL.search("\n".join(values)):
        fine &= np.array([_CONTROL.search(v) is None for v in values], dtype=bool)
    return fine


def _cell_test(spec: TableSpec, column: str):
    column_spec = spec.column(column)
    kind = KINDS[column_spec.kind]
    limit = cell_limit(spec, column_spec)

    def test(text: str) -> bool:
        if text == "":
            return column_spec.blank_ok
        if kind.numeric and is_marker(text):
            return column_spec.blank_ok
        return kind.test(text)

    def test_series(texts: pd.Series) -> pd.Series:
        # size and control characters for the whole column at once; then, as extracts
        # repeat values (years, periods, flags), each distinct text is tested once, and
        # plain numbers of a whole column at once
        fine = _sound_cells(texts.tolist(), limit)
        if kind.name == "text":  # any text will do, unless the column may not be blank
            return pd.Series(fine if column_spec.blank_ok else fine & (texts != "").to_numpy(),
                             index=texts.index)
        codes, distinct = pd.factorize(texts.to_numpy(dtype=object), use_na_sentinel=False)
        fast = fast_numbers(column_spec.kind, distinct)
        verdicts = np.zeros(len(distinct), dtype=bool)
        if fast is not None:
            verdicts[fast[0]] = True
        for position in np.flatnonzero(~verdicts if fast is not None else
                                       np.ones(len(distinct), dtype=bool)).tolist():
            verdicts[position] = test(distinct[position])
        return pd.Series(verdicts[codes] & fine, index=texts.index)

    return test_series


def _cell_schema(spec: TableSpec, present: set[str]) -> pa.DataFrameSchema:
    required = required_columns(spec, present)
    columns = {
        c.name: pa.Column(
            # text frames hold "" for a blank, never a null: pandera need not look for them
            checks=pa.Check(_cell_test(spec, c.name), name=c.name, ignore_na=False),
            required=c.name in required, nullable=True,
        )
        for c in spec.columns
    }
    return pa.DataFrameSchema(columns, strict=False)


def check_cells(raw: pd.DataFrame, spec: TableSpec, file: str, header_row: int | None,
                header: list[str] | None = None) -> list[Problem]:
    """Problems with single cells and missing columns, in file order."""
    try:
        _cell_schema(spec, set(raw.columns)).validate(raw, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as errors:
        return _cell_problems(errors.failure_cases, raw, spec, file, header_row, header)
    return []


def _cell_problems(cases: pd.DataFrame, raw: pd.DataFrame, spec: TableSpec, file: str,
                   header_row: int | None, header: list[str] | None) -> list[Problem]:
    problems: list[Problem] = []
    found = f" (the header has: {', '.join(h for h in header if h)})" if header else ""
    for case in cases.itertuples(index=False):
        if case.check == "column_in_dataframe":
            name = str(case.failure_case)
            problems.append(Problem(file, header_row, name, "(no such column)",
                                    f"a column named {name}{found}"))
        elif pd.notna(case.index) and case.column in raw.columns:
            index = int(case.index)
            column = spec.column(case.column)
            expected = KINDS[column.kind].expected
            if flaw := cell_flaw(str(case.failure_case), cell_limit(spec, column)):
                expected = flaw
            elif str(case.failure_case) == "":
                expected = f"{expected}; this column may not be blank"
            problems.append(Problem(file, int(raw.at[index, "source_row"]), case.column,
                                    str(case.failure_case), expected))
    return sorted(problems, key=_order)


def _order(problem: Problem) -> tuple[int, str]:
    return (problem.row or 0, problem.column or "")


def check_rows(typed: pd.DataFrame, spec: TableSpec, file: str) -> list[Problem]:
    """Problems across columns (rules) and duplicate keys, in file order."""
    rules = {rule.name: rule for rule in spec.rules if rule.applies_to(typed)}
    checks = [pa.Check(rule.test, name=name) for name, rule in rules.items()]
    problems = duplicate_problems(typed, spec, file)
    try:
        pa.DataFrameSchema(checks=checks).validate(typed, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases.dropna(subset=["index"])
        failed = cases[["check", "index"]].drop_duplicates()
        problems += [_rule_problem(typed, int(index), rules[check], file)
                     for check, index in failed.itertuples(index=False)]
    return sorted(problems, key=_order)


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _rule_problem(typed: pd.DataFrame, index: int, rule: RowRule, file: str) -> Problem:
    row = typed.loc[index]
    value = ", ".join(f"{c}={_shown(row[c])}" for c in rule.columns)
    return Problem(file, int(row["source_row"]), rule.column, value, rule.expected)


def duplicate_problems(typed: pd.DataFrame, spec: TableSpec, file: str) -> list[Problem]:
    """One problem per row whose key another row has too, naming the first few of the
    other rows: one pass over the rows whatever their number, so 10,000 copies of a row
    cost no more than 10,000 different rows."""
    key = list(spec.key)
    # rows missing a needed key cell are not compared; a key column that may be blank (an
    # action's indicator) counts blank as a value
    needed = [k for k in key if not spec.column(k).blank_ok]
    complete = typed[needed].notna().all(axis=1)
    repeated = typed[complete & typed[key].duplicated(keep=False)]
    if repeated.empty:
        return []
    group = repeated.groupby(key, sort=False, dropna=False).ngroup().to_numpy()
    rows = repeated["source_row"].astype(int).tolist()
    first_rows: dict[int, list[int]] = {}
    sizes: dict[int, int] = {}
    for number, row in zip(group.tolist(), rows, strict=True):
        sizes[number] = sizes.get(number, 0) + 1
        if len(first_rows.setdefault(number, [])) <= _OTHER_ROWS_SHOWN:
            first_rows[number].append(row)
    values = [", ".join(_shown(v) for v in record)
              for record in repeated[key].itertuples(index=False, name=None)]
    wanted = f"one row per {' and '.join(key)}"
    problems = []
    for number, row, value in zip(group.tolist(), rows, values, strict=True):
        others = [r for r in first_rows[number] if r != row][:_OTHER_ROWS_SHOWN]
        more = sizes[number] - 1 - len(others)
        listed = ", ".join(str(r) for r in others) + (f" and {more:,} more" if more else "")
        problems.append(Problem(file, row, ", ".join(key), value,
                                f"{wanted} (the same key is also on row {listed})"))
    return problems
