"""What a cell may hold, column kind by column kind: the test, the expectation in
words, and the conversion from text to the canonical value.

Suppression markers and blanks in number columns are "not available": they pass
the test, convert to NaN and leave a value note, never a 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from indicators.catalogue import get_indicator
from indicators.disclosure.records import ethnic_group
from indicators.periods import parse_period

from .area_types import EXPECTED as AREA_TYPE_EXPECTED
from .area_types import canonical_area_type

# how suppliers write "not available" in a count cell (compared case-insensitively)
SUPPRESSION_MARKERS = frozenset({"*", "c", "[c]", ":", "..", "[x]", "x", "u", "[u]", "z", "[z]"})

GSS_CODE = re.compile(r"[A-Z]\d{8}")
_WHOLE = re.compile(r"\d+(\.0+)?|\d{1,3}(,\d{3})+")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]?\d{1,3}(,\d{3})+(\.\d+)?")
_YES = {"y", "yes"}
_NO = {"n", "no"}
_INSUFFICIENT = {"insufficient information", "insufficient info", "insufficient"}
_SEXES = {"m": "Male", "male": "Male", "f": "Female", "female": "Female", "u": "Unknown",
          "unknown": "Unknown", "not known": "Unknown", "indeterminate": "Indeterminate"}
# teenage conception age groups as ONS and Fingertips write them -> our code
_CONCEPTION_AGES = {"under18": "under18", "under 18": "under18", "u18": "under18",
                    "<18": "under18", "under 18s": "under18", "<18 yrs": "under18",
                    "under_18": "under18", "under_16": "under16",
                    "under16": "under16", "under 16": "under16", "u16": "under16",
                    "<16": "under16", "under 16s": "under16", "<16 yrs": "under16"}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")


# The plain spelling of _NUMBER (no thousands separators), for pyarrow's regex engine.
_PLAIN_NUMBER = r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$"
_FAST_KINDS = {"number": False, "nonnegative": True}  # kind -> must be 0 or more


def fast_numbers(kind_name: str, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(settled, values) for a number column's distinct texts, in one vectorised pass:
    `settled` marks the plain numbers (`values` holds them) that pass the kind's test;
    the rest (blanks, markers, "1,502", bad cells) are left to the cell-by-cell test.
    None for kinds without this pass. A Fingertips download has hundreds of thousands of
    distinct values and limits, which a test per cell makes the slowest part of a load."""
    if kind_name not in _FAST_KINDS or len(texts) == 0:
        return None
    array = pa.array(texts, type=pa.string(), from_pandas=True)
    plain = pc.fill_null(pc.match_substring_regex(array, _PLAIN_NUMBER), False)
    values = pc.cast(pc.if_else(plain, array, pa.scalar(None, pa.string())),
                     pa.float64()).to_numpy(zero_copy_only=False)
    settled = plain.to_numpy(zero_copy_only=False) & np.isfinite(values)
    if _FAST_KINDS[kind_name]:
        settled &= values >= 0
    return settled, values


def is_marker(text: str) -> bool:
    return text.strip().lower() in SUPPRESSION_MARKERS


def missing_note(column: str, text: str) -> str:
    """The value note for a number cell that is blank or carries a suppression marker."""
    if not text.strip():
        return f"{column} blank in source"
    return f"{column} suppressed ('{text.strip()}') in source"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _is_whole(text: str) -> bool:
    return bool(_WHOLE.fullmatch(text))


def _whole_in(low: int, high: int) -> Callable[[str], bool]:
    return lambda text: _is_whole(text) and low <= _number(text) <= high


def _date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.split("T")[0].split(" ")[0], pattern).date()
        except ValueError:
            continue
    return None


def _year(text: str) -> str:
    """'2021.0' (a year column saved through a float) is the year 2021."""
    return re.sub(r"^(\d{4})\.0+$", r"\1", text)


def _period_test(kinds: tuple[str, ...]) -> Callable[[str], bool]:
    def test(text: str) -> bool:
        try:
            return parse_period(text).kind in kinds
        except ValueError:
            return False

    return test


@dataclass(frozen=True)
class Kind:
    """A column kind. ``test`` sees a non-blank, non-marker cell; ``convert`` turns a
    passing cell into its canonical value. ``numeric`` kinds turn blanks and
    suppression markers into NaN with a note; other kinds treat a blank as missing
    (allowed only where the column spec says so)."""

    name: str
    test: Callable[[str], bool]
    convert: Callable[[str], object]
    expected: str
    numeric: bool = False
    dtype: str = "object"


def _period_kind(name: str, kinds: tuple[str, ...], expected: str) -> Kind:
    return Kind(name, _period_test(kinds), lambda text: parse_period(text).label, expected)


# Action plans: how leads write a target's direction and an action's status.
_DIRECTIONS = {"at most": "at most", "at_most": "at most", "<=": "at most", "max": "at most",
               "maximum": "at most", "no more than": "at most", "below": "at most",
               "at least": "at least", "at_least": "at least", ">=": "at least",
               "min": "at least", "minimum": "at least", "no less than": "at least",
               "above": "at least"}
ACTION_STATUSES = ("not started", "on track", "at risk", "off track", "done")
_STATUSES = {**{s: s for s in ACTION_STATUSES}, "not yet started": "not started",
             "green": "on track", "amber": "at risk", "red": "off track", "complete": "done",
             "completed": "done", "ongoing": "on track", "in progress": "on track"}


def _words(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _indicator_id(text: str) -> str | None:
    try:
        return get_indicator(_year(text.strip())).id
    except KeyError:
        return None


def _period_or_date(text: str) -> str | None:
    if (day := _date(text)) is not None:
        return day.isoformat()
    try:
        return parse_period(_year(text)).label
    except ValueError:
        return None


KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("code", lambda t: bool(GSS_CODE.fullmatch(t.upper())), str.upper,
         "a GSS area code: a letter and 8 digits, such as E06000001"),
    Kind("text", lambda t: True, str, "some text"),
    Kind("area_type", lambda t: canonical_area_type(t) is not None, canonical_area_type,
         AREA_TYPE_EXPECTED),
    Kind("count", _is_whole, _number,
         "a whole number of 0 or more (or a suppression marker such as * or c)",
         numeric=True, dtype="float64"),
    Kind("measure", _is_whole, _number, "a whole number of 0 or more", numeric=True,
         dtype="float64"),
    Kind("number", lambda t: bool(_NUMBER.fullmatch(t)), _number, "a number", numeric=True,
         dtype="float64"),
    Kind("nonnegative", lambda t: bool(_NUMBER.fullmatch(t)) and _number(t) >= 0, _number,
         "a number of 0 or more", numeric=True, dtype="float64"),
    Kind("year", lambda t: _period_test(("calendar",))(_year(t)),
         lambda t: parse_period(_year(t)).start.year, "a calendar year such as 2023",
         dtype="Int64"),
    Kind("quintile", _whole_in(1, 5), lambda t: int(_number(t)),
         "an IMD quintile: a whole number from 1 (most deprived) to 5", dtype="Int64"),
    Kind("decile", _whole_in(1, 10), lambda t: int(_number(t)),
         "an IMD decile: a whole number from 1 (most deprived) to 10", dtype="Int64"),
    Kind("cdop_category", _whole_in(1, 10), lambda t: int(_number(t)),
         "a child death review category: a whole number from 1 to 10", dtype="Int64"),
    Kind("identifier", _whole_in(0, 10**12), lambda t: int(_number(t)), "a whole number",
         dtype="Int64"),
    Kind("flag", lambda t: t.lower() in _YES | _NO, lambda t: "Y" if t.lower() in _YES else "N",
         "Y or N"),
    Kind("modifiable", lambda t: t.lower() in _YES | _NO | _INSUFFICIENT,
         lambda t: "Y" if t.lower() in _YES else "N" if t.lower() in _NO
         else "Insufficient information",
         "Y, N or Insufficient information"),
    Kind("sex", lambda t: t.lower() in _SEXES, lambda t: _SEXES[t.lower()],
         "Male, Female or Unknown (M, F or U)"),
    Kind("conception_age", lambda t: _words(t) in _CONCEPTION_AGES,
         lambda t: _CONCEPTION_AGES[_words(t)], "under18 or under16 (Under 18, <16, U16...)"),
    Kind("ethnic_group", lambda t: ethnic_group(t) is not None, ethnic_group,
         "an ONS 2021 census ethnic group: Asian, Black, Mixed, White, Other or Not known"),
    Kind("date", lambda t: _date(t) is not None, _date,
         "a date such as 2023-04-30 or 30/04/2023", dtype="datetime64[ns]"),
    _period_kind("period", ("calendar", "financial", "quarter", "pooled"),
                 "a period such as 2023, 2023/24, 2023/24 Q1 or 2020 - 22"),
    _period_kind("financial_period", ("financial", "quarter"),
                 "a financial year or quarter such as 2023/24 or 2023/24 Q1"),
    _period_kind("single_period", ("calendar", "financial", "quarter"),
                 "a year, financial year or quarter such as 2023, 2023/24 or 2023/24 Q1"),
    Kind("name", lambda t: len(t.strip()) <= 120, str.strip, "a name of at most 120 characters"),
    Kind("indicator", lambda t: _indicator_id(t) is not None, _indicator_id,
         "an indicator: our id (such as smoking_delivery) or its Fingertips ID (such as "
         "93085), as listed on the Definitions page"),
    Kind("target_direction", lambda t: _words(t) in _DIRECTIONS,
         lambda t: _DIRECTIONS[_words(t)], "at most or at least"),
    Kind("action_status", lambda t: _words(t) in _STATUSES, lambda t: _STATUSES[_words(t)],
         "a status: " + ", ".join(ACTION_STATUSES) + " (or green, amber, red)"),
    Kind("period_or_date", lambda t: _period_or_date(t) is not None, _period_or_date,
         "a period such as 2021/22 or 2021, or a date such as 2022-03-31"),
]}
