"""The one CSV writer for every file the project hands to people: formula cells escaped.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`), so a hostile area name in an
extract would run on the analyst's machine when they open a download. OWASP's rule
("CSV Injection"): prefix such a text cell with a single quote, which spreadsheets show
as text and do not run. Numbers are left alone, so a negative number stays a number:
numeric columns are never touched, and a text cell that is a plain number ("-1.5",
"-2e-05", as the Fingertips layout writes numbers) is kept as it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number as text: what float() reads, without spaces, words (inf, nan) or '_'.
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """`value` with a leading quote when it is text a spreadsheet would run as a formula;
    anything else (numbers, missing values, plain text, numbers written as text) unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell passed through `safe_cell` (headers too)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        if pd.api.types.is_datetime64_any_dtype(series):
            continue
        out[column] = series.map(safe_cell)
    out.columns = [safe_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame, out: str | Path | IO[str] | None = None, **options) -> str | None:
    """`frame.to_csv(out, **options)` with formula cells escaped (index off unless asked);
    returns the text when `out` is None, as pandas does."""
    options.setdefault("index", False)
    return safe_frame(frame).to_csv(out, **options)
