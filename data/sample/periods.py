"""The financial years the sample covers (labels: ``indicators.periods``)."""

from __future__ import annotations

from .targets import FIRST_YEAR


def financial_years(last_year: int) -> range:
    """Financial years starting 2010 up to the one starting in `last_year`.

    The year starting in April of the last full calendar year has ended (March)
    by the time that calendar year is complete plus a quarter, so it is included.
    """
    return range(FIRST_YEAR, last_year + 1)
