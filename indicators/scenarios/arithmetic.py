"""Attributable-fraction arithmetic for the scenario (gap) tool.

Levin's population attributable fraction generalised to a partial change: the share of
deaths that would not happen if the exposed share of the population moved from p to p'
for a factor with relative risk RR is

    (p - p')(RR - 1) / (1 + p(RR - 1))

(Levin ML, Acta Unio Int Contra Cancrum 1953;9:531-41; with p' = 0 it is the classic
PAF). Factors are combined multiplicatively, as independent risks are: the deaths left
after every change are deaths x product(1 - fraction_i), which never exceeds the
deaths themselves and is smaller than the plain sum when factors overlap.
"""

from __future__ import annotations

import numpy as np


def impact_fraction(p, p_target, relative_risk, applies_to_share=1.0):
    """Share of all infant deaths avoided by moving prevalence p to p_target.

    p, p_target: exposed proportions (0 to 1); relative_risk: exposed against unexposed;
    applies_to_share: the share of infant deaths the relative risk is about (1 for all
    causes). Negative when the target is worse than now. Works on arrays."""
    p = np.asarray(p, dtype=float)
    excess = np.asarray(relative_risk, dtype=float) - 1.0
    return applies_to_share * (p - np.asarray(p_target, dtype=float)) * excess / (1.0 + p * excess)


def deaths_avoided(deaths_per_year, p, p_target, relative_risk, applies_to_share=1.0):
    """Infant deaths a year avoided: deaths x impact_fraction (Levin)."""
    return np.asarray(deaths_per_year, dtype=float) * impact_fraction(
        p, p_target, relative_risk, applies_to_share)


def combined_fraction(fractions) -> np.ndarray:
    """Share of deaths avoided by several changes together: 1 - product(1 - fraction_i),
    over the first axis (factors)."""
    fractions = np.asarray(fractions, dtype=float)
    return 1.0 - np.prod(1.0 - fractions, axis=0)


def excess_deaths(deaths_per_year, births_per_year, reference_rate_per_1000):
    """Infant deaths a year above what the reference rate (per 1,000 live births) would
    give the same births: deaths - births x rate / 1000."""
    return (np.asarray(deaths_per_year, dtype=float)
            - np.asarray(births_per_year, dtype=float) * np.asarray(reference_rate_per_1000,
                                                                   dtype=float) / 1000.0)
