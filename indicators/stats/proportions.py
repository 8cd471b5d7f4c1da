"""Proportions with Wilson score confidence intervals (Fingertips' method).

Used for smoking at time of delivery, breastfeeding and low birth weight.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .inputs import (
    CONFIDENCE_LEVELS,
    ArrayLike,
    as_float_array,
    broadcast,
    check_non_negative,
    confidence_suffix,
    index_of,
    is_scalar,
    raise_where,
    shaped_like,
    z_value,
)
from .rates import VALUE_COLUMNS

WILSON = "Wilson"


def _checked(x: ArrayLike, n: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    index = index_of(x, n)
    numerators, denominators = broadcast(as_float_array(x, "x"), as_float_array(n, "n"))
    check_non_negative(numerators, "numerator", index)
    check_non_negative(denominators, "denominator", index)
    raise_where(numerators > denominators, numerators, "numerator",
                "must not exceed its denominator", index)
    return numerators, denominators


def wilson_limits(x: ArrayLike, n: ArrayLike, confidence: float = 0.95) -> tuple:
    """Wilson score confidence limits for a proportion, as fractions (0 to 1).

    Method: (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)), z the
    two-sided normal quantile - PHEindicatormethods ``wilson_lower``/``wilson_upper``
    and ``phe_proportion``; the Fingertips technical guidance.

    Citation: Wilson EB. Probable inference, the law of succession, and
    statistical inference. J Am Stat Assoc 1927;22:209-212. Newcombe RG.
    Two-sided confidence intervals for the single proportion. Stat Med
    1998;17:857-872.

    Args:
        x: numerator (zero or more, at most ``n``).
        n: denominator; 0 or missing gives NaN.
        confidence: two-sided level as a fraction, 0.95 or 0.998.

    Returns:
        (lower, upper) as fractions, shaped like the input.
    """
    z = z_value(confidence)
    numerators, denominators = _checked(x, n)
    usable = denominators > 0
    safe_n = np.where(usable, denominators, 1.0)
    with np.errstate(invalid="ignore"):
        spread = z * np.sqrt(z**2 + 4 * numerators * (1 - numerators / safe_n))
        scale = 2 * (safe_n + z**2)
        lower = np.where(usable, (2 * numerators + z**2 - spread) / scale, np.nan)
        upper = np.where(usable, (2 * numerators + z**2 + spread) / scale, np.nan)
    index, scalar = index_of(x, n), is_scalar(x, n)
    return shaped_like(lower, index, scalar), shaped_like(upper, index, scalar)


def proportion(x: ArrayLike, n: ArrayLike, multiplier: float = 100) -> pd.DataFrame:
    """Proportion x / n x ``multiplier`` with Wilson 95% and 99.8% limits.

    Method: value = x / n x multiplier; limits from ``wilson_limits`` times the
    multiplier (PHEindicatormethods ``phe_proportion``). Units: percentage by
    default (multiplier 100); multiplier 1 gives a proportion of 1.

    Missing is missing: a missing numerator or denominator, or a zero
    denominator, gives NaN and ``ci_method`` None.

    Args:
        x: numerator, e.g. mothers known to smoke at delivery.
        n: denominator, e.g. maternities with known smoking status.
        multiplier: 100 for a percentage.

    Returns:
        DataFrame with columns value, lower95, upper95, lower998, upper998,
        ci_method ("Wilson"), indexed like the input Series if any.
    """
    numerators, denominators = _checked(x, n)
    if not multiplier > 0:
        raise ValueError(f"multiplier must be a positive number; got {multiplier!r}")
    usable = ~np.isnan(numerators) & (denominators > 0)
    safe_n = np.where(usable, denominators, 1.0)
    columns: dict[str, np.ndarray] = {
        "value": np.where(usable, numerators / safe_n * multiplier, np.nan)
    }
    for confidence in CONFIDENCE_LEVELS:
        lower, upper = wilson_limits(numerators, denominators, confidence)
        suffix = confidence_suffix(confidence)
        columns[f"lower{suffix}"] = np.where(usable, lower * multiplier, np.nan)
        columns[f"upper{suffix}"] = np.where(usable, upper * multiplier, np.nan)
    columns["ci_method"] = np.where(usable, WILSON, None).astype(object)
    return pd.DataFrame(columns, index=index_of(x, n))[VALUE_COLUMNS]
