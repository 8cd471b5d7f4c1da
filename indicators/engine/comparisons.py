"""Compared to England, to the area's region, and to the goal (Fingertips' words).

The benchmark is the England (or region) row of the same indicator, period and category:
a quintile is compared with the same quintile nationally. England is never compared with
itself; England and regions are not compared with a region ("Not compared").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator
from indicators.engine.geography import AreaTree
from indicators.names import (
    AREA_CODE,
    CATEGORY,
    CATEGORY_TYPE,
    CI_COLUMNS,
    ENGLAND,
    INDICATOR_ID,
    LOWER95,
    LOWER998,
    PERIOD_LABEL,
    UPPER95,
    UPPER998,
    VALUE,
)
from indicators.stats.compare import NOT_COMPARED, compare_with_benchmark, compare_with_goal

MATCH = [INDICATOR_ID, PERIOD_LABEL, CATEGORY_TYPE, CATEGORY]


def add_comparisons(values: pd.DataFrame, indicators: dict[str, Indicator],
                    tree: AreaTree) -> pd.DataFrame:
    """compared_england, compared_region and compared_goal for every row."""
    england_value = _benchmark_values(values, pd.Series(ENGLAND, index=values.index))
    region_value = _benchmark_values(values, values[AREA_CODE].map(tree.region))
    area_type = values[AREA_CODE].map(tree.area_type)
    needed = values[[AREA_CODE, *CI_COLUMNS]]
    england = np.full(len(values), NOT_COMPARED, dtype=object)
    region = np.full(len(values), NOT_COMPARED, dtype=object)
    goal = np.full(len(values), None, dtype=object)
    for indicator_id, positions in values.groupby(INDICATOR_ID, sort=False).indices.items():
        indicator = indicators[indicator_id]
        part = needed.iloc[positions]
        if indicator.benchmark_levels:
            england[positions] = _compare(part, england_value.iloc[positions], indicator,
                                          is_benchmark=part[AREA_CODE].eq(ENGLAND))
            region[positions] = _compare(part, region_value.iloc[positions], indicator,
                                         is_benchmark=area_type.iloc[positions].isin(["england", "region"]))
        if indicator.target is not None:
            goal[positions] = np.asarray(compare_with_goal(
                part[VALUE], part[LOWER95], part[UPPER95], indicator.target.value,
                indicator.polarity), dtype=object)
    # one assignment per column: writing a string column group by group is slow
    return values.assign(compared_england=england, compared_region=region, compared_goal=goal)


def _benchmark_values(values: pd.DataFrame, benchmark_code: pd.Series) -> pd.Series:
    """The benchmark area's value for each row (NaN where it has none)."""
    lookup = values.set_index([AREA_CODE, *MATCH])[VALUE]
    lookup = lookup[~lookup.index.duplicated()]
    keys = pd.MultiIndex.from_arrays([benchmark_code.to_numpy(),
                                      *(values[c].to_numpy() for c in MATCH)])
    return pd.Series(lookup.reindex(keys).to_numpy(dtype="float64"), index=values.index)


def _compare(part: pd.DataFrame, benchmark: pd.Series, indicator: Indicator,
             is_benchmark: pd.Series) -> np.ndarray:
    words = compare_with_benchmark(
        part[VALUE], part[LOWER95], part[UPPER95], benchmark, indicator.polarity,
        part[LOWER998], part[UPPER998], levels=len(indicator.benchmark_levels),
        is_benchmark=is_benchmark.to_numpy(),
    )
    return np.asarray(words, dtype=object)
