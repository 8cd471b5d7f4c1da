"""Funnel plots: control limits around the pooled average, and each area's significance.

Limits at about 95% ("2s", p = 0.975 each side) and 99.8% ("3s", p = 0.999
each side), as in the Fingertips technical guidance and PHEindicatormethods
``calculate_funnel_limits`` / ``assign_funnel_significance``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .distributions import chi2_ppf, normal_ppf
from .inputs import ArrayLike, as_float_array, broadcast, check_non_negative, index_of, raise_where
from .poisson import count_limits

HIGH_3S = "High (0.001)"
HIGH_2S = "High (0.025)"
LOW_3S = "Low (0.001)"
LOW_2S = "Low (0.025)"
NOT_SIGNIFICANT = "Not significant"
SIGNIFICANCE_LABELS = (HIGH_3S, HIGH_2S, LOW_3S, LOW_2S, NOT_SIGNIFICANT)

#: One-sided tail probabilities of the two funnels.
TAILS = {"2s": 0.025, "3s": 0.001}
POINTS = 100


def _signif_floor(x: float, shrink: float = 0.95) -> float:
    """Round down to the leading digit, for a tidy axis start (0 stays 0)."""
    if x == 0:
        return 0.0
    power = len(str(math.floor(x * shrink))) - 1
    return math.floor(x * shrink / 10**power) * 10**power


def _signif_ceiling(x: float, grow: float = 1.05) -> float:
    """Round up to the two leading digits, for a tidy axis end (0 stays 0)."""
    if x == 0:
        return 0.0
    power = len(str(math.ceil(x * grow))) - 2
    return math.ceil(x * grow / 10**power) * 10**power


def _axis(minimum: float, maximum: float, points: int) -> np.ndarray:
    """Geometric grid from ``minimum`` (at least 1) to ``maximum`` in ``points`` whole steps."""
    grid = [max(1.0, minimum)]
    for j in range(2, points + 1):
        step = (maximum / grid[-1]) ** (1 / (points + 1 - j)) * grid[-1]
        grid.append(max(float(np.round(step)), grid[-1] + 1))
    return np.array(grid)


def _inputs(numerator: ArrayLike, denominator: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    index = index_of(numerator, denominator)
    counts, denominators = broadcast(as_float_array(numerator, "numerator"),
                                     as_float_array(denominator, "denominator"))
    check_non_negative(counts, "numerator", index)
    raise_where(~(denominators > 0), denominators, "denominator", "must be greater than zero",
                index)
    return counts, denominators


def proportion_control_limits(denominator: ArrayLike, average: float,
                              multiplier: float = 100) -> pd.DataFrame:
    """Binomial (normal approximation) funnel limits for a proportion at each denominator.

    Method: average +/- z sqrt(average (1 - average) / n), z = normal_ppf(0.975)
    ("2s") or normal_ppf(0.999) ("3s"), clipped to [0, 1], times the multiplier.
    Algebraically the same as PHEindicatormethods' ``sigma_adjustment``.
    Units: the proportion times ``multiplier`` (percentage by default).

    Args:
        denominator: population sizes n (> 0).
        average: the pooled average proportion (sum of numerators / sum of
            denominators), as a fraction.
        multiplier: 100 for percentages.

    Returns:
        DataFrame with lower_2s, upper_2s, lower_3s, upper_3s.
    """
    n = as_float_array(denominator, "denominator")
    columns = {}
    for name, tail in TAILS.items():
        spread = normal_ppf(1 - tail) * np.sqrt(average * (1 - average) / n)
        columns[f"lower_{name}"] = np.clip(average - spread, 0, 1) * multiplier
        columns[f"upper_{name}"] = np.clip(average + spread, 0, 1) * multiplier
    frame = pd.DataFrame(columns, index=index_of(denominator))
    return frame[["lower_2s", "upper_2s", "lower_3s", "upper_3s"]]


def proportion_funnel(numerator: ArrayLike, denominator: ArrayLike, multiplier: float = 100,
                      points: int = POINTS) -> pd.DataFrame:
    """Funnel lines for a proportion: limits on a grid of population sizes, for plotting.

    Method: PHEindicatormethods ``calculate_funnel_limits(statistic =
    "proportion")``: the average is sum(numerator) / sum(denominator); the grid
    runs from 1 (or a rounded-down minimum when the denominators are within a
    factor of 2) to the maximum denominator plus 5% rounded up to two
    significant figures, in ``points`` geometric whole-number steps; limits from
    ``proportion_control_limits``.

    Returns:
        DataFrame with population, lower_2s, upper_2s, lower_3s, upper_3s, baseline.
    """
    counts, denominators = _inputs(numerator, denominator)
    average = counts.sum() / denominators.sum()
    low, high = denominators.min(), denominators.max()
    start = 0.0 if high > 2 * low else _signif_floor(low)
    population = _axis(start, _signif_ceiling(high), points)
    limits = proportion_control_limits(population, average, multiplier)
    limits.insert(0, "population", population)
    limits["baseline"] = average * multiplier
    return limits


def proportion_funnel_significance(numerator: ArrayLike, denominator: ArrayLike,
                                   average: float | None = None) -> np.ndarray:
    """Where each area's proportion falls against the funnel around the average.

    Method: PHEindicatormethods ``assign_funnel_significance(statistic =
    "proportion")``: below the 3s limit -> "Low (0.001)", else below 2s ->
    "Low (0.025)", above 3s -> "High (0.001)", above 2s -> "High (0.025)",
    else "Not significant" (strict inequalities). ``average`` (a fraction) centres
    the funnel on a benchmark such as England's value; by default it is the pooled
    average sum(numerator) / sum(denominator), as in the R package.
    """
    counts, denominators = _inputs(numerator, denominator)
    raise_where(counts > denominators, counts, "numerator", "must not exceed its denominator")
    observed = counts / denominators
    centre = counts.sum() / denominators.sum() if average is None else average
    limits = proportion_control_limits(denominators, centre, 1)
    return _label(observed < limits["lower_3s"].to_numpy(),
                  observed < limits["lower_2s"].to_numpy(),
                  observed > limits["upper_3s"].to_numpy(),
                  observed > limits["upper_2s"].to_numpy())


def _label(low3: np.ndarray, low2: np.ndarray, high3: np.ndarray, high2: np.ndarray) -> np.ndarray:
    return np.select([low3, low2, high3, high2], [LOW_3S, LOW_2S, HIGH_3S, HIGH_2S],
                     NOT_SIGNIFICANT).astype(object)


def rate_funnel(count: ArrayLike, denominator: ArrayLike, multiplier: float = 1000,
                years_of_data: int = 1, points: int = POINTS) -> pd.DataFrame:
    """Funnel lines for a crude rate from exact Poisson limits, on a grid of event counts.

    Method: PHEindicatormethods ``calculate_funnel_limits(statistic = "rate")``.
    The average rate is sum(count) / sum(denominator). For k events on the grid,
    the population at which k is at the upper 2s limit is
    chi2_ppf(0.975, 2k + 2) / 2 / average (the exact Poisson mean whose lower
    tail P(X <= k) is 0.025) and at the lower limit chi2_ppf(0.025, 2k) / 2 /
    average; the plotted limit is k / population x multiplier. Likewise with
    0.001 for 3s. Populations are per year (divided by ``years_of_data``) as in
    the R package. The grid runs from 1 to the expected events in the largest
    area (rounded as in the R package), in ``points`` geometric whole steps.
    PHEindicatormethods finds these means by bisection to about 1e-7 on a
    transformed scale; we use the closed form, which differs by < 5e-5
    relative at k = 1 and < 1e-6 elsewhere.

    Units: events per ``multiplier`` of the denominator.

    Returns:
        DataFrame with events, lower_2s_population_1_year, lower_2s_limit,
        upper_2s_population_1_year, upper_2s_limit, and the same for 3s, baseline.
    """
    counts, denominators = _inputs(count, denominator)
    average = counts.sum() / denominators.sum()
    low, high = denominators.min(), denominators.max()
    start = 0.0 if high > 2 * low else _signif_floor(low / years_of_data) * years_of_data
    end = _signif_ceiling(high / years_of_data) * years_of_data
    events = _axis(math.floor(start * average), math.ceil(end * average), points)
    table = {"events": events}
    for name, tail in TAILS.items():
        upper_mean = chi2_ppf(1 - tail, 2 * events + 2) / 2
        lower_mean = chi2_ppf(tail, 2 * events) / 2
        table[f"lower_{name}_population_1_year"] = upper_mean / average / years_of_data
        table[f"lower_{name}_limit"] = events * average / upper_mean * multiplier
        table[f"upper_{name}_population_1_year"] = lower_mean / average / years_of_data
        table[f"upper_{name}_limit"] = events * average / lower_mean * multiplier
    table["baseline"] = np.full(len(events), average * multiplier)
    return pd.DataFrame(table)


def rate_funnel_significance(count: ArrayLike, denominator: ArrayLike,
                             average: float | None = None) -> np.ndarray:
    """Where each area's crude rate falls against the Poisson funnel around the average.

    Method: PHEindicatormethods ``assign_funnel_significance(statistic = "rate",
    rate_type = "crude")``: the average rate is compared with the area's own 95%
    and 99.8% limits (exact below 10 events, Byar's otherwise): average below the
    area's 99.8% lower limit -> "High (0.001)", below its 95% lower limit ->
    "High (0.025)", above its 99.8% upper limit -> "Low (0.001)", above its 95%
    upper limit -> "Low (0.025)", else "Not significant". ``average`` (events per
    unit of denominator) centres the funnel on a benchmark; by default it is the
    pooled average sum(count) / sum(denominator), as in the R package.
    """
    counts, denominators = _inputs(count, denominator)
    if average is None:
        average = counts.sum() / denominators.sum()
    low95, up95 = (limit / denominators for limit in count_limits(counts, 0.95))
    low998, up998 = (limit / denominators for limit in count_limits(counts, 0.998))
    return _label(average > up998, average > up95, average < low998, average < low95)
