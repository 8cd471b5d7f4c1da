"""Input handling shared by the statistics modules.

Every public statistic accepts a scalar, a sequence, a numpy array or a pandas
Series. Inputs are turned into float arrays (missing -> NaN), validated with an
error that names the argument and the position of the first bad value, and
results are handed back in the shape the caller gave: a Series keeps its index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .distributions import normal_ppf

ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series

# the seed of the simulated intervals: any fixed number, so results repeat run to run
DEFAULT_SEED = 20040101

CONFIDENCE_LEVELS = (0.95, 0.998)


def as_float_array(values: Any, name: str) -> np.ndarray:
    """Return ``values`` as a 1-D float64 array; pandas NA and None become NaN."""
    if isinstance(values, pd.Series):
        try:
            return values.to_numpy(dtype="float64", na_value=np.nan)
        except (TypeError, ValueError) as err:
            raise TypeError(f"{name} must be numeric; got dtype {values.dtype}") from err
    try:
        array = np.asarray(values, dtype="float64")
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be numeric; got {values!r}") from err
    return np.atleast_1d(array)


def index_of(*candidates: Any) -> pd.Index | None:
    """The index shared by the pandas Series among ``candidates`` (None if none is a Series).

    Inputs are combined by position, so Series with different indexes would be
    silently misaligned: that is refused.
    """
    indexes = [c.index for c in candidates if isinstance(c, pd.Series)]
    for other in indexes[1:]:
        if not other.equals(indexes[0]):
            raise ValueError("inputs are pandas Series with different indexes; align them first")
    return indexes[0] if indexes else None


def position_label(index: pd.Index | None, position: int) -> str:
    """How to name one element in an error message: its index label, else its position."""
    if index is not None:
        return f"index {index[position]!r}"
    return f"position {position}"


def raise_where(bad: np.ndarray, values: np.ndarray, name: str, rule: str,
                index: pd.Index | None = None) -> None:
    """Raise ValueError naming the first element where ``bad`` is True."""
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} {rule}; found {values[first].item()!r} at {position_label(index, first)} "
            f"({int(bad.sum())} bad value(s) in all)"
        )


def check_non_negative(values: np.ndarray, name: str, index: pd.Index | None = None) -> None:
    """Counts and denominators cannot be negative (NaN is allowed: missing is missing)."""
    raise_where(values < 0, values, name, "must be zero or more", index)


def broadcast(*arrays: np.ndarray) -> list[np.ndarray]:
    """Broadcast arrays to one length, with a plain-English error when lengths differ."""
    try:
        return list(np.broadcast_arrays(*arrays))
    except ValueError as err:
        lengths = ", ".join(str(len(a)) for a in arrays)
        raise ValueError(f"inputs must have the same length; got lengths {lengths}") from err


def check_confidence(confidence: float) -> float:
    """Validate a two-sided confidence level given as a fraction, e.g. 0.95 or 0.998."""
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise TypeError(f"confidence must be a number such as 0.95; got {confidence!r}")
    if not 0.5 <= confidence < 1:
        raise ValueError(
            f"confidence must be a fraction between 0.5 and 1 (e.g. 0.95 or 0.998); "
            f"got {confidence!r}"
        )
    return float(confidence)


def z_value(confidence: float) -> float:
    """Standard normal quantile for a two-sided level: 1.959964 for 0.95, 3.090232 for 0.998."""
    confidence = check_confidence(confidence)
    return float(normal_ppf(confidence + (1 - confidence) / 2))


def confidence_suffix(confidence: float) -> str:
    """Column-name suffix for a level: 0.95 -> '95', 0.998 -> '998'."""
    return f"{confidence * 100:g}".replace(".", "")


def shaped_like(result: np.ndarray, index: pd.Index | None, scalar: bool) -> Any:
    """Hand a result back as the caller gave the input: Series, scalar float or array."""
    if index is not None:
        return pd.Series(result, index=index)
    if scalar:
        first = result[0]
        return float(first) if isinstance(first, np.floating | float) else first
    return result


def is_scalar(*values: Any) -> bool:
    """True when every input is a plain number (so the answer should be a float)."""
    return all(np.ndim(value) == 0 and not isinstance(value, pd.Series) for value in values)


def simulated_limits(draws: np.ndarray, confidence: float) -> tuple[float, float]:
    """The lower and upper confidence limits of R simulated values: the order statistics at
    positions round(R x alpha/2) and round(R x (1 - alpha/2)) (1-based) of the sorted draws,
    as PHEindicatormethods' simulated intervals (`phe_sii`) take them. `np.partition` finds
    the two in linear time; the values are those a full sort puts there."""
    repetitions = len(draws)
    alpha = 1 - confidence
    low_at = max(int(np.round(repetitions * alpha / 2)), 1) - 1
    high_at = int(np.round(repetitions * (1 - alpha / 2))) - 1
    placed = np.partition(draws, [low_at, high_at])
    return float(placed[low_at]), float(placed[high_at])
