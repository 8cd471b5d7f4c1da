"""Compared to England, to the area's region, and to the goal (Fingertips' words).

The benchmark is the England (or region) row of the same indicator, period and category:
a quintile is compared with the same quintile nationally. England is never compared with
itself; England and regions are not compared with a region ("Not compared").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator
from indicators.engine.geography import ENGLAND, AreaTree
from indicators.stats.compare import NOT_COMPARED, compare_with_benchmark, compare_with_goal

MATCH = ["indicator_id", "period_label", "category_type", "category"]


def add_comparisons(values: pd.DataFrame, indicators: dict[str, Indicator],
                    tree: AreaTree) -> pd.DataFrame:
    """compared_england, compared_region and compared_goal for every row."""
    england_value = _benchmark_values(values, pd.Series(ENGLAND, index=values.index))
    region_value = _benchmark_values(values, values["area_code"].map(tree.region))
    area_type = values["area_code"].map(tree.area_type)
    needed = values[["area_code", "value", "lower95", "upper95", "lower998", "upper998"]]
    england = np.full(len(values), NOT_COMPARED, dtype=object)
    region = np.full(len(values), NOT_COMPARED, dtype=object)
    goal = np.full(len(values), None, dtype=object)
    for indicator_id, positions in values.groupby("indicator_id", sort=False).indices.items():
        indicator = indicators[indicator_id]
        part = needed.iloc[positions]
        if indicator.benchmark_levels:
            england[positions] = _compare(part, england_value.iloc[positions], indicator,
                                          is_benchmark=part["area_code"].eq(ENGLAND))
            region[positions] = _compare(part, region_value.iloc[positions], indicator,
                                         is_benchmark=area_type.iloc[positions].isin(["england", "region"]))
        if indicator.target is not None:
            goal[positions] = np.asarray(compare_with_goal(
                part["value"], part["lower95"], part["upper95"], indicator.target.value,
                indicator.polarity), dtype=object)
    # one assignment per column: writing a string column group by group is slow
    return values.assign(compared_england=england, compared_region=region, compared_goal=goal)


def _benchmark_values(values: pd.DataFrame, benchmark_code: pd.Series) -> pd.Series:
    """The benchmark area's value for each row (NaN where it has none)."""
    lookup = values.set_index(["area_code", *MATCH])["value"]
    lookup = lookup[~lookup.index.duplicated()]
    keys = pd.MultiIndex.from_arrays([benchmark_code.to_numpy(),
                                      *(values[c].to_numpy() for c in MATCH)])
    return pd.Series(lookup.reindex(keys).to_numpy(dtype="float64"), index=values.index)


def _compare(part: pd.DataFrame, benchmark: pd.Series, indicator: Indicator,
             is_benchmark: pd.Series) -> np.ndarray:
    words = compare_with_benchmark(
        part["value"], part["lower95"], part["upper95"], benchmark, indicator.polarity,
        part["lower998"], part["upper998"], levels=len(indicator.benchmark_levels),
        is_benchmark=is_benchmark.to_numpy(),
    )
    return np.asarray(words, dtype=object)
