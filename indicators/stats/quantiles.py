"""Quantiles (quintiles, deciles) of area values within groups (the map's quintiles)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def assign_quantiles(
    values: pd.Series,
    nquantiles: int = 10,
    *,
    groups: pd.Series | pd.DataFrame | None = None,
    invert: bool | pd.Series = True,
) -> pd.Series:
    """Assign each value to a quantile (1..nquantiles) within its group.

    Method (PHEindicatormethods ``phe_quantile``; OHID technical guide
    "Assigning deprivation categories"): within each group, with n the number
    of non-missing values, adjusted = max - value when inverted (else value),
    rank = minimum rank of adjusted (ties share the lowest rank), and
    quantile = floor((nq + 1) - ceil(((n + 1) - rank) / (n / nq))), with 0
    raised to 1. Groups with fewer non-missing values than ``nquantiles`` get
    no quantiles (NaN), as do missing values. Equal values fall in the same
    quantile, so quantiles can be unequal in size.

    Citation: OHID Fingertips technical guidance, "Assigning deprivation
    categories"; PHEindicatormethods (R) ``phe_quantile``.

    Args:
        values: numeric values, one per area.
        nquantiles: 5 for quintiles, 10 for deciles, etc.
        groups: column(s) aligned with ``values`` whose combinations define the
            groups (e.g. region); None for a single group.
        invert: True puts the highest values in quantile 1. Either one bool or a
            bool Series aligned with ``values`` (it must be constant within a
            group). Fingertips puts the worst values in quantile 1 (invert for "Low
            is good"); PHEindicatormethods' default is True.

    Returns:
        Float Series (quantile numbers, NaN where none), indexed like ``values``.
    """
    if not isinstance(values, pd.Series):
        values = pd.Series(values)
    if not pd.api.types.is_numeric_dtype(values):
        raise TypeError(f"values must be numeric; got dtype {values.dtype}")
    if not isinstance(nquantiles, int | np.integer) or nquantiles < 2:
        raise ValueError(f"nquantiles must be a whole number of 2 or more; got {nquantiles!r}")
    numeric = values.astype("float64")
    keys = _group_keys(groups, numeric.index)
    inverted = _inversion(invert, numeric.index, keys)

    grouped = numeric.groupby(keys, sort=False, dropna=False)
    group_max = grouped.transform("max")
    adjusted = numeric.where(~inverted, group_max - numeric)
    rank = adjusted.groupby(keys, sort=False, dropna=False).rank(method="min")
    n = grouped.transform("count").astype("float64")
    quantile = np.floor((nquantiles + 1) - np.ceil(((n + 1) - rank) / (n / nquantiles)))
    quantile = quantile.where(quantile != 0, 1.0)
    return quantile.where((n >= nquantiles) & numeric.notna()).rename("quantile")


def _group_keys(groups: pd.Series | pd.DataFrame | None, index: pd.Index) -> list[pd.Series]:
    if groups is None:
        return [pd.Series(0, index=index)]
    if isinstance(groups, pd.Series):
        groups = groups.to_frame()
    if not groups.index.equals(index):
        raise ValueError("groups must have the same index as values")
    return [groups[column] for column in groups.columns]


def _inversion(invert: bool | pd.Series, index: pd.Index, keys: list[pd.Series]) -> pd.Series:
    if isinstance(invert, pd.Series):
        if not invert.index.equals(index):
            raise ValueError("invert must have the same index as values")
        flags = invert.astype(bool)
        varying = flags.groupby(keys, sort=False, dropna=False).nunique() > 1
        if varying.any():
            raise ValueError("invert must take the same value within each group; it varies "
                             f"in group {varying[varying].index[0]!r}")
        return flags
    if not isinstance(invert, bool | np.bool_):
        raise TypeError(f"invert must be True/False or a bool Series; got {invert!r}")
    return pd.Series(bool(invert), index=index)

