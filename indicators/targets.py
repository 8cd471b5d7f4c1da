"""Targets and trajectories for a local action plan.

A plan sets, for an indicator in an area, a target value to be met by a period ("no more
than 6% of women smoking at delivery by 2021/22"), starting from a baseline period. From
the indicator's series this module works out:

- the trajectory: the straight line from the baseline value (at the middle of the
  baseline period) to the target (at the middle of the target period), holding at the
  target after it;
- the trajectory status of the latest value: "on track" when the value, allowing for its
  95% confidence interval, is at or better than the trajectory point (for an "at most"
  target the lower limit is at or below it; for "at least" the upper limit is at or
  above it), otherwise "off track"; "no data" without a value or a trajectory point;
- the projection at the current trend: the inverse-variance weighted least squares line
  through the latest five points, with the recent-trend test's weights
  (`indicators.stats.trend.inverse_variance_weights`), giving the first period of the
  series' kind whose fitted value meets the target, or "not at the current rate";
- the change needed per year: (target - latest value) / years from the latest period to
  the target period.

Time is measured in years at the middle of each period ("2021/22" is 2021.75, "2021" is
2021.5, "2021/22 Q1" is 2021.375), so financial, calendar and quarterly series share one
axis and slopes are per year. Pure functions of numbers and period labels.

Method: straight-line trajectories and projections as in the national support teams'
infant mortality workbook ("trends against trajectory"); weights as in OHID Fingertips'
recent trend (technical guidance, "Recent trends").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from indicators.periods import Period, financial_year_label, parse_period, pooled_label, quarter_label
from indicators.stats.trend import POINTS, inverse_variance_weights, weighted_line

AT_MOST, AT_LEAST = "at most", "at least"
DIRECTIONS = (AT_MOST, AT_LEAST)
ON_TRACK, OFF_TRACK, NO_DATA = "on track", "off track", "no data"
NOT_AT_CURRENT_RATE = "not at the current rate"
# projections further out than this are not a period anyone plans for
HORIZON_YEARS = 50


@dataclass(frozen=True)
class PlanTarget:
    """A target: `value` in the indicator's units, met when the value is `direction`
    (at most / at least) it by `period` (a period label or an ISO date), measured
    from `baseline_period`. `source` says where it came from ("plan" or "catalogue")."""

    value: float
    direction: str
    period: str
    baseline_period: str | None = None
    source: str = "plan"

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {DIRECTIONS}, got {self.direction!r}")


def direction_for(good_when: str) -> str:
    """The plan's words for a catalogue goal's good side."""
    return AT_MOST if good_when == "at_or_below" else AT_LEAST


def position(label: str) -> float:
    """Years at the middle of a period ("2021/22" -> 2021.75), or at a date."""
    try:
        day = date.fromisoformat(str(label))
    except ValueError:
        period = parse_period(label)
        months = (period.start.year * 12 + period.start.month - 1
                  + period.end.year * 12 + period.end.month)
        return months / 24
    return day.year + (day.timetuple().tm_yday - 0.5) / (366 if _leap(day.year) else 365)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _step_years(period: Period) -> float:
    return 0.25 if period.kind == "quarter" else 1.0


def shift_period(label: str, steps: int) -> str:
    """The period `steps` periods of the same kind after `label` (pooled windows move a
    year at a time)."""
    period = parse_period(label)
    if period.kind == "quarter":
        quarter = (period.sortable // 100) % 100 - 1 + steps
        first, q = period.first_year + quarter // 4, quarter % 4 + 1
        return quarter_label(first, q)
    first = period.first_year + steps
    if period.kind == "calendar":
        return str(first)
    if period.kind == "financial":
        return financial_year_label(first)
    kind = "financial" if period.is_financial else "calendar"
    return pooled_label(first, first + period.year_range - 1, kind)


def meets(value: float, target: float, direction: str) -> bool:
    return value <= target if direction == AT_MOST else value >= target


def trajectory_value(target: PlanTarget, baseline_value: float, at: str) -> float:
    """The trajectory's value at period (or date) `at`: linear from the baseline value at
    the baseline period to the target at the target period, the target itself from then
    on (with or without a baseline); NaN before the baseline, or before the target period
    without a baseline value."""
    end, now = position(target.period), position(at)
    if now >= end:
        return float(target.value)
    if target.baseline_period is None or math.isnan(baseline_value):
        return math.nan
    start = position(target.baseline_period)
    if now < start - 1e-9 or end <= start:
        return math.nan
    return baseline_value + (target.value - baseline_value) * (now - start) / (end - start)


def trajectory_status(value: float, lower95: float, upper95: float, trajectory: float,
                      direction: str) -> str:
    """On track when the value, allowing for its 95% CI, is at or better than the
    trajectory point (the limit on the good side reaches it); off track otherwise.
    Without limits the value itself is compared; "no data" without a value or point."""
    if math.isnan(value) or math.isnan(trajectory):
        return NO_DATA
    if direction == AT_MOST:
        best = value if math.isnan(lower95) else min(value, lower95)
        return ON_TRACK if best <= trajectory + 1e-12 else OFF_TRACK
    best = value if math.isnan(upper95) else max(value, upper95)
    return ON_TRACK if best >= trajectory - 1e-12 else OFF_TRACK


@dataclass(frozen=True)
class Projection:
    """The line at the current trend and the period it meets the target in.

    slope, level, origin: the weighted fit, value = level + slope * (years - origin);
        origin is the latest point's time, so level is the fitted value there.
    period: first period (the series' kind) whose fitted value meets the target, the
        latest period when the fitted value there already does; None if never.
    reason: why there is no projection (fewer than five points), else "".
    """

    slope: float
    level: float
    origin: float
    period: str | None
    reason: str = ""

    def at(self, label: str) -> float:
        return self.level + self.slope * (position(label) - self.origin)


def project(periods: list[str], values: np.ndarray, lower95: np.ndarray,
            upper95: np.ndarray, target: PlanTarget) -> Projection:
    """Weighted least squares over the latest five points with a value and both 95%
    limits (oldest first), weights 1/SE^2 with SE = (upper95 - lower95) / 3.92, time in
    years; then the first period, stepping one period of the series' kind from the
    latest, whose fitted value meets the target (within HORIZON_YEARS)."""
    values, lows, ups = (np.asarray(a, dtype="float64") for a in (values, lower95, upper95))
    valid = ~(np.isnan(values) | np.isnan(lows) | np.isnan(ups)) & (ups > lows)
    kept = np.flatnonzero(valid)[-POINTS:]
    if len(kept) < POINTS:
        return Projection(math.nan, math.nan, math.nan, None,
                          f"only {len(kept)} period(s) with a value and confidence interval; "
                          f"a projection needs {POINTS}")
    labels = [periods[i] for i in kept]
    times = np.array([position(label) for label in labels])
    origin = float(times[-1])  # years from the latest point keep the fit well conditioned
    slope, fitted_now = weighted_line(
        values[kept], inverse_variance_weights(lows[kept], ups[kept]), times - origin)
    latest = labels[-1]
    line = (slope, fitted_now, origin)
    if meets(fitted_now, target.value, target.direction):
        return Projection(*line, latest)
    improving = slope < 0 if target.direction == AT_MOST else slope > 0
    if not improving:
        return Projection(*line, None)
    years = (target.value - fitted_now) / slope
    step = _step_years(parse_period(latest))
    steps = math.ceil(years / step - 1e-9)
    if steps * step > HORIZON_YEARS:
        return Projection(*line, None)
    return Projection(*line, shift_period(latest, steps))


def change_needed_per_year(latest_value: float, latest_period: str,
                           target: PlanTarget) -> float:
    """(target - latest value) per year left to the target period, in the value's units;
    NaN once the target period has been reached (no time is left to spread it over)."""
    years = position(target.period) - position(latest_period)
    if math.isnan(latest_value) or years <= 0:
        return math.nan
    return (target.value - latest_value) / years


def years_between(earlier: str, later: str) -> int:
    """Whole years from one period (or date) to another, rounded half up."""
    return math.floor(position(later) - position(earlier) + 0.5)


def projection_sentence(indicator_name: str, target: PlanTarget, unit: str,
                        projection: Projection) -> str:
    """The projection in words: "at the current rate, smoking at delivery reaches 6% in
    2029/30, 8 years after the target"."""
    shown = f"{target.value:g}{unit if unit == '%' else ' ' + unit if unit else ''}"
    if projection.reason:
        return f"No projection for {indicator_name}: {projection.reason}."
    if projection.period is None:
        return f"At the current rate, {indicator_name} does not reach {shown}."
    gap = years_between(target.period, projection.period)
    if gap > 0:
        when = f"{gap} year{'s' if gap != 1 else ''} after the target"
    elif gap < 0:
        when = f"{-gap} year{'s' if gap != -1 else ''} before the target"
    else:
        when = "in the target period"
    return (f"At the current rate, {indicator_name} reaches {shown} in {projection.period}, "
            f"{when}.")
