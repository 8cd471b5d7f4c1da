"""Least-squares line through paired area values, for the compare-indicators scatter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

MIN_POINTS = 10  # below this a fitted line says little (Fingertips shows no R-squared then)


@dataclass(frozen=True)
class LineFit:
    slope: float
    intercept: float
    r_squared: float
    n: int

    @property
    def meaningful(self) -> bool:
        return self.n >= MIN_POINTS


def linear_fit(x: ArrayLike, y: ArrayLike) -> LineFit | None:
    """Ordinary least squares y = intercept + slope * x over the pairs where both are
    present; R-squared = 1 - SS_residual / SS_total (for a line with an intercept, the square
    of Pearson's r). Units: slope in y units per x unit. None for fewer than 3 pairs or no
    spread in x."""
    x, y = np.asarray(x, dtype="float64"), np.asarray(y, dtype="float64")
    if x.shape != y.shape:
        raise ValueError(f"x and y must be the same length; got {x.shape} and {y.shape}")
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep], y[keep]
    if len(x) < 3 or np.ptp(x) == 0:
        return None
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (intercept + slope * x)
    total = ((y - y.mean()) ** 2).sum()
    r_squared = 1.0 - (residual ** 2).sum() / total if total > 0 else float("nan")
    return LineFit(float(slope), float(intercept), float(r_squared), int(len(x)))
