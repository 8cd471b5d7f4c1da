"""Fingertips' recent trend (the arrow beside each value), and our rule for pooled series.

Fingertips tests the 5 most recent points with an inverse-variance weighted
least squares regression of value on time; the trend is significant when the
chi-squared statistic exceeds the 99.8% point of chi-squared on 1 d.f. and the
slope keeps its sign when any one of the 5 points is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .compare import HIGH_IS_GOOD, LOW_IS_GOOD, POLARITIES
from .distributions import chi2_ppf
from .inputs import ArrayLike, as_float_array, broadcast
from .proportions import wilson_limits
from .rates import crude_rate

POINTS = 5
#: chi-squared on 1 d.f. at 99.8% (Fingertips' TrendMarkerCalculator: 9.54953570608324).
CHI2_THRESHOLD = float(chi2_ppf(0.998, 1))
#: Fingertips turns a 95% interval into a standard error with 3.92 (= 2 x 1.96), not 2 x 1.959964.
CI_WIDTH_TO_SE = 3.92

CANNOT = "Cannot be calculated"
NO_CHANGE = "No significant change"
INCREASING = "Increasing"
DECREASING = "Decreasing"
TREND_LABELS = (
    "Increasing and getting worse", "Increasing and getting better",
    "Decreasing and getting worse", "Decreasing and getting better",
    INCREASING, DECREASING, NO_CHANGE, CANNOT,
)


@dataclass(frozen=True)
class TrendResult:
    """Outcome of a recent-trend test.

    label: one of ``TREND_LABELS`` (Fingertips' words).
    chi2: the chi-squared statistic (NaN when not calculated).
    slope: change in value per period from the weighted fit (NaN when not calculated).
    reason: plain-English explanation; always set when label is "Cannot be calculated".
    """

    label: str
    chi2: float
    slope: float
    reason: str = ""


def _cannot(reason: str) -> TrendResult:
    return TrendResult(CANNOT, float("nan"), float("nan"), reason)


def _weighted_slope(values: np.ndarray, weights: np.ndarray, times: np.ndarray):
    s1 = weights.sum()
    s2 = (weights * values * times).sum()
    s3 = (weights * times).sum()
    s4 = (weights * values).sum()
    s5 = (weights * times**2).sum()
    determinant = s1 * s5 - s3**2
    slope = (s1 * s2 - s3 * s4) / determinant
    return slope, np.sqrt(s1 / determinant)


def inverse_variance_weights(lower95: np.ndarray, upper95: np.ndarray) -> np.ndarray:
    """The recent-trend test's weight of each point: w = 1 / SE^2 with
    SE = (upper95 - lower95) / 3.92 (Fingertips' TrendMarkerCalculator)."""
    return 1 / ((upper95 - lower95) / CI_WIDTH_TO_SE) ** 2


def weighted_line(values: np.ndarray, weights: np.ndarray,
                  times: np.ndarray) -> tuple[float, float]:
    """(slope, intercept) of the weighted least squares line of value on time, the same
    fit as the recent-trend test (intercept = (S4 - slope S3) / S1); units: the value's
    units per unit of ``times``."""
    slope, _se = _weighted_slope(values, weights, times)
    intercept = ((weights * values).sum() - slope * (weights * times).sum()) / weights.sum()
    return float(slope), float(intercept)


def _label(slope: float, polarity: str) -> str:
    rising = slope > 0
    if polarity == LOW_IS_GOOD:
        return "Increasing and getting worse" if rising else "Decreasing and getting better"
    if polarity == HIGH_IS_GOOD:
        return "Increasing and getting better" if rising else "Decreasing and getting worse"
    return INCREASING if rising else DECREASING


def recent_trend(
    value: ArrayLike,
    lower95: ArrayLike,
    upper95: ArrayLike,
    count: ArrayLike,
    denominator: ArrayLike,
    polarity: str,
) -> TrendResult:
    """Fingertips' recent trend for a series of single-period proportions or crude rates.

    Method (Fingertips ``TrendMarkerCalculator`` / ``TrendRequest``):

    1. Inputs are ordered oldest -> newest. Walking back from the newest point,
       take the unbroken run of valid points (value, count, denominator and both
       95% limits present). Fewer than 5 -> "Cannot be calculated".
    2. If any point in that run has count equal to its denominator (100%) the
       trend is "Cannot be calculated" (Fingertips' guard against a zero variance).
    3. On the 5 most recent points, t = 1..5, SE_t = (upper95 - lower95) / 3.92,
       w_t = 1 / SE_t^2: slope = (S1 S2 - S3 S4) / (S1 S5 - S3^2),
       SE(slope) = sqrt(S1 / (S1 S5 - S3^2)), chi2 = (slope / SE)^2, with
       S1 = sum w, S2 = sum w v t, S3 = sum w t, S4 = sum w v, S5 = sum w t^2.
    4. Significant when chi2 > 9.5495 (chi-squared, 1 d.f., 99.8%) and the slope
       has the same sign in all six fits (all 5 points and each leave-one-out 4).
       A slope of exactly 0 counts as positive, as in Fingertips.
    5. Significant rising/falling series are labelled with the polarity
       ("Increasing and getting worse" for a rising "Low is good" indicator);
       otherwise "No significant change".

    Units: the slope is in the value's units per period. The result does not
    depend on the multiplier (value and limits scale together).

    Citation: OHID Fingertips technical guidance, "Recent trends"; weighted
    least squares test for linear trend (Armitage P, Berry G, Matthews JNS,
    Statistical Methods in Medical Research, 4th edn, 2002).

    Args:
        value, lower95, upper95, count, denominator: one element per period,
            oldest first.
        polarity: "Low is good", "High is good" or "No judgement".

    Returns:
        A ``TrendResult``.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}; got {polarity!r}")
    names = ("value", "lower95", "upper95", "count", "denominator")
    columns = broadcast(*(as_float_array(a, n) for a, n in
                          zip((value, lower95, upper95, count, denominator), names, strict=True)))
    values, lows, ups, counts, denominators = columns
    if len(values) < POINTS:
        return _cannot(f"{_periods_have(len(values), 'available')}; the trend test needs "
                       f"{POINTS}.")

    valid = ~np.logical_or.reduce([np.isnan(c) for c in columns])
    run = len(valid) - (np.flatnonzero(~valid)[-1] + 1 if (~valid).any() else 0)
    if run < POINTS:
        return _cannot(f"{_recent_run(run)} a value, count, denominator and confidence "
                       f"interval; the trend test needs {POINTS} in a row.")
    recent = slice(len(values) - run, None)
    if (counts[recent] == denominators[recent]).any():
        return _cannot("In at least one recent period the count equals the denominator "
                       "(100%), so the variance is zero and the test cannot be used.")

    last = slice(len(values) - POINTS, None)
    width = ups[last] - lows[last]
    if (width <= 0).any():
        return _cannot("A recent confidence interval has zero width, so the periods cannot "
                       "be weighted.")
    weights = inverse_variance_weights(lows[last], ups[last])
    times = np.arange(1, POINTS + 1, dtype=float)
    slope, slope_se = _weighted_slope(values[last], weights, times)
    statistic = float((slope / slope_se) ** 2)

    signs = [slope >= 0]
    for left_out in range(POINTS):
        keep = np.arange(POINTS) != left_out
        partial, _ = _weighted_slope(values[last][keep], weights[keep], times[keep])
        signs.append(partial >= 0)
    consistent = all(signs) or not any(signs)

    if statistic > CHI2_THRESHOLD and consistent:
        return TrendResult(_label(slope, polarity), statistic, float(slope))
    return TrendResult(NO_CHANGE, statistic, float(slope))


POOLED_REFUSAL = (
    "Not calculated for overlapping 3-year pooled periods: neighbouring pooled values share "
    "two of their three years, so the test would overstate significance. Annual counts are "
    "needed to test the trend."
)
POOLED_NOTE = (
    "Tested on the {points} most recent single years, not on the overlapping 3-year pooled "
    "values."
)


def trend_for_pooled_series(
    annual_count: ArrayLike | None,
    annual_denominator: ArrayLike | None,
    polarity: str,
    *,
    value_type: str = "rate",
    multiplier: float = 1000,
) -> TrendResult:
    """Recent trend for an indicator published as 3-year pooled values (e.g. "2020 - 22").

    Decision: we do **not** run the trend test on the pooled values. Consecutive
    3-year periods share two of their three years, so their errors are strongly
    positively correlated; the weighted least squares test assumes independent
    points, underestimates the slope's standard error and flags too many
    "significant" trends. (Old Fingertips refuses: "The recent trend cannot be
    calculated for this year range"; the new Fingertips tests pooled values
    anyway, which is the flaw described.)

    Instead, when the underlying **annual** counts and denominators are
    available, the Fingertips rule (``recent_trend``) is applied to the 5 most
    recent single years, which do not overlap - a valid test of the same
    question, with its own exact/Byar's (rates) or Wilson (proportions) 95%
    limits. The result's ``reason`` says so, for display beside the arrow.
    Without annual data the answer is "Cannot be calculated" with the reason.

    Citation: OHID Fingertips technical guidance, "Recent trends"; on
    overlapping moving sums inflating trend tests see e.g. Box GEP, Jenkins GM,
    Time Series Analysis (moving-average induced autocorrelation).

    Args:
        annual_count, annual_denominator: single-year counts and denominators,
            oldest first (None when only pooled values exist).
        polarity: "Low is good", "High is good" or "No judgement".
        value_type: "rate" (crude rate, exact/Byar's CIs) or "proportion" (Wilson).
        multiplier: rate or percentage multiplier (does not change the result).

    Returns:
        A ``TrendResult`` whose ``reason`` explains how (or why not) it was tested.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}; got {polarity!r}")
    if annual_count is None or annual_denominator is None:
        return _cannot(POOLED_REFUSAL)
    if value_type == "rate":
        table = crude_rate(annual_count, annual_denominator, multiplier)
        lows, ups = table["lower95"].to_numpy(), table["upper95"].to_numpy()
        values = table["value"].to_numpy()
    elif value_type == "proportion":
        counts, denominators = broadcast(as_float_array(annual_count, "annual_count"),
                                         as_float_array(annual_denominator, "annual_denominator"))
        lows, ups = wilson_limits(counts, denominators)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = counts / denominators
        values, lows, ups = values * multiplier, lows * multiplier, ups * multiplier
    else:
        raise ValueError(f"value_type must be 'rate' or 'proportion'; got {value_type!r}")
    result = recent_trend(values, lows, ups, annual_count, annual_denominator, polarity)
    if result.label == CANNOT:
        return TrendResult(CANNOT, result.chi2, result.slope,
                           f"{result.reason} (annual data behind the pooled periods)")
    return TrendResult(result.label, result.chi2, result.slope, POOLED_NOTE.format(points=POINTS))


def _periods_have(number: int, what: str) -> str:
    if number == 0:
        return f"No time periods {what}"
    return f"Only {number} time period{'' if number == 1 else 's'} {what}"


def _recent_run(run: int) -> str:
    """How many of the latest periods in a row are complete, with the verb agreeing."""
    if run == 0:
        return "The latest period does not have"
    if run == 1:
        return "Only the latest period has"
    return f"Only the latest {run} periods in a row have"
