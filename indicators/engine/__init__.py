"""The indicator engine: raw extract tables in, tidy `indicator_value` rows out.

`compute_indicator_values(raw, areas)` is pure (no files, no database) and vectorised over
areas and periods. Its steps, each in its own module:

1. counts per indicator from each raw table (mortality, smoking, breastfeeding, ...);
2. parents without a supplied row summed from their children (geography);
3. pooled periods summed from the annual counts (pooled);
4. values with 95% and 99.8% limits by the catalogue's CI method (values), then
   small-count suppression of child death review rows (suppression), then the
   suppression across tables that the joint audit asks for (child_death_disclosure);
5. period and data-quality columns (assemble);
6. comparisons with England, the region and the goal (comparisons);
7. the recent trend on the latest point of each series (trends).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.catalogue import CATALOGUE, Indicator
from indicators.child_death_disclosure import protect_child_death_values
from indicators.engine.assemble import (
    OUTPUT_COLUMNS,
    add_data_quality,
    add_period_columns,
    finish,
)
from indicators.engine.birthweight import low_birth_weight_counts
from indicators.engine.breastfeeding import breastfeeding_counts
from indicators.engine.child_deaths import cdop_counts
from indicators.engine.comparisons import add_comparisons
from indicators.engine.frames import empty_counts
from indicators.engine.geography import AreaTree, add_parent_aggregates, build_tree
from indicators.engine.mortality import births_deaths_counts, deprivation_counts
from indicators.engine.pooled import pool_years
from indicators.engine.smoking import satod_counts
from indicators.engine.suppression import suppress_child_deaths
from indicators.engine.trends import add_trends
from indicators.engine.values import add_values

# Each family: raw tables -> counts rows for the annual (unpooled) indicators it feeds.
FAMILIES = (births_deaths_counts, deprivation_counts, satod_counts, breastfeeding_counts,
            low_birth_weight_counts, cdop_counts)


def compute_indicator_values(
    raw: Mapping[str, pd.DataFrame], areas: pd.DataFrame, *, small_count_max: int = 4,
) -> pd.DataFrame:
    """Every catalogue indicator for every area, period and category in `raw`.

    raw: raw extract tables keyed by raw table name (`births_deaths`, `satod`, ...);
        absent tables simply give no rows for their indicators.
    areas: `area_code, area_name, area_type, parent_code` for the whole hierarchy.
    small_count_max: child death review counts from 1 to this are suppressed, with
        secondary suppression (Settings.small_count_max).

    Returns one row per indicator, area, period and category with exactly
    `OUTPUT_COLUMNS` (the `indicator_value` columns), sorted deterministically.
    """
    tree = build_tree(areas)
    indicators = {indicator.id: indicator for indicator in CATALOGUE}
    parts = [family(raw) for family in FAMILIES]
    base = pd.concat([p for p in parts if not p.empty] or [empty_counts()], ignore_index=True)
    if base.empty:
        return finish(pd.DataFrame(columns=OUTPUT_COLUMNS), list(CATALOGUE))
    base = _aggregate(base, tree, indicators)
    counts = pd.concat([base, *_pooled_series(base, indicators)], ignore_index=True)
    values = add_values(counts, indicators)
    values = suppress_child_deaths(values, small_count_max)
    values = protect_child_death_values(values, small_count_max, tree.parent, raw.get("cdop"))
    values = add_period_columns(values)
    values = add_data_quality(values, indicators)
    values = add_comparisons(values, indicators, tree)
    values = add_trends(values, indicators)
    return finish(values, list(CATALOGUE))


def _aggregate(base: pd.DataFrame, tree: AreaTree, indicators: dict[str, Indicator]) -> pd.DataFrame:
    """Parents summed from children. Child-death reviews stop at county/UA: an extract
    covers one panel's areas, so a regional or England sum would be a misleading total."""
    counts_only = frozenset(i for i, entry in indicators.items() if entry.ci_method == "none")
    from_reviews = base["indicator_id"].map({i: e.source_table == "cdop" for i, e in indicators.items()})
    national = add_parent_aggregates(base[~from_reviews], tree)
    local = add_parent_aggregates(base[from_reviews], tree, top="county_ua",
                                  without_denominator=counts_only)
    return pd.concat([national, local], ignore_index=True)


def _pooled_series(base: pd.DataFrame, indicators: dict[str, Indicator]) -> list[pd.DataFrame]:
    return [
        pool_years(base[base["indicator_id"] == indicator.pooled_from], indicator.id,
                   indicator.year_range, without_denominator=indicator.ci_method == "none")
        for indicator in indicators.values() if indicator.pooled_from is not None
    ]


# Raise when a statistical method or the engine's rules change: a refresh then recomputes
# every stored indicator value even if no extract changed.
METHODS_VERSION = 3  # 3: recent-trend reasons worded without "(s)"

__all__ = ["METHODS_VERSION", "OUTPUT_COLUMNS", "compute_indicator_values"]
