"""Our statistics against PHEindicatormethods' own test data (its testdata_*.xlsx sheets),
column by column: their sheets name the limits `lower95_0cl` ... `upper99_8cl`, or
`lowercl`/`uppercl` where a sheet gives only the 95% ones."""

from __future__ import annotations

import numpy as np
import pandas as pd

REL = 1e-6  # their figures are printed to more places than this

# our column -> theirs, in the sheets with 95% and 99.8% limits
BOTH_LEVELS = {"value": "value", "lower95": "lower95_0cl", "upper95": "upper95_0cl",
               "lower998": "lower99_8cl", "upper998": "upper99_8cl"}
# ... and in the sheets with the 95% limits only
NINETY_FIVE = {"value": "value", "lower95": "lowercl", "upper95": "uppercl"}


def close(ours: pd.Series, expected: pd.Series) -> None:
    """The same numbers to REL, missing where theirs are missing."""
    np.testing.assert_allclose(ours.to_numpy(float), expected.to_numpy(float), rtol=REL,
                               equal_nan=True)


def assert_matches(ours: pd.DataFrame, theirs: pd.DataFrame,
                   columns: dict[str, str] = BOTH_LEVELS) -> None:
    """Each of our columns equal to their named one (`columns`: ours -> theirs)."""
    for mine, their in columns.items():
        try:
            close(ours[mine], theirs[their])
        except AssertionError as error:
            raise AssertionError(f"{mine} differs from their {their}: {error}") from None
