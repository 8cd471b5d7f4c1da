"""The least-squares line against numpy: slope and intercept from lstsq, R-squared as the
square of numpy's Pearson correlation."""

from __future__ import annotations

import numpy as np
import pytest

from indicators.stats.regression import MIN_POINTS, linear_fit


def test_fit_equals_numpy_on_the_same_points():
    rng = np.random.default_rng(13)
    x = rng.uniform(5, 20, 40)
    y = 0.3 * x + rng.normal(0, 1.5, 40)
    x[3], y[7] = np.nan, np.nan  # pairs with a missing value are left out
    fit = linear_fit(x, y)
    keep = ~(np.isnan(x) | np.isnan(y))
    design = np.column_stack([np.ones(keep.sum()), x[keep]])
    (intercept, slope), *_ = np.linalg.lstsq(design, y[keep], rcond=None)
    assert fit.n == 38 and fit.meaningful
    assert fit.slope == pytest.approx(slope, rel=1e-10)
    assert fit.intercept == pytest.approx(intercept, rel=1e-10)
    assert fit.r_squared == pytest.approx(np.corrcoef(x[keep], y[keep])[0, 1] ** 2, rel=1e-10)


def test_too_few_points_are_said_to_be_too_few():
    fit = linear_fit([1.0, 2.0, 3.0, 4.0], [2.0, 1.0, 4.0, 3.0])
    assert fit.n == 4 < MIN_POINTS and not fit.meaningful
    assert linear_fit([1.0, 2.0], [1.0, 2.0]) is None
    assert linear_fit([2.0, 2.0, 2.0], [1.0, 2.0, 3.0]) is None
    with pytest.raises(ValueError, match="same length"):
        linear_fit([1.0, 2.0, 3.0], [1.0, 2.0])
