"""Crude rates with Fingertips' 95% and 99.8% confidence intervals.

Used for infant, neonatal and post-neonatal mortality (per 1,000 live births)
and the stillbirth rate (per 1,000 total births).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.names import CI_COLUMNS

from .inputs import (
    CONFIDENCE_LEVELS,
    ArrayLike,
    as_float_array,
    broadcast,
    check_non_negative,
    confidence_suffix,
    index_of,
    raise_where,
)
from .poisson import count_ci_method, count_limits

#: Columns of every value table returned by ``crude_rate`` and ``proportion``.
VALUE_COLUMNS = [*CI_COLUMNS, "ci_method"]


def crude_rate(count: ArrayLike, denominator: ArrayLike, multiplier: float = 1000) -> pd.DataFrame:
    """Crude rate per ``multiplier`` with exact/Byar's 95% and 99.8% confidence limits.

    Method: value = count / denominator x multiplier. Limits are the Poisson
    limits of the count (exact when count < 10, Byar's otherwise; see
    ``indicators.stats.poisson.count_limits``) divided by the denominator and
    multiplied by the multiplier - PHEindicatormethods ``phe_rate`` and the
    Fingertips technical guidance.

    Units: events per ``multiplier`` of the denominator (per 1,000 live births by
    default).

    Citation: Breslow NE, Day NE (1987), Statistical Methods in Cancer Research
    vol. II (Byar's); Armitage P, Berry G (2002), Statistical Methods in Medical
    Research, 4th edn (exact).

    Missing is missing: a missing count or denominator, or a zero denominator,
    gives NaN throughout (never 0) and ``ci_method`` None.

    Args:
        count: events (zero or more).
        denominator: population at risk, e.g. live births (zero or more).
        multiplier: scale of the rate, e.g. 1000 or 100000.

    Returns:
        DataFrame with columns value, lower95, upper95, lower998, upper998,
        ci_method ("Exact Poisson" or "Byar's"); the index of ``count`` (or of
        ``denominator``) when either is a Series.
    """
    index = index_of(count, denominator)
    counts = as_float_array(count, "count")
    denominators = as_float_array(denominator, "denominator")
    counts, denominators = broadcast(counts, denominators)
    check_non_negative(counts, "count", index)
    check_non_negative(denominators, "denominator", index)
    _check_multiplier(multiplier)

    usable = ~np.isnan(counts) & (denominators > 0)
    scale = np.where(usable, multiplier / np.where(usable, denominators, 1.0), np.nan)
    columns: dict[str, np.ndarray] = {"value": counts * scale}
    for confidence in CONFIDENCE_LEVELS:
        lower, upper = count_limits(counts, confidence)
        suffix = confidence_suffix(confidence)
        columns[f"lower{suffix}"] = lower * scale
        columns[f"upper{suffix}"] = upper * scale
    method = count_ci_method(counts)
    method[~usable] = None
    columns["ci_method"] = method
    return pd.DataFrame(columns, index=index)[VALUE_COLUMNS]


def _check_multiplier(multiplier: float) -> None:
    values = as_float_array(multiplier, "multiplier")
    raise_where(~(values > 0), values, "multiplier", "must be a positive number")
