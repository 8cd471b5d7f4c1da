"""The indicator engine: raw extract tables in, tidy `indicator_value` rows out.

`compute_indicator_values(raw, areas)` is pure (no files, no database) and vectorised over
areas and periods. Its steps, each in its own module:

1. counts per indicator from each raw table (mortality, smoking, breastfeeding, ...);
2. parents without a supplied row summed from their children (geography);
3. pooled periods summed from the annual counts (pooled);
4. values with 95% and 99.8% limits by the catalogue's CI method (values), then
   disclosure control of the child death review rows, table by table and across tables
   (indicators.disclosure);
5. the values shown, by one precedence rule over the area's own counts, published values
   (Fingertips downloads, ONS tables) and complete aggregates of children (provenance);
6. period and data-quality columns (assemble);
7. comparisons with England, the region and the goal, against the blended values
   (comparisons);
8. the recent trend on the latest point of each series, or the published trend where
   the published values cannot be tested (trends).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from indicators.catalogue import CATALOGUE, Indicator
from indicators.disclosure import protect_child_death_values, suppress_child_deaths
from indicators.engine.assemble import (
    OUTPUT_COLUMNS,
    add_data_quality,
    add_period_columns,
    finish,
)
from indicators.engine.birthweight import low_birth_weight_counts
from indicators.engine.booking import booking_counts
from indicators.engine.breastfeeding import breastfeeding_counts
from indicators.engine.child_deaths import cdop_counts
from indicators.engine.comparisons import add_comparisons
from indicators.engine.conceptions import conception_counts
from indicators.engine.frames import KEY_COLUMNS, empty_counts
from indicators.engine.geography import AreaTree, add_parent_aggregates, build_tree
from indicators.engine.mortality import births_deaths_counts, deprivation_counts, ethnicity_counts
from indicators.engine.ons_counts import ons_counts
from indicators.engine.pooled import pool_years
from indicators.engine.provenance import FINGERTIPS, LOCAL, choose, describe
from indicators.engine.published import fingertips_values
from indicators.engine.smoking import satod_counts
from indicators.engine.trends import add_trends, published_trend_fallback
from indicators.engine.values import add_values
from indicators.names import COUNT, DENOMINATOR, INDICATOR_ID

# Each family: raw tables -> counts rows for the annual (unpooled) indicators it feeds.
FAMILIES = (births_deaths_counts, deprivation_counts, satod_counts, breastfeeding_counts,
            low_birth_weight_counts, cdop_counts, booking_counts, conception_counts,
            ethnicity_counts)


@dataclass(frozen=True)
class EngineResult:
    """The values shown (one per indicator, area, period and category, by the precedence
    rule of `indicators.engine.provenance`) and the valued candidates it passed over,
    both with exactly `OUTPUT_COLUMNS` (the superseded rows carry no comparisons)."""

    values: pd.DataFrame
    superseded: pd.DataFrame


def compute_indicator_values(
    raw: Mapping[str, pd.DataFrame], areas: pd.DataFrame, *, small_count_max: int = 4,
) -> pd.DataFrame:
    """Every catalogue indicator for every area, period and category in `raw`.

    raw: raw extract tables keyed by raw table name (`births_deaths`, `satod`, ...,
        and the published `fingertips`, `ons_births_deaths`, `ons_imd_decile`); absent
        tables simply give no rows for their indicators.
    areas: `area_code, area_name, area_type, parent_code` for the whole hierarchy.
    small_count_max: child death review counts from 1 to this are suppressed, with
        secondary suppression (Settings.small_count_max).

    Returns one row per indicator, area, period and category with exactly
    `OUTPUT_COLUMNS` (the `indicator_value` columns), sorted deterministically.
    """
    return compute_blended(raw, areas, small_count_max=small_count_max).values


def compute_blended(
    raw: Mapping[str, pd.DataFrame], areas: pd.DataFrame, *, small_count_max: int = 4,
) -> EngineResult:
    """`compute_indicator_values` together with the candidates the precedence rule did not
    show (a published value where the area's own counts won, and so on)."""
    tree = build_tree(areas)
    indicators = {indicator.id: indicator for indicator in CATALOGUE}
    parts = [family(raw) for family in FAMILIES]
    local = pd.concat([p for p in parts if not p.empty] or [empty_counts()],
                      ignore_index=True).assign(origin=LOCAL)
    ons = ons_counts(raw)
    published = fingertips_values(raw.get(FINGERTIPS), tree.area_type.index)
    empty = finish(pd.DataFrame(columns=OUTPUT_COLUMNS), list(CATALOGUE))
    if local.empty and ons.empty and published.empty:
        return EngineResult(empty, empty.copy())
    base = _prefer_local(local, ons)
    base = _aggregate(base, tree, indicators)
    values = _values(base, indicators, tree, raw, small_count_max)
    candidates = [values]
    if not ons.empty and not local.empty:  # ONS values where local counts won: reconciled
        candidates.append(add_values(pd.concat([ons, *_pooled_series(ons, indicators)],
                                               ignore_index=True), indicators))
    if not published.empty:
        candidates.append(published)
    shown, superseded = (choose(pd.concat(candidates, ignore_index=True))
                         if len(candidates) > 1 else (values, values.iloc[0:0]))
    source_table = {i: e.source_table for i, e in indicators.items()}
    shown = describe(shown, shown[INDICATOR_ID].map(source_table))
    shown = add_period_columns(shown)
    shown = add_data_quality(shown, indicators)
    shown = add_comparisons(shown, indicators, tree)
    shown = published_trend_fallback(add_trends(shown, indicators))
    superseded = describe(superseded, superseded[INDICATOR_ID].map(source_table))
    superseded = add_period_columns(superseded) if not superseded.empty else superseded
    return EngineResult(finish(shown, list(CATALOGUE)), finish(superseded, list(CATALOGUE)))


def _prefer_local(local: pd.DataFrame, ons: pd.DataFrame) -> pd.DataFrame:
    """Counts rows: an area's own local counts over ONS's for the same key, unless the
    local count is missing and ONS's is not."""
    if ons.empty:
        return local
    both = pd.concat([local, ons], ignore_index=True)
    missing = both[COUNT].isna() | both[DENOMINATOR].isna()
    rank = missing.astype(int) * 2 + both["origin"].ne(LOCAL).astype(int)
    both = both.assign(_rank=rank).sort_values("_rank", kind="stable")
    both = both[~both.duplicated(KEY_COLUMNS, keep="first")]
    return both.drop(columns="_rank").sort_index().reset_index(drop=True)


def _values(base: pd.DataFrame, indicators: dict[str, Indicator], tree: AreaTree,
            raw: Mapping[str, pd.DataFrame], small_count_max: int) -> pd.DataFrame:
    counts = pd.concat([base, *_pooled_series(base, indicators)], ignore_index=True)
    values = add_values(counts, indicators)
    values = suppress_child_deaths(values, small_count_max)
    return protect_child_death_values(values, small_count_max, tree.parent, raw.get("cdop"))


def _aggregate(base: pd.DataFrame, tree: AreaTree, indicators: dict[str, Indicator]) -> pd.DataFrame:
    """Parents summed from children. Child-death reviews stop at county/UA: an extract
    covers one panel's areas, so a regional or England sum would be a misleading total."""
    counts_only = frozenset(i for i, entry in indicators.items() if entry.ci_method == "none")
    from_reviews = base[INDICATOR_ID].map({i: e.source_table == "cdop" for i, e in indicators.items()})
    national = add_parent_aggregates(base[~from_reviews], tree)
    local = add_parent_aggregates(base[from_reviews], tree, top="county_ua",
                                  without_denominator=counts_only)
    return pd.concat([national, local], ignore_index=True)


def _pooled_series(base: pd.DataFrame, indicators: dict[str, Indicator]) -> list[pd.DataFrame]:
    return [
        pool_years(base[base[INDICATOR_ID] == indicator.pooled_from], indicator.id,
                   indicator.year_range, without_denominator=indicator.ci_method == "none")
        for indicator in indicators.values() if indicator.pooled_from is not None
    ]


# Raise when a statistical method or the engine's rules change: a refresh then recomputes
# every stored indicator value even if no extract changed.
METHODS_VERSION = 4  # 3: provenance and published values; 4: recent-trend reasons worded without "(s)"

__all__ = ["METHODS_VERSION", "OUTPUT_COLUMNS", "EngineResult", "compute_blended",
           "compute_indicator_values"]
