"""Counts for smoking status at time of delivery from the `satod` raw table.

Numerator: smokers; denominator: maternities with known status (smokers + non-smokers),
the current Fingertips method for 93085. The data-quality pair is status not known out of
all maternities. Financial years come from annual rows, or from the sum of four quarters
where an area has no annual row.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.engine.frames import build_counts, empty_counts, numeric, require_columns
from indicators.engine.quarters import period_kinds, years_from_quarters
from indicators.names import AREA_CODE, PERIOD

COUNTS = ["maternities", "smokers", "non_smokers", "status_unknown"]


def satod_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Counts rows for `smoking_delivery` (financial years) and `smoking_delivery_quarterly`."""
    table = raw.get("satod")
    if table is None or table.empty:
        return empty_counts()
    require_columns(table, "satod", [AREA_CODE, PERIOD, *COUNTS])
    frame = table.assign(**{column: numeric(table, column) for column in COUNTS})
    periods = period_kinds(frame, "satod")
    counts = build_counts(frame, "smoking_delivery", periods["label"], ["smokers"],
                          ["smokers", "non_smokers"],
                          dq=(["status_unknown"], ["maternities"]))
    is_quarter = (periods["kind"] == "quarter").to_numpy()
    annual = counts[~is_quarter]
    quarterly = counts[is_quarter].assign(indicator_id="smoking_delivery_quarterly")
    year_of = pd.Series(periods["year_label"].to_numpy(), index=counts.index)
    from_quarters = years_from_quarters(quarterly, annual, "smoking_delivery", year_of)
    return pd.concat([annual, quarterly, from_quarters], ignore_index=True)
