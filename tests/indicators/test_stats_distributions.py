"""The quantile functions built on scipy.special agree with scipy.stats itself."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2, norm

from indicators.stats.distributions import chi2_ppf, normal_ppf


@given(st.floats(0.0, 1.0), st.integers(0, 20_000))
def test_chi2_quantiles_match_scipy_stats(q: float, df: int) -> None:
    expected = chi2.ppf(q, df)
    got = chi2_ppf(q, df)
    if np.isnan(expected):
        assert np.isnan(got)
    else:
        assert got == expected or abs(got - expected) <= 1e-12 * abs(expected)


def test_chi2_quantiles_of_arrays_and_the_edges() -> None:
    got = chi2_ppf(np.array([0.025, 0.975, 0.0, 1.0, 0.5]), np.array([10, 22, 4, 4, 0]))
    np.testing.assert_allclose(got[:2], [3.246972780, 36.78071208], rtol=1e-8)
    assert got[2] == 0.0 and np.isinf(got[3]) and np.isnan(got[4])


def test_normal_quantiles() -> None:
    assert abs(normal_ppf(0.975) - 1.959963984540054) < 1e-15
    assert abs(normal_ppf(0.999) - norm.ppf(0.999)) < 1e-15
    np.testing.assert_array_equal(normal_ppf(np.array([0.5, 0.0])), [0.0, -np.inf])
