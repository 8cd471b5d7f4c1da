"""Catalogue entries for the booking appointment: smoking at booking, obesity in early
pregnancy and early access to maternity care, from maternity services data.

Fingertips publishes measures like these from the Maternity Services Data Set, but their
indicator IDs and methods could not be confirmed from Fingertips' metadata for this
release, so `fingertips_id` stays None and they export under our ids.
"""

from __future__ import annotations

from indicators.catalogue.model import BENCHMARK_95, DataQualityMeasure, Indicator

_COMMON = dict(
    multiplier=100, unit="%", value_type="Proportion", ci_method="wilson",
    benchmark_method=BENCHMARK_95, period_type="Financial", frequency="annually",
    year_range=1, source_table="booking", period_basis="financial year of booking",
    sex="Female", age="All ages",
    disclosure="Counts are whole numbers as supplied; suppressed counts are kept as missing.",
    source="Maternity services data at the booking appointment (e.g. the Maternity Services "
    "Data Set), by local authority of residence; local extract.",
)


def _quality(what: str) -> str:
    return (f"{what} not recorded should be below 5% of bookings: values are flagged at 5% "
            f"or more and the area named at 10% or more. Yes + no + not recorded must equal "
            f"bookings.")


SMOKING_BOOKING = Indicator(
    id="smoking_booking", fingertips_id=None, name="Smoking status at booking",
    definition="Women known to smoke at the booking appointment as a percentage of bookings "
    "with known smoking status.",
    numerator="Bookings where the woman was recorded as a current smoker.",
    denominator="Bookings with known smoking status (smokers + non-smokers).",
    polarity="Low is good", data_quality=_quality("Smoking status"),
    caveats="Booking status comes before stop-smoking support; compare it with smoking at "
    "delivery to see how many quit during pregnancy.",
    rationale="Smoking in early pregnancy is the starting point of the smoking-in-pregnancy "
    "pathway the plans monitor.",
    dq_measure=DataQualityMeasure("% smoking status not recorded", flag_at=5.0, name_at=10.0),
    short_name="smoking at booking", **_COMMON,
)

OBESITY_BOOKING = Indicator(
    id="obesity_booking", fingertips_id=None, name="Obesity in early pregnancy",
    definition="Women with a body mass index of 30 or over at booking as a percentage of "
    "bookings with a recorded BMI.",
    numerator="Bookings with a recorded BMI of 30 kg/m² or over.",
    denominator="Bookings with a recorded BMI.",
    polarity="Low is good", data_quality=_quality("BMI"),
    caveats="BMI is measured or self-reported at booking, usually before 13 weeks.",
    rationale="Maternal obesity raises the risk of stillbirth and infant death.",
    dq_measure=DataQualityMeasure("% BMI not recorded", flag_at=5.0, name_at=10.0),
    short_name="obesity in early pregnancy", **_COMMON,
)

EARLY_BOOKING = Indicator(
    id="early_booking", fingertips_id=None, name="Early access to maternity care",
    definition="Women booked for maternity care by 10 completed weeks of pregnancy as a "
    "percentage of bookings with a recorded gestation.",
    numerator="Bookings at or before 10 weeks and 0 days of pregnancy.",
    denominator="Bookings with a recorded gestation at booking.",
    polarity="High is good", data_quality=_quality("Gestation at booking"),
    caveats="NICE antenatal care guidance (NG201) recommends booking by 10 weeks.",
    rationale="Early booking allows screening and support for smoking, weight and "
    "vulnerability in time to act.",
    dq_measure=DataQualityMeasure("% gestation not recorded", flag_at=5.0, name_at=10.0),
    short_name="booking by 10 weeks", **_COMMON,
)

BOOKING_INDICATORS: tuple[Indicator, ...] = (SMOKING_BOOKING, OBESITY_BOOKING, EARLY_BOOKING)
