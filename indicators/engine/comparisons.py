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
    out = values.copy()
    england_value = _benchmark_values(out, pd.Series(ENGLAND, index=out.index))
    region_code = out["area_code"].map(tree.region)
    region_value = _benchmark_values(out, region_code)
    area_type = out["area_code"].map(tree.area_type)
    out["compared_england"] = NOT_COMPARED
    out["compared_region"] = NOT_COMPARED
    out["compared_goal"] = None
    for indicator_id, rows in out.groupby("indicator_id", sort=False).groups.items():
        indicator = indicators[indicator_id]
        part = out.loc[rows]
        levels = indicator.benchmark_levels
        if levels:
            out.loc[rows, "compared_england"] = _compare(
                part, england_value[rows], indicator, is_benchmark=part["area_code"].eq(ENGLAND))
            out.loc[rows, "compared_region"] = _compare(
                part, region_value[rows], indicator,
                is_benchmark=area_type[rows].isin(["england", "region"]))
        if indicator.target is not None:
            out.loc[rows, "compared_goal"] = compare_with_goal(
                part["value"], part["lower95"], part["upper95"], indicator.target.value,
                indicator.polarity)
    return out


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
