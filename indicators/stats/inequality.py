"""Inequality by deprivation: slope and relative index of inequality (excess deaths: `.excess`).

Groups are ordered from **most** deprived (IMD quintile/decile 1, as ONS and
Fingertips number them) to least deprived. The National Child Mortality
Database numbers deciles the other way round: reverse such data first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, logit

# excess deaths live in .excess; named here too for the callers that import them from here
from .excess import MIN_REFERENCE_EVENTS as MIN_REFERENCE_EVENTS
from .excess import ExcessResult as ExcessResult
from .excess import excess_events as excess_events
from .excess import reference_groups as reference_groups
from .inputs import (
    DEFAULT_SEED,
    ArrayLike,
    as_float_array,
    broadcast,
    check_non_negative,
    raise_where,
    simulated_limits,
    z_value,
)

VALUE_TYPES = ("rate", "proportion", "other")


@dataclass(frozen=True)
class InequalityResult:
    """SII and RII with simulated confidence limits.

    sii: slope index of inequality, in the value's units times ``multiplier``
        (least deprived minus most deprived end of the fitted line).
    rii: relative index of inequality (least deprived / most deprived fitted value).
    intercept: fitted value at the most deprived end (back-transformed when
        the fit was on the log or logit scale).
    """

    sii: float
    rii: float
    intercept: float
    sii_lower: float
    sii_upper: float
    rii_lower: float
    rii_upper: float
    confidence: float
    transform: bool
    repetitions: int


def _scale(value_type: str, transform: bool):
    """(to fitting scale, back to value scale) for the value type and transform choice."""
    if not transform or value_type == "other":
        return (lambda v: v), (lambda v: v)
    if value_type == "rate":
        return np.log, np.exp
    return logit, expit


def _design(population: np.ndarray) -> np.ndarray:
    """Low & Low's weighted design: sqrt(a) and b sqrt(a), b the cumulative mid-point."""
    share = population / population.sum()
    midpoint = np.cumsum(share) - share / 2
    root = np.sqrt(share)
    return np.column_stack([root, midpoint * root])


def _indices(c0: np.ndarray, c1: np.ndarray, back, transformed: bool, multiplier: float):
    """SII, RII and intercept from fitted coefficients (vectorised over simulations)."""
    if transformed:
        top, bottom = back(c0 + c1), back(c0)
        sii, rii, intercept = (top - bottom) * multiplier, top / bottom, bottom
    else:
        sii, rii, intercept = c1 * multiplier, (c0 + c1) / c0, c0
    if multiplier < 0:
        rii = 1 / rii
    return sii, rii, intercept


def slope_index_of_inequality(
    value: ArrayLike,
    population: ArrayLike,
    lower95: ArrayLike | None = None,
    upper95: ArrayLike | None = None,
    *,
    se: ArrayLike | None = None,
    value_type: str = "rate",
    transform: bool = False,
    multiplier: float = 1,
    confidence: float = 0.95,
    repetitions: int = 100_000,
    seed: int = DEFAULT_SEED,
) -> InequalityResult:
    """Slope index of inequality (SII) and relative index of inequality (RII).

    Method (Low & Low 2004; PHEindicatormethods ``phe_sii``): with groups
    ordered most -> least deprived, a_i = pop_i / sum(pop), b_i the mid-point
    of group i's cumulative population share; least squares without intercept
    of y_i sqrt(a_i) on [sqrt(a_i), b_i sqrt(a_i)] gives (c0, c1).

    * untransformed (``transform=False``): SII = c1, RII = (c0 + c1) / c0;
    * ``transform=True`` fits log(value) for rates (SII = e^(c0+c1) - e^c0,
      RII = e^c1) or logit(value) for proportions (SII = expit(c0+c1) -
      expit(c0), RII = their ratio).

    SII is multiplied by ``multiplier``; a negative multiplier flips polarity
    and inverts the RII, as in ``phe_sii``.

    Confidence limits by simulation: each group's value is drawn from a normal
    distribution on the log (rates) / logit (proportions) / natural (other)
    scale with SE = (upper95 - lower95) / (2 x 1.959964) on that scale (or the
    given ``se``), the regression is refitted for every draw and the limits
    are the order statistics at positions round(R x alpha/2) and
    round(R x (1 - alpha/2)) of R sorted draws. Seeded: the same inputs and
    seed give the same limits.

    Citation: Low A, Low A. Measuring the gap: quantifying and comparing local
    health inequalities. J Public Health 2004;26:388-395.

    Args:
        value: group values (rates, proportions as fractions, or other).
        population: group populations (denominators), all > 0.
        lower95, upper95: each group's 95% limits (needed unless ``se`` given).
        se: standard errors on the simulation scale, instead of the limits.
        value_type: "rate", "proportion" or "other".
        transform: fit on the log (rate) / logit (proportion) scale.
        multiplier: scale for the SII (e.g. 100 for percentages, -1 to flip).
        confidence: level of the SII/RII limits, e.g. 0.95.
        repetitions: number of simulations (at least 1,000).
        seed: random seed.
    """
    if value_type not in VALUE_TYPES:
        raise ValueError(f"value_type must be one of {VALUE_TYPES}; got {value_type!r}")
    if repetitions < 1000:
        raise ValueError(f"repetitions must be 1000 or more; got {repetitions!r}")
    z_value(confidence)  # validates the level
    values, pops = broadcast(as_float_array(value, "value"), as_float_array(population, "population"))
    raise_where(~(pops > 0), pops, "population", "must be greater than zero")
    if len(values) < 2:
        raise ValueError("at least two groups are needed for an SII")
    raise_where(np.isnan(values), values, "value", "must not be missing")
    if value_type == "proportion":
        raise_where((values < 0) | (values > 1), values, "value",
                    "must be a proportion between 0 and 1")
    if transform and value_type == "rate":
        raise_where(~(values > 0), values, "value",
                    "must be above 0 to fit on the log scale (transform=True)")
    if transform and value_type == "proportion":
        raise_where((values <= 0) | (values >= 1), values, "value",
                    "must be strictly between 0 and 1 to fit on the logit scale (transform=True)")

    forward, back = _scale(value_type, transform)
    sim_forward, sim_back = _scale(value_type, True)
    design = _design(pops)
    solve = np.linalg.pinv(design)  # (2, k): least squares coefficients from weighted y
    root = design[:, 0]

    coefficients = solve @ (forward(values) * root)
    sii, rii, intercept = _indices(coefficients[0], coefficients[1], back, transform, multiplier)

    sd = _simulation_se(values, lower95, upper95, se, sim_forward)
    # loc + scale x standard normal is what Generator.normal computes, draw for draw (the
    # same values), without its slow per-element broadcasting; a contiguous right-hand side
    # keeps the product on BLAS (the transposed view fell off it: 10-20x slower, same sums).
    standard = np.random.default_rng(seed).standard_normal((repetitions, len(values)))
    draws = sim_forward(values) + sd * standard
    on_fit_scale = draws if transform or value_type == "other" else sim_back(draws)
    fitted = (on_fit_scale * root) @ np.ascontiguousarray(solve.T)
    sims = _indices(fitted[:, 0], fitted[:, 1], back, transform, multiplier)
    return InequalityResult(
        float(sii), float(rii), float(intercept),
        *simulated_limits(sims[0], confidence), *simulated_limits(sims[1], confidence),
        confidence, transform, repetitions,
    )


def _simulation_se(values, lower95, upper95, se, to_scale) -> np.ndarray:
    if se is not None:
        errors = broadcast(as_float_array(se, "se"), values)[0]
        check_non_negative(errors, "se")
        raise_where(np.isnan(errors), errors, "se", "must not be missing")
        return errors
    if lower95 is None or upper95 is None:
        raise ValueError("give either lower95 and upper95, or se")
    lows, ups = broadcast(as_float_array(lower95, "lower95"), as_float_array(upper95, "upper95"))
    raise_where(np.isnan(lows) | np.isnan(ups), lows, "lower95/upper95", "must not be missing")
    with np.errstate(divide="ignore", invalid="ignore"):
        errors = (to_scale(ups) - to_scale(lows)) / (2 * z_value(0.95))
    raise_where(~np.isfinite(errors), lows, "lower95",
                "must be above 0 (and upper95 below 1 for proportions) to simulate on the "
                "log/logit scale")
    return errors
