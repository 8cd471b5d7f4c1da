"""Counts for baby's first feed and breastfeeding at 6-8 weeks from `breastfeeding`.

Either block of the extract may be blank for a row (a return that covers only one of
them): a wholly blank block gives no row, a partly blank one a missing value with a note.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.engine.frames import build_counts, empty_counts, numeric, require_columns
from indicators.engine.quarters import period_kinds, years_from_quarters
from indicators.names import AREA_CODE, INDICATOR_ID, PERIOD

FIRST_FEED = ["births_first_feed_known", "first_feed_breastmilk"]
SIX_EIGHT_WEEKS = ["infants_due_review", "totally_breastfed", "partially_breastfed",
                   "not_breastfed", "status_unknown"]
KNOWN = ["totally_breastfed", "partially_breastfed", "not_breastfed"]


def breastfeeding_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Counts rows for first feed, 6-8 week prevalence and 6-8 week coverage."""
    table = raw.get("breastfeeding")
    if table is None or table.empty:
        return empty_counts()
    require_columns(table, "breastfeeding", [AREA_CODE, PERIOD])
    present = [c for c in FIRST_FEED + SIX_EIGHT_WEEKS if c in table.columns]
    frame = table.assign(**{column: numeric(table, column) for column in present})
    for column in FIRST_FEED + SIX_EIGHT_WEEKS:
        if column not in frame.columns:
            frame[column] = float("nan")
    periods = period_kinds(frame, "breastfeeding")
    parts = []
    first = frame[FIRST_FEED].notna().any(axis=1)
    if first.any():
        parts.append(_financial_years(build_counts(
            frame[first], "first_feed_breastmilk", periods["label"][first],
            ["first_feed_breastmilk"], ["births_first_feed_known"]), periods[first]))
    weeks = frame[SIX_EIGHT_WEEKS].notna().any(axis=1)
    if weeks.any():
        rows, labels = frame[weeks], periods["label"][weeks]
        parts.append(_financial_years(build_counts(
            rows, "breastfeeding_6_8_weeks", labels, ["totally_breastfed",
                                                      "partially_breastfed"], KNOWN,
            dq=(["status_unknown"], ["infants_due_review"])), periods[weeks]))
        parts.append(_financial_years(build_counts(
            rows, "breastfeeding_6_8_weeks_coverage", labels, KNOWN, ["infants_due_review"]),
            periods[weeks]))
    return pd.concat(parts, ignore_index=True) if parts else empty_counts()


def _financial_years(counts: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """Keep financial-year rows; add years summed from four quarters where none is given."""
    is_quarter = (periods["kind"] == "quarter").to_numpy()
    annual = counts[~is_quarter]
    quarterly = counts[is_quarter]
    year_of = pd.Series(periods["year_label"].to_numpy(), index=counts.index)
    indicator_id = counts[INDICATOR_ID].iloc[0]
    from_quarters = years_from_quarters(quarterly, annual, indicator_id, year_of)
    return pd.concat([annual, from_quarters], ignore_index=True)
