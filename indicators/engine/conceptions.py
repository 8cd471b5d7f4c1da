"""Counts for the teenage conception rates from the `conceptions` raw table: one row per
area, calendar year of conception and age group (`under18` or `under16`), each with its
conceptions and the female population of the matching ages (15-17, 13-15)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.engine.frames import build_counts, empty_counts, numeric, require_columns
from indicators.engine.mortality import calendar_labels

# age group as the reader stores it -> indicator
AGE_GROUPS = {"under18": "conceptions_under_18", "under16": "conceptions_under_16"}


def conception_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Annual counts rows for `conceptions_under_18` and `conceptions_under_16`."""
    table = raw.get("conceptions")
    if table is None or table.empty:
        return empty_counts()
    require_columns(table, "conceptions", ["area_code", "year", "age_group", "conceptions",
                                           "female_population"])
    groups = table["age_group"].astype(str)
    unknown = ~groups.isin(list(AGE_GROUPS))
    if unknown.any():
        row = unknown.idxmax()
        raise ValueError(f"raw table 'conceptions': age_group {table['age_group'][row]!r} at "
                         f"row index {row!r} is not one of {sorted(AGE_GROUPS)}")
    frame = table.assign(conceptions=numeric(table, "conceptions"),
                         female_population=numeric(table, "female_population"))
    labels = calendar_labels(frame, "conceptions")
    parts = [build_counts(frame[groups == group], indicator_id, labels[groups == group],
                          ["conceptions"], ["female_population"])
             for group, indicator_id in AGE_GROUPS.items() if (groups == group).any()]
    return pd.concat(parts, ignore_index=True) if parts else empty_counts()
