"""Catalogue entries for the booking appointment: smoking at booking, obesity in early
pregnancy and early access to maternity care, from maternity services data.

Fingertips publishes measures like these from the Maternity Services Data Set, but their
indicator IDs and methods could not be confirmed from Fingertips' own metadata for this
release (the stored FingertipsNext indicator list does not hold them; third-party code
quotes 93579/93584/93583 as "previous method" versions and 94131/94121 as current ones,
with differing definitions of early access), so `fingertips_id` stays None and they
export under our ids.
"""

from __future__ import annotations

from indicators.catalogue.model import DataQualityMeasure, Indicator, proportion


def _booking_measure(
    id: str, name: str, short_name: str, recorded: str, dq_label: str, definition: str, numerator: str,
    denominator: str, polarity: str, caveats: str, rationale: str,
) -> Indicator:
    """One booking proportion: yes out of yes + no, with "`recorded` not recorded" (shown
    as "% `dq_label` not recorded") out of all bookings as its data-quality share (flagged
    at 5%, named at 10%, as smoking at delivery is)."""
    return proportion(
        id=id, fingertips_id=None, name=name, definition=definition, numerator=numerator,
        denominator=denominator, polarity=polarity, source_table="booking",
        period_basis="financial year of booking", sex="Female", age="All ages",
        data_quality=f"{recorded} not recorded should be below 5% of bookings: values are "
        f"flagged at 5% or more and the area named at 10% or more. Yes + no + not recorded "
        f"must equal bookings.",
        disclosure="Counts are whole numbers as supplied; suppressed counts are kept as "
        "missing.",
        source="Maternity services data at the booking appointment (e.g. the Maternity "
        "Services Data Set), by local authority of residence; local extract.",
        caveats=caveats, rationale=rationale,
        dq_measure=DataQualityMeasure(f"% {dq_label} not recorded", flag_at=5.0, name_at=10.0),
        short_name=short_name,
    )


SMOKING_BOOKING = _booking_measure(
    "smoking_booking", "Smoking status at booking", "smoking at booking", "Smoking status",
    "smoking status",
    "Women known to smoke at the booking appointment as a percentage of bookings with known "
    "smoking status.",
    "Bookings where the woman was recorded as a current smoker.",
    "Bookings with known smoking status (smokers + non-smokers).", "Low is good",
    "Booking status comes before stop-smoking support; compare it with smoking at delivery "
    "to see how many quit during pregnancy.",
    "Smoking in early pregnancy is the starting point of the smoking-in-pregnancy pathway "
    "the plans monitor.",
)

OBESITY_BOOKING = _booking_measure(
    "obesity_booking", "Obesity in early pregnancy", "obesity in early pregnancy", "BMI", "BMI",
    "Women with a body mass index of 30 or over at booking as a percentage of bookings with "
    "a recorded BMI.",
    "Bookings with a recorded BMI of 30 kg/m² or over.", "Bookings with a recorded BMI.",
    "Low is good", "BMI is measured or self-reported at booking, usually before 13 weeks.",
    "Maternal obesity raises the risk of stillbirth and infant death.",
)

EARLY_BOOKING = _booking_measure(
    "early_booking", "Early access to maternity care", "booking by 10 weeks",
    "Gestation at booking", "gestation",
    "Women booked for maternity care by 10 completed weeks of pregnancy as a percentage of "
    "bookings with a recorded gestation.",
    "Bookings at or before 10 weeks and 0 days of pregnancy.",
    "Bookings with a recorded gestation at booking.", "High is good",
    "NICE antenatal care guidance (NG201) recommends booking by 10 weeks.",
    "Early booking allows screening and support for smoking, weight and vulnerability in "
    "time to act.",
)

BOOKING_INDICATORS: tuple[Indicator, ...] = (SMOKING_BOOKING, OBESITY_BOOKING, EARLY_BOOKING)
