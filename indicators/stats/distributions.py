"""Quantiles of the chi-squared and standard normal distributions, from scipy.special.

These are the same computations scipy.stats performs for ``chi2.ppf`` and ``norm.ppf``
(scipy 1.17: ``2 * gammaincinv(df / 2, q)`` and ``ndtri(q)``). Calling scipy.special
directly keeps scipy.stats, about 48 MB of imports, out of every refresh and every
dashboard worker.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaincinv, ndtri

Numbers = float | int | np.ndarray


def chi2_ppf(q: Numbers, df: Numbers) -> np.ndarray | float:
    """Quantile q of the chi-squared distribution with df degrees of freedom.

    Method: the chi-squared(df) variable is twice a gamma(df / 2) variable, so its
    quantile is 2 * P^-1(df / 2, q), P the regularised lower incomplete gamma function.
    Units: those of the statistic. NaN where df <= 0 or q is outside [0, 1], as
    scipy.stats.chi2.ppf gives.
    """
    q, df = np.asarray(q, dtype=float), np.asarray(df, dtype=float)
    with np.errstate(invalid="ignore"):
        quantile = np.where((df > 0) & (q >= 0) & (q <= 1), 2.0 * gammaincinv(df / 2.0, q), np.nan)
    return quantile if quantile.ndim else float(quantile)


def normal_ppf(q: Numbers) -> np.ndarray | float:
    """Quantile q of the standard normal distribution (the probit, ``ndtri``)."""
    quantile = ndtri(np.asarray(q, dtype=float))
    return quantile if np.ndim(quantile) else float(quantile)
