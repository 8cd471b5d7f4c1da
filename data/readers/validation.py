"""Validation with pandera, in two lazy passes so that every problem is reported at once.

1. Cells: the text frame, one element-wise check per column (does the cell hold
   what its column kind allows?) plus the required columns.
2. Rows: the converted frame, the table's rules across columns and no duplicate keys.

Pandera's failure cases are translated into :class:`Problem` lines carrying the
file's own row numbers (the ``source_row`` column).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .cells import KINDS, is_marker
from .extract import Problem
from .rules import RowRule
from .sources import TableSpec

_DUPLICATE = "duplicate_key"


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


def _cell_test(spec: TableSpec, column: str):
    column_spec = spec.column(column)
    kind = KINDS[column_spec.kind]

    def test(text: str) -> bool:
        if text == "":
            return column_spec.blank_ok
        if kind.numeric and is_marker(text):
            return column_spec.blank_ok
        return kind.test(text)

    def test_series(texts: pd.Series) -> pd.Series:
        # extracts repeat values (years, periods, flags): test each distinct one once
        verdicts = {text: test(text) for text in texts.unique()}
        return texts.map(verdicts).astype(bool)

    return test_series


def _cell_schema(spec: TableSpec, present: set[str]) -> pa.DataFrameSchema:
    required = required_columns(spec, present)
    columns = {
        c.name: pa.Column(
            checks=pa.Check(_cell_test(spec, c.name), name=c.name),
            required=c.name in required, nullable=False,
        )
        for c in spec.columns
    }
    return pa.DataFrameSchema(columns, strict=False)


def check_cells(raw: pd.DataFrame, spec: TableSpec, file: str, header_row: int | None,
                header: list[str] | None = None) -> list[Problem]:
    """Problems with single cells and missing columns, in file order."""
    try:
        _cell_schema(spec, set(raw.columns)).validate(raw, lazy=True)
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
            expected = KINDS[spec.column(case.column).kind].expected
            if str(case.failure_case) == "":
                expected = f"{expected}; this column may not be blank"
            problems.append(Problem(file, int(raw.at[index, "source_row"]), case.column,
                                    str(case.failure_case), expected))
    return sorted(problems, key=_order)


def _order(problem: Problem) -> tuple[int, str]:
    return (problem.row or 0, problem.column or "")


def _duplicate_check(key: list[str], needed: list[str]) -> pa.Check:
    """No two rows share a key; rows missing a `needed` key cell are not compared (a key
    column that may be blank, such as an action's indicator, counts blank as a value)."""
    def test(frame: pd.DataFrame) -> pd.Series:
        complete = frame[needed].notna().all(axis=1)
        return ~complete | ~frame[key].duplicated(keep=False)

    return pa.Check(test, name=_DUPLICATE)


def check_rows(typed: pd.DataFrame, spec: TableSpec, file: str) -> list[Problem]:
    """Problems across columns (rules) and duplicate keys, in file order."""
    rules = {rule.name: rule for rule in spec.rules if rule.applies_to(typed)}
    checks = [pa.Check(rule.test, name=name) for name, rule in rules.items()]
    needed = [k for k in spec.key if not spec.column(k).blank_ok]
    checks.append(_duplicate_check(list(spec.key), needed))
    try:
        pa.DataFrameSchema(checks=checks).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases.dropna(subset=["index"])
        failed = cases[["check", "index"]].drop_duplicates()
        problems = [
            _duplicate_problem(typed, int(index), spec, file) if check == _DUPLICATE
            else _rule_problem(typed, int(index), rules[check], file)
            for check, index in failed.itertuples(index=False)
        ]
        return sorted(problems, key=_order)
    return []


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


def _duplicate_problem(typed: pd.DataFrame, index: int, spec: TableSpec, file: str) -> Problem:
    key = list(spec.key)
    row = typed.loc[index]
    # blank key cells (an action with no indicator) match each other
    keys = typed[key].astype(object).fillna("\0").astype(str)
    same = (keys == keys.loc[index]).all(axis=1)
    others = [int(r) for r in typed.loc[same, "source_row"] if int(r) != int(row["source_row"])]
    value = ", ".join(_shown(row[c]) for c in key)
    rows = ", ".join(str(r) for r in others)
    return Problem(file, int(row["source_row"]), ", ".join(key), value,
                   f"one row per {' and '.join(key)} (the same key is also on row {rows})")
