"""Where each value comes from, and the one precedence rule that picks the value shown.

Every candidate value carries an `origin`: "local" (computed from the area's own counts in
a local extract), "mixed" (a pooled period summing local and published counts), a
published raw table ("fingertips", "ons_births_deaths", "ons_imd_decile"), or none (an
aggregate of the area's children). For one indicator, area, period and category the value
shown is, in this order (design section 2):

1. a value computed from the area's own supplied counts;
2. else the published value (a Fingertips download first, then the ONS tables);
3. else an aggregate of its children, made only when every child has counts;
4. else missing, with the note of the best candidate saying what is missing.

A candidate with a value always beats one without: an area's own suppressed count does
not hide a published value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.names import (
    AREA_CODE,
    CATEGORY,
    CATEGORY_TYPE,
    INDICATOR_ID,
    PERIOD_LABEL,
    VALUE,
    VALUE_NOTE,
)

LOCAL, MIXED = "local", "mixed"
FINGERTIPS, ONS_AREAS, ONS_DECILES = "fingertips", "ons_births_deaths", "ons_imd_decile"
COMPUTED, PUBLISHED = "computed", "published"
PUBLISHERS = {
    FINGERTIPS: "OHID Fingertips",
    ONS_AREAS: "Office for National Statistics",
    ONS_DECILES: "Office for National Statistics",
}
# raw table -> the extract type of the file it comes from (for naming the file)
EXTRACT_OF_TABLE = {FINGERTIPS: "fingertips", ONS_AREAS: "ons_child_mortality",
                    ONS_DECILES: "ons_child_mortality"}
TIERS = {LOCAL: 0, MIXED: 0, FINGERTIPS: 1, ONS_AREAS: 2, ONS_DECILES: 2}
AGGREGATE_TIER = 3
MIXED_NOTE = "Pooled from local and published counts"

KEY = [INDICATOR_ID, AREA_CODE, PERIOD_LABEL, CATEGORY_TYPE, CATEGORY]
PUBLISHED_COLUMNS = ["published_compared_england", "published_compared_region",
                     "published_trend"]
PROVENANCE_COLUMNS = ["provenance", "publisher", "source_table", *PUBLISHED_COLUMNS]


def precedence(candidates: pd.DataFrame) -> pd.Series:
    """The rank of each candidate row (lower wins): valued before missing, then the tiers."""
    tier = candidates["origin"].map(TIERS).fillna(AGGREGATE_TIER).to_numpy()
    return pd.Series(np.where(candidates[VALUE].notna(), tier, tier + 10),
                     index=candidates.index)


def choose(candidates: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shown, superseded): one row per key by `precedence`; the other valued candidates.

    A key's candidates from the same origin are one value (the first kept).
    """
    unique = candidates[~candidates.duplicated([*KEY, "origin"], keep="first")]
    ranked = unique.assign(_rank=precedence(unique)).sort_values("_rank", kind="stable")
    first = ~ranked.duplicated(KEY, keep="first")
    shown = ranked[first].drop(columns="_rank").sort_index()
    others = ranked[~first & ranked[VALUE].notna()].drop(columns="_rank").sort_index()
    return shown, others


def describe(values: pd.DataFrame, source_table: pd.Series) -> pd.DataFrame:
    """provenance, publisher and source_table from `origin`; `source_table` gives each
    row's indicator's local raw table (used for local and mixed rows)."""
    origin = values["origin"]
    published = origin.isin(list(PUBLISHERS))
    local = origin.isin([LOCAL, MIXED])
    out = values.copy(deep=False)  # copy-on-write: columns are copied only when changed
    out["provenance"] = np.where(published, PUBLISHED, COMPUTED)
    out["publisher"] = origin.map(PUBLISHERS).astype("object").where(published, None)
    out["source_table"] = np.where(published, origin, np.where(local, source_table, None))
    for column in PUBLISHED_COLUMNS:
        if column not in out.columns:
            out[column] = None
    mixed = origin.eq(MIXED) & out[VALUE_NOTE].isna()
    out.loc[mixed, VALUE_NOTE] = MIXED_NOTE
    return out.drop(columns="origin")
