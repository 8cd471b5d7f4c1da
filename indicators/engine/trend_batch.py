"""Fingertips' recent-trend test for thousands of series at once.

`indicators.stats.trend.recent_trend` is the reference implementation for one series; a
national run has ~10,000 series and calling it per series takes tens of seconds in pandas
overhead. This module applies the same rule with numpy arrays over all series together
(tests check it gives recent_trend's answer series by series). Where the answer is
"Cannot be calculated", the reason shown on screen is taken from recent_trend itself on
that series, so the words stay in one place.

Rule (methods.md, "Recent trend"): the 5 most recent points of the unbroken run of valid
points; inverse-variance weighted least squares of value on t = 1..5 with
SE = (upper95 - lower95) / 3.92; significant when chi2 > 9.5495 and the slope keeps its
sign in all six fits (all five points and each leave-one-out set of four).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.names import COUNT, DENOMINATOR, LOWER95, UPPER95, VALUE
from indicators.stats.compare import HIGH_IS_GOOD, LOW_IS_GOOD
from indicators.stats.trend import (
    CANNOT,
    CHI2_THRESHOLD,
    CI_WIDTH_TO_SE,
    DECREASING,
    INCREASING,
    NO_CHANGE,
    POINTS,
    recent_trend,
)

INPUTS = [VALUE, LOWER95, UPPER95, COUNT, DENOMINATOR]


def batch_recent_trend(points: pd.DataFrame, polarity: pd.Series) -> pd.DataFrame:
    """The recent trend of every series in `points`.

    points: rows with a `series` column (any hashable key) and INPUTS, each series'
        rows oldest first and contiguous.
    polarity: polarity per series key.

    Returns a frame indexed by series key with `label` and `reason` (None when tested).
    """
    keys, codes = np.unique(points["series"].to_numpy(), return_inverse=True)
    order = np.argsort(codes, kind="stable")  # keep each series' own time order
    data = {column: points[column].to_numpy(np.float64)[order] for column in INPUTS}
    codes = codes[order]
    lengths = np.bincount(codes, minlength=len(keys))
    ends = np.cumsum(lengths) - 1
    position = np.arange(len(codes)) - (ends - lengths + 1)[codes]

    valid = ~np.logical_or.reduce([np.isnan(data[c]) for c in INPUTS])
    last_invalid = _last_position_where(~valid, codes, position, len(keys))
    run = lengths - 1 - last_invalid
    full = valid & (data[COUNT] == data[DENOMINATOR])
    full_in_run = _last_position_where(full, codes, position, len(keys)) > last_invalid
    eligible = (lengths >= POINTS) & (run >= POINTS) & ~full_in_run

    labels = np.full(len(keys), CANNOT, dtype=object)
    chosen = np.flatnonzero(eligible)
    take = ends[chosen][:, None] - np.arange(POINTS - 1, -1, -1)[None, :]
    width = data[UPPER95][take] - data[LOWER95][take]
    positive = (width > 0).all(axis=1)
    chosen, take, width = chosen[positive], take[positive], width[positive]
    labels[chosen] = _test(data[VALUE][take], width,
                           polarity.reindex(keys[chosen]).to_numpy(object))

    reasons = np.full(len(keys), None, dtype=object)
    for code in np.flatnonzero(labels == CANNOT):
        rows = slice(ends[code] - lengths[code] + 1, ends[code] + 1)
        result = recent_trend(*(data[c][rows] for c in INPUTS), polarity.loc[keys[code]])
        labels[code], reasons[code] = result.label, result.reason
    return pd.DataFrame({"label": pd.Series(labels, index=keys, dtype=object),
                         "reason": pd.Series(reasons, index=keys, dtype=object)})


def _last_position_where(mask: np.ndarray, codes: np.ndarray, position: np.ndarray,
                         n_series: int) -> np.ndarray:
    """Per series, the last position where `mask` holds (-1 where it never does)."""
    last = np.full(n_series, -1)
    np.maximum.at(last, codes[mask], position[mask])
    return last


def _test(values: np.ndarray, width: np.ndarray, polarity: np.ndarray) -> np.ndarray:
    """Labels for series with 5 usable points each (rows of `values`)."""
    weights = 1 / (width / CI_WIDTH_TO_SE) ** 2
    times = np.arange(1, POINTS + 1, dtype=float)
    # fit 0 uses all points; fit k (1..5) leaves point k-1 out by giving it no weight
    keep = np.vstack([np.ones(POINTS), 1 - np.eye(POINTS)])[:, None, :]
    w = weights[None, :, :] * keep
    s1 = w.sum(axis=2)
    s2 = (w * values * times).sum(axis=2)
    s3 = (w * times).sum(axis=2)
    s4 = (w * values).sum(axis=2)
    s5 = (w * times**2).sum(axis=2)
    determinant = s1 * s5 - s3**2
    slopes = (s1 * s2 - s3 * s4) / determinant
    chi2 = (slopes[0] / np.sqrt(s1[0] / determinant[0])) ** 2
    signs = slopes >= 0
    consistent = signs.all(axis=0) | ~signs.any(axis=0)
    rising = slopes[0] > 0
    labels = np.full(len(values), NO_CHANGE, dtype=object)
    significant = (chi2 > CHI2_THRESHOLD) & consistent
    for words, low_good, high_good, other in (
        (rising, "Increasing and getting worse", "Increasing and getting better", INCREASING),
        (~rising, "Decreasing and getting better", "Decreasing and getting worse", DECREASING),
    ):
        hit = significant & words
        labels[hit & (polarity == LOW_IS_GOOD)] = low_good
        labels[hit & (polarity == HIGH_IS_GOOD)] = high_good
        labels[hit & ~np.isin(polarity, [LOW_IS_GOOD, HIGH_IS_GOOD])] = other
    return labels
