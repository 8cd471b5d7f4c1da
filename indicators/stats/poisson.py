"""Confidence limits for a Poisson count (events such as infant deaths).

Fingertips' crude rates use the exact Poisson limits when the count is below 10
and Byar's approximation from 10 upwards. All limits here are in **events**
(the same units as the count); divide by the denominator and multiply by the
multiplier to get limits for a rate (see ``indicators.stats.rates``).
"""

from __future__ import annotations

import numpy as np

from .distributions import chi2_ppf
from .inputs import (
    ArrayLike,
    as_float_array,
    check_confidence,
    check_non_negative,
    index_of,
    is_scalar,
    shaped_like,
    z_value,
)

#: Fingertips switches from the exact method to Byar's at this count.
EXACT_BELOW = 10


def _counts(count: ArrayLike) -> np.ndarray:
    values = as_float_array(count, "count")
    check_non_negative(values, "count", index_of(count))
    return values


def exact_poisson_limits(count: ArrayLike, confidence: float = 0.95) -> tuple:
    """Exact Poisson confidence limits for an observed count, in events.

    Method: the chi-squared form of the exact (Garwood) interval,
    lower = chi2_ppf((1 - c) / 2, 2x) / 2 and upper = chi2_ppf(c + (1 - c) / 2, 2x + 2) / 2,
    with lower = 0 when x = 0. This is what Fingertips and PHEindicatormethods
    (``phe_rate``, via ``byars_lower``/``exact`` for counts under 10) use for small counts.

    Citation: Armitage P, Berry G, Matthews JNS. Statistical Methods in Medical
    Research (4th edn). Oxford: Blackwell; 2002. Garwood F. Fiducial limits for
    the Poisson distribution. Biometrika 1936;28:437-442.

    Args:
        count: observed events (zero or more; NaN means missing and gives NaN).
        confidence: two-sided level as a fraction, 0.95 or 0.998.

    Returns:
        (lower, upper) in events, shaped like ``count`` (Series keep their index).
    """
    confidence = check_confidence(confidence)
    values = _counts(count)
    alpha = 1 - confidence
    with np.errstate(invalid="ignore"):
        lower = np.where(values == 0, 0.0, chi2_ppf(alpha / 2, 2 * values) / 2)
        upper = chi2_ppf(1 - alpha / 2, 2 * values + 2) / 2
    lower = np.where(np.isnan(values), np.nan, lower)
    index, scalar = index_of(count), is_scalar(count)
    return shaped_like(lower, index, scalar), shaped_like(upper, index, scalar)


def byars_limits(count: ArrayLike, confidence: float = 0.95) -> tuple:
    """Byar's approximation to the Poisson confidence limits for a count, in events.

    Method: lower = x (1 - 1/(9x) - z/(3 sqrt x))^3,
    upper = (x + 1) (1 - 1/(9(x + 1)) + z/(3 sqrt(x + 1)))^3, z the two-sided
    normal quantile. Matches PHEindicatormethods ``byars_lower``/``byars_upper``.
    For x = 0 the lower limit is 0; where the approximation breaks down (the
    bracket is negative, e.g. x = 1 at 99.8%) the lower limit is NaN - use the
    exact limits for small counts (``count_limits`` does this for you).

    Citation: Breslow NE, Day NE. Statistical Methods in Cancer Research,
    Volume II: The Design and Analysis of Cohort Studies. Lyon: IARC; 1987.

    Args:
        count: observed events (zero or more; NaN means missing).
        confidence: two-sided level as a fraction, 0.95 or 0.998.

    Returns:
        (lower, upper) in events, shaped like ``count``.
    """
    z = z_value(confidence)
    values = _counts(count)
    with np.errstate(divide="ignore", invalid="ignore"):
        bracket = 1 - 1 / (9 * values) - z / (3 * np.sqrt(values))
        lower = np.where(bracket < 0, np.nan, values * bracket**3)
        lower = np.where(values == 0, 0.0, lower)
        shifted = values + 1
        upper = shifted * (1 - 1 / (9 * shifted) + z / (3 * np.sqrt(shifted))) ** 3
    index, scalar = index_of(count), is_scalar(count)
    return shaped_like(lower, index, scalar), shaped_like(upper, index, scalar)


def count_limits(count: ArrayLike, confidence: float = 0.95) -> tuple:
    """Fingertips' confidence limits for a count: exact below 10, Byar's from 10 up.

    Method: ``exact_poisson_limits`` where count < 10, else ``byars_limits``,
    as in PHEindicatormethods ``phe_rate`` and the Fingertips technical guidance
    ("Confidence intervals for crude rates"). Units: events.

    Args:
        count: observed events (zero or more; NaN means missing).
        confidence: two-sided level as a fraction, 0.95 or 0.998.

    Returns:
        (lower, upper) in events, shaped like ``count``.
    """
    values = _counts(count)
    exact_lower, exact_upper = exact_poisson_limits(values, confidence)
    byars_lower, byars_upper = byars_limits(values, confidence)
    small = values < EXACT_BELOW
    lower = np.where(small, exact_lower, byars_lower)
    upper = np.where(small, exact_upper, byars_upper)
    index, scalar = index_of(count), is_scalar(count)
    return shaped_like(lower, index, scalar), shaped_like(upper, index, scalar)


def count_ci_method(count: ArrayLike) -> np.ndarray:
    """Name of the interval method ``count_limits`` uses for each count (None if missing)."""
    values = _counts(count)
    method = np.where(values < EXACT_BELOW, "Exact Poisson", "Byar's").astype(object)
    method[np.isnan(values)] = None
    return method
