"""Counts for low birth weight of term babies (20101) from `births_deaths`.

Only rows that carry the optional term_births_weight_known / term_low_birth_weight
columns give a value; where both are blank the area-year simply has no row.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.engine.frames import build_counts, empty_counts, numeric
from indicators.engine.mortality import calendar_labels

COLUMNS = ["term_births_weight_known", "term_low_birth_weight"]


def low_birth_weight_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    table = raw.get("births_deaths")
    if table is None or table.empty or not set(COLUMNS) <= set(table.columns):
        return empty_counts()
    frame = table.assign(**{column: numeric(table, column) for column in COLUMNS})
    frame = frame[frame[COLUMNS].notna().any(axis=1)]
    if frame.empty:
        return empty_counts()
    return build_counts(frame, "low_birth_weight_term", calendar_labels(frame, "births_deaths"),
                        ["term_low_birth_weight"], ["term_births_weight_known"])
