"""Pooled periods: counts and denominators summed over consecutive years.

Fingertips pools before it divides: a 3-year infant mortality rate is the deaths of the
three years over the births of the three years ("2020 - 22"), not a mean of three rates.
A window is produced only where all its years are present; a missing count in any year
makes the pooled value missing (with the years named), never a two-year sum.
"""

from __future__ import annotations

import pandas as pd

from indicators.engine.frames import COUNT_COLUMNS, SUM_COLUMNS
from indicators.engine.geography import AGGREGATED_NOTE
from indicators.engine.provenance import MIXED
from indicators.names import (
    AREA_CODE,
    CATEGORY,
    CATEGORY_TYPE,
    COUNT,
    DENOMINATOR,
    INDICATOR_ID,
    PERIOD_LABEL,
    VALUE_NOTE,
)
from indicators.periods import parse_period, pooled_label

SERIES_KEYS = [AREA_CODE, CATEGORY_TYPE, CATEGORY]


def pool_years(annual: pd.DataFrame, indicator_id: str, years: int,
               without_denominator: bool = False) -> pd.DataFrame:
    """Counts rows for `indicator_id`: `annual`'s calendar or financial years pooled by `years`.

    `annual` holds one indicator's annual counts rows (already aggregated to parents).
    """
    if annual.empty:
        return annual.iloc[0:0].assign(indicator_id=indicator_id)
    periods = {label: parse_period(label) for label in annual[PERIOD_LABEL].unique()}
    kinds = {period.kind for period in periods.values()}
    if not kinds <= {"calendar", "financial"}:
        raise ValueError(f"cannot pool periods of kind {sorted(kinds)} into {indicator_id}; "
                         "only calendar or financial years pool")
    frame = annual.assign(_year=annual[PERIOD_LABEL].map({s: p.first_year for s, p in periods.items()}))
    has_denominator = frame[DENOMINATOR].notna() | without_denominator
    frame["_known"] = frame[COUNT].notna() & has_denominator
    frame["_aggregated"] = frame[VALUE_NOTE].eq(AGGREGATED_NOTE)
    # Each year contributes to the windows ending in it and in the next years-1 years.
    copies = [frame.assign(_end=frame["_year"] + shift) for shift in range(years)]
    stacked = pd.concat(copies, ignore_index=True)
    grouped = stacked.groupby([*SERIES_KEYS, "_end"], sort=False)
    pooled = grouped[SUM_COLUMNS].sum(min_count=1)
    pooled["_n"] = grouped.size()
    pooled["_known"] = grouped["_known"].all()
    pooled["_aggregated"] = grouped["_aggregated"].any()
    notes = stacked[VALUE_NOTE].where(~stacked["_known"]).groupby(
        [stacked[c] for c in [*SERIES_KEYS, "_end"]], sort=False)
    pooled["_missing_note"] = notes.first().where(notes.nunique() == 1)
    if "origin" in stacked.columns:
        pooled["origin"] = _pooled_origin(grouped["origin"])
    pooled = pooled.reset_index()
    pooled = pooled[pooled["_n"] == years].copy()  # every year of the window is present
    kind = next(iter(kinds))
    pooled[PERIOD_LABEL] = [pooled_label(end - years + 1, end, kind) for end in pooled["_end"]]
    pooled[INDICATOR_ID] = indicator_id
    pooled[VALUE_NOTE] = None
    pooled.loc[pooled["_aggregated"], VALUE_NOTE] = AGGREGATED_NOTE
    unknown = ~pooled["_known"]
    pooled.loc[unknown, [COUNT, DENOMINATOR]] = float("nan")
    pooled.loc[unknown, VALUE_NOTE] = (
        "Not calculated: a count or denominator is missing in at least one of the pooled years")
    # one reason shared by the years (e.g. the same lower geography areas without a value)
    # says what is missing
    same = unknown & pooled["_missing_note"].notna()
    pooled.loc[same, VALUE_NOTE] = (pooled.loc[same, VALUE_NOTE] + " ("
                                      + pooled.loc[same, "_missing_note"] + ")")
    if "origin" in pooled.columns:
        pooled["origin"] = pooled["origin"].where(~pooled["_aggregated"], None)
        return pooled[[*COUNT_COLUMNS, "origin"]].reset_index(drop=True)
    return pooled[COUNT_COLUMNS].reset_index(drop=True)


def _pooled_origin(origins) -> pd.Series:
    """The years' one origin, or "mixed" where local and published years are pooled."""
    first = origins.first()
    return first.where(origins.nunique() <= 1, MIXED)
