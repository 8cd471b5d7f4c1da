"""Extract specs for the maternity risk-factor families: smoking at delivery, booking
measures, teenage conceptions and breastfeeding."""

from __future__ import annotations

from dataclasses import replace

from .rules import at_most, parts_sum
from .table_spec import AREA_CODE_COLUMN, TableSpec, column, key_column

SATOD = TableSpec("satod", (
    AREA_CODE_COLUMN,
    key_column("period", "financial_period", "time_period", "year", "quarter"),
    column("maternities", "count", "total_maternities"),
    column("smokers", "count", "smoker", "smokers_at_delivery"),
    column("non_smokers", "count", "nonsmokers", "non_smoker"),
    column("status_unknown", "count", "unknown", "smoking_status_unknown", "not_known"),
), key=("area_code", "period"), rules=(
    parts_sum("maternities", ("smokers", "non_smokers", "status_unknown")),
    at_most("smokers", "maternities"),
))

# Maternity services data at booking (e.g. the Maternity Services Data Set): each of the
# three measures splits every booking into yes, no and not recorded.
_BOOKING_SPLITS = {
    "smoking": ("smokers_at_booking", "non_smokers_at_booking", "smoking_unknown_at_booking"),
    "bmi": ("bmi_30_or_over", "bmi_under_30", "bmi_unknown"),
    "gestation": ("booked_by_10_weeks", "booked_after_10_weeks", "gestation_unknown"),
}
BOOKING = TableSpec("booking", (
    AREA_CODE_COLUMN,
    key_column("period", "financial_period", "time_period", "year", "quarter"),
    column("bookings", "count", "total_bookings", "maternity_bookings"),
    *(column(name, "count") for split in _BOOKING_SPLITS.values() for name in split),
), key=("area_code", "period"), rules=tuple(
    replace(parts_sum("bookings", parts), name=f"bookings_is_sum_{measure}")
    for measure, parts in _BOOKING_SPLITS.items()))

# ONS conception statistics: conceptions to women under 18 (rate per 1,000 women aged
# 15-17) and under 16 (per 1,000 aged 13-15), by area of residence and calendar year of
# conception; maternities + abortions = conceptions where both are given.
CONCEPTIONS = TableSpec("conceptions", (
    AREA_CODE_COLUMN,
    key_column("year", "year", "calendar_year", "year_of_conception", "period"),
    key_column("age_group", "conception_age", "age", "age_at_conception"),
    column("conceptions", "count", "number_of_conceptions", "conceptions_number"),
    column("female_population", "count", "population", "women", "females",
       "female_population_of_age", "denominator"),
    column("maternities", "count", "conceptions_leading_to_maternities", required=False),
    column("abortions", "count", "conceptions_leading_to_abortion", required=False),
), key=("area_code", "year", "age_group"), rules=(
    parts_sum("conceptions", ("maternities", "abortions")),
    at_most("conceptions", "female_population"),
))

_FIRST_FEED = ("births_first_feed_known", "first_feed_breastmilk")
_SIX_EIGHT_WEEKS = ("infants_due_review", "totally_breastfed", "partially_breastfed",
                    "not_breastfed", "status_unknown")
BREASTFEEDING = TableSpec("breastfeeding", (
    AREA_CODE_COLUMN,
    key_column("period", "single_period", "time_period", "year", "quarter"),
    *(column(name, "count") for name in _FIRST_FEED + _SIX_EIGHT_WEEKS),
), key=("area_code", "period"), rules=(
    at_most("first_feed_breastmilk", "births_first_feed_known"),
    parts_sum("infants_due_review",
              ("totally_breastfed", "partially_breastfed", "not_breastfed", "status_unknown")),
), blocks=(_FIRST_FEED, _SIX_EIGHT_WEEKS))
