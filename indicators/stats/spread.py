"""The spread of area values for a box plot, as Fingertips draws its box plots."""

from __future__ import annotations

import numpy as np
import pandas as pd

PERCENTILES = {"minimum": 0, "p5": 5, "p25": 25, "median": 50, "p75": 75, "p95": 95,
               "maximum": 100}


def box_statistics(values: pd.Series, by: pd.Series) -> pd.DataFrame:
    """Per group (e.g. period): count of values, minimum, 5th, 25th, 50th (median), 75th and
    95th percentile and maximum of the non-missing values.

    Method: percentiles by linear interpolation between order statistics (Hyndman and Fan
    type 7, numpy's and Excel PERCENTILE.INC's default, which the Fingertips box plots use):
    for n sorted values v[0..n-1], the p-th percentile is at position h = (n - 1) p / 100,
    v[floor h] + (h - floor h)(v[floor h + 1] - v[floor h]). Units: those of the values.
    Groups with no value have count 0 and NaN statistics."""
    frame = pd.DataFrame({"value": values.astype("float64").to_numpy(), "group": by.to_numpy()})
    rows = []
    for group, part in frame.groupby("group", sort=False):
        present = part["value"].dropna().to_numpy()
        stats = ({name: float(np.percentile(present, p, method="linear"))
                  for name, p in PERCENTILES.items()} if len(present)
                 else dict.fromkeys(PERCENTILES, np.nan))
        rows.append({"group": group, "count": int(len(present)), **stats})
    return pd.DataFrame(rows, columns=["group", "count", *PERCENTILES])
