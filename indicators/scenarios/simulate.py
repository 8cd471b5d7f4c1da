"""The scenario table with uncertainty, by seeded Monte Carlo simulation.

Each draw takes
- the area's underlying infant deaths a year from Gamma(count + 0.5, 1) / years (the
  Jeffreys posterior for a Poisson mean: the count's own sampling error), and
- each relative risk from a log-normal with the published point estimate as its median
  and the 95% interval giving the standard error of log(RR),
and computes the deaths avoided (arithmetic.deaths_avoided). The interval is the 2.5th
and 97.5th percentiles of the draws; the point estimate uses the observed count and the
published relative risks. Local prevalences are taken as known (their sampling error is
small beside the relative risks'); the reference rates for the gap likewise, except the
least deprived quintile's own count, drawn as the area's is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.scenarios.arithmetic import combined_fraction, excess_deaths, impact_fraction
from indicators.scenarios.risks import RelativeRisk

SCENARIO_COLUMNS = [
    "risk_factor", "indicator", "current_prevalence", "target_prevalence", "relative_risk",
    "relative_risk_lower", "relative_risk_upper", "expected_deaths_per_year",
    "deaths_avoided_per_year", "deaths_avoided_lower", "deaths_avoided_upper", "share_of_gap",
]
DRAWS = 10_000
SEED = 2007


@dataclass(frozen=True)
class Deaths:
    """An area's infant deaths and live births over `years` years (e.g. a 3-year pool)."""

    count: float
    births: float
    years: int

    @property
    def per_year(self) -> float:
        return self.count / self.years

    @property
    def births_per_year(self) -> float:
        return self.births / self.years


@dataclass(frozen=True)
class Change:
    """One factor's move: exposed share now and at the target (proportions of 1; NaN when
    not known)."""

    risk: RelativeRisk
    current: float
    target: float
    indicator: str = ""


def draw_deaths_per_year(deaths: Deaths, rng: np.random.Generator, draws: int) -> np.ndarray:
    """Underlying deaths a year, drawn from the Jeffreys Gamma(count + 0.5) posterior."""
    return rng.gamma(deaths.count + 0.5, 1.0, size=draws) / deaths.years


def draw_relative_risk(risk: RelativeRisk, rng: np.random.Generator, draws: int) -> np.ndarray:
    return np.exp(rng.normal(math.log(risk.relative_risk), risk.log_se, size=draws))


def percentile_interval(samples: np.ndarray) -> tuple[float, float]:
    lower, upper = np.percentile(samples, [2.5, 97.5])
    return float(lower), float(upper)


def scenario_table(deaths: Deaths, changes: list[Change], gap_per_year: float, *,
                   draws: int = DRAWS, seed: int = SEED) -> pd.DataFrame:
    """One row per change (SCENARIO_COLUMNS): deaths avoided a year with its simulated 95%
    interval and the share of `gap_per_year` (excess deaths a year) it would close (NaN
    when the gap is not positive or a prevalence is missing)."""
    rng = np.random.default_rng(seed)
    per_year = draw_deaths_per_year(deaths, rng, draws)
    rows = []
    for change in changes:
        risk = change.risk
        relative = draw_relative_risk(risk, rng, draws)
        point = deaths.per_year * float(impact_fraction(
            change.current, change.target, risk.relative_risk, risk.applies_to_share))
        known = not (math.isnan(change.current) or math.isnan(change.target))
        lower, upper = (percentile_interval(per_year * impact_fraction(
            change.current, change.target, relative, risk.applies_to_share))
            if known else (math.nan, math.nan))
        share = point / gap_per_year if known and gap_per_year > 0 else math.nan
        rows.append([risk.name, change.indicator, change.current, change.target,
                     risk.relative_risk, risk.lower, risk.upper, deaths.per_year, point,
                     lower, upper, share])
    return pd.DataFrame(rows, columns=SCENARIO_COLUMNS)


def combined_avoided(deaths: Deaths, changes: list[Change], *, draws: int = DRAWS,
                     seed: int = SEED) -> tuple[float, float, float]:
    """Deaths a year avoided by every change with known prevalences together (combined
    multiplicatively), with its simulated 95% interval."""
    usable = [c for c in changes if not (math.isnan(c.current) or math.isnan(c.target))]
    if not usable:
        return 0.0, 0.0, 0.0
    rng = np.random.default_rng(seed)
    per_year = draw_deaths_per_year(deaths, rng, draws)
    point = deaths.per_year * float(combined_fraction(
        [impact_fraction(c.current, c.target, c.risk.relative_risk, c.risk.applies_to_share)
         for c in usable]))
    drawn = combined_fraction([impact_fraction(c.current, c.target,
                                               draw_relative_risk(c.risk, rng, draws),
                                               c.risk.applies_to_share) for c in usable])
    return (point, *percentile_interval(per_year * drawn))


def gap(deaths: Deaths, reference_rate_per_1000: float, reference: Deaths | None = None, *,
        draws: int = DRAWS, seed: int = SEED) -> tuple[float, float, float]:
    """Excess infant deaths a year against a reference rate, with its simulated 95%
    interval. `reference`, when given (e.g. the area's least deprived quintile), is drawn
    too and its rate replaces `reference_rate_per_1000`."""
    rng = np.random.default_rng(seed)
    per_year = draw_deaths_per_year(deaths, rng, draws)
    if reference is None:
        point = float(excess_deaths(deaths.per_year, deaths.births_per_year,
                                    reference_rate_per_1000))
        drawn = excess_deaths(per_year, deaths.births_per_year, reference_rate_per_1000)
    else:
        rate = 1000 * reference.count / reference.births
        point = float(excess_deaths(deaths.per_year, deaths.births_per_year, rate))
        drawn_rate = 1000 * draw_deaths_per_year(reference, rng, draws) / reference.births_per_year
        drawn = excess_deaths(per_year, deaths.births_per_year, drawn_rate)
    return (point, *percentile_interval(drawn))
