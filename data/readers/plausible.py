"""Plausibility: numbers a file can hold but no extract should (an overflowing count, a year
decades ahead). Rules and limits are documented in docs/extracts.md. ``today`` comes from the
caller (the clock by default), so the limits move with time rather than expiring."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from indicators.periods import parse_period

from .extract import Problem
from .sources import TableSpec

COUNT_MAX = 10_000_000  # counts and measures: more than England's births in a decade
NUMBER_MAX = 1e12  # any other number (Fingertips values, counts and denominators)
_COUNTS = {"count", "measure"}
_NUMBERS = {"number", "nonnegative"}
_PERIODS = {"period", "financial_period", "single_period"}


def one_year_ahead(today: date) -> date:
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def _starts(values: pd.Series, kind: str) -> pd.Series:
    """When each value's period (or date) begins, as a Timestamp; NaT where missing."""
    if kind == "date":
        return pd.to_datetime(values, errors="coerce")
    if kind == "year":
        years = pd.to_numeric(values, errors="coerce")
        return pd.to_datetime(years.map(lambda y: None if pd.isna(y) else f"{int(y)}-01-01"))
    distinct = {v: pd.Timestamp(parse_period(v).start) for v in values.dropna().unique()}
    return values.map(distinct)


def _limit_check(column: str, kind: str, values: pd.Series, today: date,
                 looks_ahead: bool = False) -> tuple[pd.Series, str] | None:
    if kind in _COUNTS:
        return values > COUNT_MAX, f"a count no larger than {COUNT_MAX:,} (the stated maximum)"
    if kind in _NUMBERS:
        numbers = pd.to_numeric(values, errors="coerce").astype("float64")
        too_big = ~np.isfinite(numbers) | (numbers.abs() > NUMBER_MAX)
        return numbers.notna() & too_big, f"a finite number no larger than {NUMBER_MAX:,.0f}"
    if kind in _PERIODS | {"year", "date"} and not looks_ahead:
        limit = one_year_ahead(today)
        starts = _starts(values, kind)
        what = "a date" if kind == "date" else "a period starting"
        return (starts.notna() & (starts > pd.Timestamp(limit)),
                f"{what} no later than {limit.isoformat()} (one year from today)")
    return None


def implausible(raw: pd.DataFrame, typed: pd.DataFrame, spec: TableSpec, file: str,
                today: date | None = None) -> list[Problem]:
    """Problems for values beyond the plausibility limits, shown as the file wrote them.
    ``raw`` and ``typed`` are the same rows (text and converted) in the same order."""
    today = today or date.today()
    problems: list[Problem] = []
    for column in spec.columns:
        if column.name not in raw.columns:
            continue
        found = _limit_check(column.name, column.kind, typed[column.name], today,
                             spec.looks_ahead)
        if found is None:
            continue
        bad, expected = found
        for position in np.flatnonzero(bad.to_numpy(dtype=bool)).tolist():
            problems.append(Problem(file, int(typed["source_row"].iat[position]), column.name,
                                    str(raw[column.name].iat[position]), expected))
    return problems
