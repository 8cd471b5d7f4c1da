"""Values and confidence intervals for counts rows, by each indicator's catalogue CI method."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator
from indicators.stats.proportions import proportion
from indicators.stats.rates import crude_rate

CI_COLUMNS = ["value", "lower95", "upper95", "lower998", "upper998"]


def add_values(counts: pd.DataFrame, indicators: dict[str, Indicator]) -> pd.DataFrame:
    """Add value and 95%/99.8% limits to every row; missing inputs give NaN, never 0.

    Rows are handled in one vectorised call per (CI method, multiplier) group.
    """
    out = counts.copy(deep=False)  # copy-on-write: columns are copied only when changed
    for column in CI_COLUMNS:
        out[column] = np.nan
    method = out["indicator_id"].map({i: e.ci_method for i, e in indicators.items()})
    multiplier = out["indicator_id"].map({i: e.multiplier for i, e in indicators.items()})
    for (ci_method, scale), rows in out.groupby([method, multiplier], sort=False).groups.items():
        part = out.loc[rows]
        if ci_method == "poisson":
            result = crude_rate(part["count"], part["denominator"], multiplier=scale)
        elif ci_method == "wilson":
            result = proportion(part["count"], part["denominator"], multiplier=scale)
        else:  # a plain count: the value is the count itself, with no interval
            result = pd.DataFrame({"value": part["count"]}, index=part.index)
        out.loc[rows, result.columns.intersection(CI_COLUMNS)] = result[
            result.columns.intersection(CI_COLUMNS)]
    zero_denominator = out["value"].isna() & out["count"].notna() & out["denominator"].eq(0)
    out.loc[zero_denominator & out["value_note"].isna(), "value_note"] = (
        "Not calculated: the denominator is zero")
    return out
