"""Time periods as Fingertips writes them.

Labels follow Fingertips' own formatter (fingertips-open, ``TimePeriodFormatter``):
calendar ``2023``; financial ``2023/24`` (1 April to 31 March); a quarter of a
financial year ``2023/24 Q1`` (Q1 = April to June, Q4 = January to March); pooled
calendar years ``2020 - 22``; pooled financial years ``2021/22 - 23/24``.

``sortable`` mimics Fingertips' "Time period Sortable" column: the period's first
year x 10000, plus quarter x 100 for quarters. Fingertips files a financial-year
quarter under the financial year's starting year, so ``2023/24 Q4`` (January to
March 2024) sorts as 20230400, after ``2023/24 Q3`` (20230300).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PERIOD_KINDS = ("calendar", "financial", "quarter", "pooled")

_SEP = r"\s*[-\u2013]\s*"  # Fingertips writes " - "; accept a bare or en dash too
_YEAR = r"(\d{4})"
_FY = r"(\d{4})\s*/\s*(\d{2}|\d{4})"  # 2023/24, 2023/2024
_CALENDAR = re.compile(rf"{_YEAR}")
_FINANCIAL = re.compile(rf"{_FY}")
# "2023-24" is the NHS spelling of a financial year; "2020-22" a pooled range
_DASHED = re.compile(r"(\d{4})-(\d{2}|\d{4})")
_QUARTER = re.compile(r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*Q([1-4])", re.IGNORECASE)
_POOLED_CALENDAR = re.compile(rf"{_YEAR}{_SEP}(\d{{2}}|\d{{4}})")
_POOLED_FINANCIAL = re.compile(rf"{_FY}{_SEP}(\d{{2}}|\d{{4}})\s*/\s*(\d{{2}}|\d{{4}})")

_EXAMPLES = "2023, 2023/24, 2023/24 Q1, 2020 - 22 or 2021/22 - 23/24"


@dataclass(frozen=True)
class Period:
    """One parsed time period; ``label`` is the canonical Fingertips spelling."""

    label: str
    kind: str
    start: date
    end: date
    year_range: int
    sortable: int

    @property
    def first_year(self) -> int:
        """The year the period starts in (the financial year's first year)."""
        return self.start.year

    @property
    def is_financial(self) -> bool:
        """True for financial years, their quarters and pooled financial years."""
        return self.start.month != 1


def _full_year(two_or_four: str, after: int) -> int:
    """Expand a 2-digit year to the first year >= ``after`` ending in those digits."""
    if len(two_or_four) == 4:
        return int(two_or_four)
    year = after - after % 100 + int(two_or_four)
    return year if year >= after else year + 100


def _check_year(year: int, label: str) -> None:
    if not 1900 <= year <= 2100:
        raise ValueError(f"'{label}' is not a period: year {year} is out of range")


def _check_next(first: int, second_text: str, label: str) -> None:
    """A financial year's second part must be the following year (2023/24)."""
    if _full_year(second_text, first) != first + 1:
        raise ValueError(
            f"'{label}' is not a financial year: the second year must follow the first "
            f"(for example {financial_year_label(first)})"
        )


def financial_year_label(year: int) -> str:
    """Fingertips' label for the financial year starting 1 April ``year``: ``2023/24``."""
    return f"{year}/{str(year + 1)[2:]}"


def quarter_label(year: int, quarter: int) -> str:
    """Fingertips' label for a quarter of the financial year starting ``year``: ``2023/24 Q1``."""
    return f"{financial_year_label(year)} Q{quarter}"


def _calendar(year: int) -> Period:
    return Period(str(year), "calendar", date(year, 1, 1), date(year, 12, 31), 1, year * 10000)


def _financial(year: int) -> Period:
    return Period(
        financial_year_label(year), "financial", date(year, 4, 1), date(year + 1, 3, 31), 1,
        year * 10000,
    )


def _quarter(year: int, quarter: int) -> Period:
    start_month = 4 + 3 * (quarter - 1)
    start_year = year + (start_month - 1) // 12
    start_month = (start_month - 1) % 12 + 1
    end_month = start_month + 2
    end_day = {3: 31, 6: 30, 9: 30, 12: 31}[end_month]
    return Period(
        quarter_label(year, quarter), "quarter",
        date(start_year, start_month, 1), date(start_year, end_month, end_day), 1,
        year * 10000 + quarter * 100,
    )


def _pooled(first: int, last: int, financial: bool, label: str) -> Period:
    # a 2-digit end year that wraps a century ("2024 - 22") is a typing slip, not 2122
    if not 0 < last - first < 20:
        raise ValueError(f"'{label}' is not a pooled period: the last year must come after the first")
    if financial:
        start, end = date(first, 4, 1), date(last + 1, 3, 31)
    else:
        start, end = date(first, 1, 1), date(last, 12, 31)
    kind = "financial" if financial else "calendar"
    return Period(pooled_label(first, last, kind), "pooled", start, end, last - first + 1,
                  first * 10000)


def parse_period(label: object) -> Period:
    """Parse a Fingertips-style period label into a :class:`Period`.

    Accepts whole-number years given as numbers (``2023`` or ``2023.0`` from a
    spreadsheet) and a few common spellings (``2023-24``, ``2023/2024``, ``2020-22``);
    ``Period.label`` is always the Fingertips spelling. Raises ``ValueError`` with a
    plain message for anything else.
    """
    if isinstance(label, bool) or label is None:
        raise ValueError(f"'{label}' is not a period: expected a label such as {_EXAMPLES}")
    if isinstance(label, float) and label.is_integer():
        label = int(label)
    text = " ".join(str(label).split())
    if not text:
        raise ValueError(f"the period is blank: expected a label such as {_EXAMPLES}")

    if match := _CALENDAR.fullmatch(text):
        year = int(match[1])
        _check_year(year, text)
        return _calendar(year)
    if match := _QUARTER.fullmatch(text):
        year = int(match[1])
        _check_year(year, text)
        _check_next(year, match[2], text)
        return _quarter(year, int(match[3]))
    dashed = _DASHED.fullmatch(text)
    if dashed and _full_year(dashed[2], int(dashed[1])) == int(dashed[1]) + 1:
        return _financial(int(dashed[1]))
    if match := _FINANCIAL.fullmatch(text):
        year = int(match[1])
        _check_year(year, text)
        _check_next(year, match[2], text)
        return _financial(year)
    if match := _POOLED_FINANCIAL.fullmatch(text):
        first = int(match[1])
        _check_year(first, text)
        _check_next(first, match[2], text)
        last_start = _full_year(match[3], first)
        _check_next(last_start, match[4], text)
        return _pooled(first, last_start, True, text)
    if match := _POOLED_CALENDAR.fullmatch(text):
        first = int(match[1])
        _check_year(first, text)
        return _pooled(first, _full_year(match[2], first), False, text)
    raise ValueError(f"'{text}' is not a period: expected a label such as {_EXAMPLES}")


def pooled_label(first_year: int, last_year: int, kind: str = "calendar") -> str:
    """Fingertips' label for pooled years, e.g. ``2020 - 22`` or ``2021/22 - 23/24``.

    ``first_year``/``last_year`` are the first and last years pooled (for financial
    years, each year's starting year: 2021 and 2023 give ``2021/22 - 23/24``).
    ``kind`` is ``"calendar"`` or ``"financial"``.
    """
    if last_year <= first_year:
        raise ValueError("a pooled period needs its last year after its first year")
    if kind == "calendar":
        return f"{first_year} - {str(last_year)[2:]}"
    if kind == "financial":
        return f"{financial_year_label(first_year)} - {str(last_year)[2:]}/{str(last_year + 1)[2:]}"
    raise ValueError(f"pooled periods are 'calendar' or 'financial', not '{kind}'")
