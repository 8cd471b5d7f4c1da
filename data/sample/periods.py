"""Financial-year labels as the returns write them ("2023/24", "2023/24 Q1")."""

from __future__ import annotations

from .targets import FIRST_YEAR


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def quarter_label(start_year: int, quarter: int) -> str:
    return f"{financial_year_label(start_year)} Q{quarter}"


def financial_years(last_year: int) -> range:
    """Financial years starting 2010 up to the one starting in `last_year`.

    The year starting in April of the last full calendar year has ended (March)
    by the time that calendar year is complete plus a quarter, so it is included.
    """
    return range(FIRST_YEAR, last_year + 1)
