"""Synthetic maternity services returns at the booking appointment, by financial year:
smoking status, BMI of 30 or over and booking by 10 weeks, each split into yes, no and
not recorded."""

from __future__ import annotations

from indicators.periods import financial_year_label

from . import targets
from ._rng import rng_for
from ._tables import Row, add_parent_totals
from .geography import leaf_codes
from .periods import financial_years
from .profiles import NORTH_WEST_SMOKING, PROFILES, relative_levels
from .satod import MATERNITIES_PER_BIRTH

SPLITS = {
    "smoking": ("smokers_at_booking", "non_smokers_at_booking", "smoking_unknown_at_booking"),
    "bmi": ("bmi_30_or_over", "bmi_under_30", "bmi_unknown"),
    "gestation": ("booked_by_10_weeks", "booked_after_10_weeks", "gestation_unknown"),
}
COLUMNS = ("area_code", "period", "bookings", *(c for split in SPLITS.values() for c in split))
COUNT_COLUMNS = COLUMNS[2:]
BOOKINGS_PER_MATERNITY = 1.12  # some booked pregnancies end before delivery or move away


def _shares(code: str, fy: int, smoking_level: float) -> dict[str, float]:
    deprived = PROFILES[code].most_deprived
    return {
        "smoking": targets.booking_smoking(fy) * smoking_level,
        "bmi": targets.booking_obesity(fy) * (0.85 + 0.75 * deprived),
        "gestation": min(0.9, targets.booking_by_10_weeks(fy) * (1.08 - 0.4 * deprived)),
    }


def _year(code: str, fy: int, smoking_level: float) -> Row:
    rng = rng_for("booking", code, fy)
    expected = (PROFILES[code].births_2019 * targets.births_index(fy) * MATERNITIES_PER_BIRTH
                * BOOKINGS_PER_MATERNITY)
    bookings = int(rng.poisson(expected))
    row: Row = {"area_code": code, "period": financial_year_label(fy), "bookings": bookings}
    for measure, share in _shares(code, fy, smoking_level).items():
        yes, no, unknown = SPLITS[measure]
        row[unknown] = int(rng.binomial(bookings, rng.uniform(0.005, 0.04)))
        row[yes] = int(rng.binomial(bookings - row[unknown], share))
        row[no] = bookings - row[unknown] - row[yes]
    return row


def build_booking(last_year: int) -> list[Row]:
    """One row per area and financial year; the North West and England are the sums of
    their parts."""
    levels = relative_levels("smoking", NORTH_WEST_SMOKING)
    leaves = [_year(code, fy, levels[code]) for code in leaf_codes()
              for fy in financial_years(last_year)]
    rows = add_parent_totals(leaves, ["period"], COUNT_COLUMNS)
    return sorted(rows, key=lambda r: (r["area_code"], r["period"]))
