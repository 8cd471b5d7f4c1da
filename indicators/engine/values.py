"""Values and confidence intervals for counts rows, by each indicator's catalogue CI method."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator
from indicators.names import CI_COLUMNS, COUNT, DENOMINATOR, INDICATOR_ID, VALUE, VALUE_NOTE
from indicators.stats.proportions import proportion
from indicators.stats.rates import crude_rate


def add_values(counts: pd.DataFrame, indicators: dict[str, Indicator]) -> pd.DataFrame:
    """Add value and 95%/99.8% limits to every row; missing inputs give NaN, never 0.

    Rows are handled in one vectorised call per (CI method, multiplier) group.
    """
    out = counts.copy(deep=False)  # copy-on-write: columns are copied only when changed
    for column in CI_COLUMNS:
        out[column] = np.nan
    method = out[INDICATOR_ID].map({i: e.ci_method for i, e in indicators.items()})
    multiplier = out[INDICATOR_ID].map({i: e.multiplier for i, e in indicators.items()})
    for (ci_method, scale), rows in out.groupby([method, multiplier], sort=False).groups.items():
        part = out.loc[rows]
        if ci_method == "poisson":
            result = crude_rate(part[COUNT], part[DENOMINATOR], multiplier=scale)
        elif ci_method == "wilson":
            result = proportion(part[COUNT], part[DENOMINATOR], multiplier=scale)
        else:  # a plain count: the value is the count itself, with no interval
            result = pd.DataFrame({VALUE: part[COUNT]}, index=part.index)
        out.loc[rows, result.columns.intersection(CI_COLUMNS)] = result[
            result.columns.intersection(CI_COLUMNS)]
    zero_denominator = out[VALUE].isna() & out[COUNT].notna() & out[DENOMINATOR].eq(0)
    out.loc[zero_denominator & out[VALUE_NOTE].isna(), VALUE_NOTE] = (
        "Not calculated: the denominator is zero")
    return out
