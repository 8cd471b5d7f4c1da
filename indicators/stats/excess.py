"""Excess deaths and the population attributable fraction against the least deprived group.

Groups are ordered from **most** deprived (IMD quintile/decile 1) to least deprived, as in
``indicators.stats.inequality``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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


@dataclass(frozen=True)
class ExcessResult:
    """Deaths above what the reference (least deprived) group's rate would give.

    excess: total count minus reference rate x total denominator (events).
    paf: excess / total count (population attributable fraction, 0-1).
    reference: the indices of the group(s) whose pooled rate is the reference.
    """

    excess: float
    excess_lower: float
    excess_upper: float
    paf: float
    paf_lower: float
    paf_upper: float
    reference_rate: float
    confidence: float
    reference: tuple[int, ...] = (-1,)


MIN_REFERENCE_EVENTS = 10


def reference_groups(count: ArrayLike, minimum: int = MIN_REFERENCE_EVENTS) -> tuple[int, ...] | None:
    """The group(s) whose rate can serve as the reference for excess deaths, or None.

    Rule (groups most deprived first): the least deprived group alone when it has at
    least ``minimum`` events (10: below that a rate is too uncertain to be a benchmark;
    it is also the count below which crude rate limits are exact Poisson); otherwise the two
    least deprived groups pooled, when together they have at least ``minimum``;
    otherwise no reference: excess deaths are not estimable. Units: events.
    """
    counts = as_float_array(count, "count")
    if len(counts) < 2 or np.isnan(counts[-2:]).any():
        return None
    if counts[-1] >= minimum:
        return (len(counts) - 1,)
    if counts[-2:].sum() >= minimum:
        return (len(counts) - 2, len(counts) - 1)
    return None


def excess_events(
    count: ArrayLike,
    denominator: ArrayLike,
    *,
    reference: int | tuple[int, ...] = -1,
    confidence: float = 0.95,
    repetitions: int = 100_000,
    seed: int = DEFAULT_SEED,
) -> ExcessResult:
    """Excess deaths and population attributable fraction against the least deprived group.

    Method: with r_ref = count_ref / denominator_ref (by default the last group,
    the least deprived when groups run from quintile 1 = most deprived; several
    groups given as a tuple are pooled: their summed counts over summed denominators),
    excess = sum_i (count_i - r_ref x denominator_i) = total - r_ref x total
    denominator: the deaths that would not have happened if every group had
    the least deprived group's rate. PAF = excess / total deaths, the share of
    deaths attributable to deprivation. A group with a rate below the
    reference contributes negatively.

    Confidence limits by seeded simulation: each group's count is drawn from a
    Poisson distribution with its observed count as mean (denominators fixed),
    excess and PAF are recomputed, and the limits are the order statistics at
    round(R x alpha/2) and round(R x (1 - alpha/2)). Units: events (excess),
    fraction (PAF).

    Citation: Rockhill B, Newman B, Weinberg C. Use and misuse of population
    attributable fractions. Am J Public Health 1998;88:15-19; Low & Low (2004).

    Args:
        count: deaths per group, most deprived first.
        denominator: births (or population) per group, all > 0.
        reference: index of the reference group (default -1: the last), or a tuple of
            indices pooled into one reference (see `reference_groups`).
        confidence: level of the limits.
        repetitions: number of simulations (at least 1,000).
        seed: random seed.
    """
    if repetitions < 1000:
        raise ValueError(f"repetitions must be 1000 or more; got {repetitions!r}")
    z_value(confidence)  # validates the level
    counts, denominators = broadcast(as_float_array(count, "count"),
                                     as_float_array(denominator, "denominator"))
    check_non_negative(counts, "count")
    raise_where(np.isnan(counts), counts, "count", "must not be missing")
    raise_where(~(denominators > 0), denominators, "denominator", "must be greater than zero")
    if counts.sum() == 0:
        raise ValueError("no events in any group: excess deaths are undefined")
    chosen = (reference,) if isinstance(reference, int) else tuple(reference)
    if not chosen or not all(-len(counts) <= r < len(counts) for r in chosen):
        raise ValueError(f"reference must index one of the {len(counts)} groups; got {reference}")
    pick = list(chosen)

    def excess_of(c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rate = c[..., pick].sum(axis=-1) / denominators[pick].sum()
        total = c.sum(axis=-1)
        excess = total - rate * denominators.sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            return excess, excess / total

    excess, paf = excess_of(counts)
    draws = np.random.default_rng(seed).poisson(counts, (repetitions, len(counts))).astype(float)
    sim_excess, sim_paf = excess_of(draws)
    return ExcessResult(
        float(excess), *simulated_limits(sim_excess, confidence),
        float(paf), *simulated_limits(np.nan_to_num(sim_paf, nan=0.0), confidence),
        float(counts[pick].sum() / denominators[pick].sum()), confidence,
        tuple(r % len(counts) for r in chosen),
    )
