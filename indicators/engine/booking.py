"""Counts for the three measures at the booking appointment from the `booking` raw table:
smoking status at booking, obesity in early pregnancy (BMI 30 or over) and early access
to maternity care (booked by 10 weeks of pregnancy).

Each is a proportion of the bookings whose status is recorded (yes + no), as smoking at
delivery is; the data-quality pair is "not recorded" out of all bookings. Financial years
come from annual rows, or from the sum of four quarters where an area has no annual row.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.engine.frames import build_counts, empty_counts, numeric, require_columns
from indicators.engine.quarters import period_kinds, years_from_quarters
from indicators.names import AREA_CODE, PERIOD

# indicator -> (yes, no, not recorded)
MEASURES = {
    "smoking_booking": ("smokers_at_booking", "non_smokers_at_booking",
                        "smoking_unknown_at_booking"),
    "obesity_booking": ("bmi_30_or_over", "bmi_under_30", "bmi_unknown"),
    "early_booking": ("booked_by_10_weeks", "booked_after_10_weeks", "gestation_unknown"),
}


def booking_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Counts rows for `smoking_booking`, `obesity_booking` and `early_booking`."""
    table = raw.get("booking")
    if table is None or table.empty:
        return empty_counts()
    columns = ["bookings", *(c for split in MEASURES.values() for c in split)]
    require_columns(table, "booking", [AREA_CODE, PERIOD, *columns])
    frame = table.assign(**{column: numeric(table, column) for column in columns})
    periods = period_kinds(frame, "booking")
    is_quarter = (periods["kind"] == "quarter").to_numpy()
    year_of = pd.Series(periods["year_label"].to_numpy(), index=frame.index)
    parts = []
    for indicator_id, (yes, no, unknown) in MEASURES.items():
        counts = build_counts(frame, indicator_id, periods["label"], [yes], [yes, no],
                              dq=([unknown], ["bookings"]))
        annual = counts[~is_quarter]
        parts += [annual, years_from_quarters(counts[is_quarter], annual, indicator_id, year_of)]
    return pd.concat(parts, ignore_index=True)
