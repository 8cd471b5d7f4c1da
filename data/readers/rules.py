"""Checks across the columns of one row (parts adding to a total, numerator within
denominator, dates in order). Each rule names the columns it reads so that a
failure can be reported with the values that broke it. Missing values never fail
a rule: missing is missing, not a contradiction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from indicators.names import AREA_CODE, AREA_TYPE, PARENT_CODE


@dataclass(frozen=True)
class RowRule:
    name: str
    column: str  # where the problem is reported
    columns: tuple[str, ...]  # the values shown with the problem
    expected: str
    test: Callable[[pd.DataFrame], pd.Series]  # True where the row is fine

    def applies_to(self, frame: pd.DataFrame) -> bool:
        return all(column in frame.columns for column in self.columns)


def _complete(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    return frame[list(columns)].notna().all(axis=1)


def parts_sum(total: str, parts: tuple[str, ...]) -> RowRule:
    """``parts`` add up to ``total`` (checked only where all of them are present)."""
    columns = (*parts, total)

    def test(frame: pd.DataFrame) -> pd.Series:
        sums = frame[list(parts)].sum(axis=1, min_count=len(parts))
        return ~_complete(frame, columns) | ((sums - frame[total]).abs() < 1e-9)

    return RowRule(f"{total}_is_sum", total, columns,
                   f"{' + '.join(parts)} to equal {total}", test)


def at_most(part: str, whole: str) -> RowRule:
    """``part`` is not larger than ``whole`` (a numerator within its denominator)."""

    def test(frame: pd.DataFrame) -> pd.Series:
        return ~_complete(frame, (part, whole)) | (frame[part] <= frame[whole])

    return RowRule(f"{part}_within_{whole}", part, (part, whole),
                   f"{part} to be no more than {whole}", test)


def not_before(later: str, earlier: str) -> RowRule:
    """Date ``later`` is on or after date ``earlier``."""

    def test(frame: pd.DataFrame) -> pd.Series:
        return ~_complete(frame, (later, earlier)) | (frame[later] >= frame[earlier])

    return RowRule(f"{later}_not_before_{earlier}", later, (earlier, later),
                   f"{later} to be on or after {earlier}", test)


def no_parent_for_england(frame: pd.DataFrame) -> pd.Series:
    return ~((frame[AREA_TYPE] == "england") & frame[PARENT_CODE].notna())


def not_own_parent(frame: pd.DataFrame) -> pd.Series:
    return frame[PARENT_CODE].isna() | (frame[PARENT_CODE] != frame[AREA_CODE])


AREA_RULES = (
    RowRule("england_has_no_parent", PARENT_CODE, (AREA_TYPE, PARENT_CODE),
            "no parent_code for England", no_parent_for_england),
    RowRule("not_own_parent", PARENT_CODE, (AREA_CODE, PARENT_CODE),
            "a parent_code different from the area's own code", not_own_parent),
)


def given_with(column: str, other: str) -> RowRule:
    """A value in ``column`` needs one in ``other`` (a target value needs its period)."""

    def test(frame: pd.DataFrame) -> pd.Series:
        return frame[column].isna() | frame[other].notna()

    return RowRule(f"{column}_needs_{other}", other, (column, other),
                   f"a {other} beside the {column}", test)
