"""What the compare-areas screen reads: an indicator's periods, the peer areas and their
benchmark for one period, and the funnel plot's limits and significance around that benchmark."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from data.queries.area_chain import region_of
from data.queries.cache import memoised
from data.queries.core import rows_frame
from data.schema import area, indicator_value
from indicators.names import ENGLAND
from indicators.source_words import with_source
from indicators.stats import funnel

BENCHMARKS = ("england", "region")
PEER_TYPE = "county_ua"
PEER_COLUMNS = ["area_code", "area_name", "period_label", "count", "denominator", "value",
                "lower95", "upper95", "lower998", "upper998", "value_note",
                "compared_england", "compared_region", "source"]
_SOURCE_COLUMNS = ["provenance", "publisher", "source_file", "source_date"]


@dataclass(frozen=True)
class PeerSet:
    """The areas ranked together and the area whose value is the benchmark."""

    benchmark_code: str
    codes: tuple[str, ...]
    comparison_column: str  # the stored comparison with that benchmark


@memoised
def indicator_periods(engine: Engine, indicator_id: str) -> list[str]:
    """Whole-population period labels of an indicator, newest first."""
    query = (select(indicator_value.c.period_label, indicator_value.c.period_sortable,
                    indicator_value.c.year_range)
             .where(indicator_value.c.indicator_id == indicator_id,
                    indicator_value.c.category_type == "")
             .distinct())
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [r.period_label for r in sorted(rows, key=lambda r: (r.period_sortable, r.year_range),
                                           reverse=True)]


def peer_set(areas: pd.DataFrame, area_code: str, benchmark: str) -> PeerSet:
    """England: every county/UA area present, against England. Region: the county/UA areas
    of the chosen area's region, against that region (England when the area has no region)."""
    if benchmark not in BENCHMARKS:
        raise ValueError(f"benchmark must be one of {BENCHMARKS}; got {benchmark!r}")
    peers = areas[areas["area_type"] == PEER_TYPE]
    if benchmark == "region":
        region = region_of(areas, area_code)
        if region is not None:
            codes = peers.loc[peers["parent_code"] == region, "area_code"]
            return PeerSet(region, tuple(codes), "compared_region")
    return PeerSet(ENGLAND, tuple(peers["area_code"]), "compared_england")


@memoised
def period_values(engine: Engine, indicator_id: str, period_label: str,
                  area_codes: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """One period's whole-population values for the areas, with their names (PEER_COLUMNS)."""
    columns = [indicator_value.c[c] for c in [*PEER_COLUMNS, *_SOURCE_COLUMNS]
               if c not in ("area_name", "source")]
    query = (select(*columns, area.c.name.label("area_name"))
             .join_from(indicator_value, area, indicator_value.c.area_code == area.c.code)
             .where(indicator_value.c.indicator_id == indicator_id,
                    indicator_value.c.period_label == period_label,
                    indicator_value.c.category_type == "",
                    indicator_value.c.area_code.in_(list(area_codes))))
    with engine.connect() as connection:
        result = connection.execute(query)
        frame = rows_frame(result.all(), result.keys())
    numeric = ["count", "denominator", "value", "lower95", "upper95", "lower998", "upper998"]
    frame[numeric] = frame[numeric].astype("float64")
    return with_source(frame)[PEER_COLUMNS]


def funnel_points(peers: pd.DataFrame, benchmark_value: float, value_type: str,
                  multiplier: float) -> pd.Series:
    """Each peer's funnel significance ("High (0.001)" ... "Not significant") around the
    benchmark's value; missing where it has no count or denominator.

    Method as PHEindicatormethods ``assign_funnel_significance``, but centred on the
    benchmark (England or region) instead of the pooled average of the plotted areas:
    proportions against binomial limits at the area's denominator
    (``funnel.proportion_funnel_significance``); crude rates by whether the benchmark lies
    outside the area's own exact/Byar's 95% and 99.8% limits
    (``funnel.rate_funnel_significance``).
    """
    usable = _usable(peers)
    labels = pd.Series(np.nan, index=peers.index, dtype=object)
    if not usable.any() or pd.isna(benchmark_value):
        return labels
    counts, denominators = peers.loc[usable, "count"], peers.loc[usable, "denominator"]
    significance = (funnel.proportion_funnel_significance if value_type == "Proportion"
                    else funnel.rate_funnel_significance)
    labels[usable] = significance(counts, denominators, average=benchmark_value / multiplier)
    return labels


def funnel_lines(peers: pd.DataFrame, benchmark_value: float, value_type: str,
                 multiplier: float) -> pd.DataFrame:
    """The 95% and 99.8% control limits around the benchmark, long form: level ("95%" or
    "99.8%"), side ("lower"/"upper"), denominator, value (in the indicator's unit).

    ``funnel.proportion_funnel`` and ``funnel.rate_funnel`` centre on sum(numerator) /
    sum(denominator); handing them the counts expected at the benchmark's value over the
    peers' denominators makes that centre the benchmark and keeps their grid of sizes."""
    usable = _usable(peers)
    if not usable.any() or pd.isna(benchmark_value):
        return pd.DataFrame(columns=["level", "side", "denominator", "value"])
    denominators = peers.loc[usable, "denominator"].to_numpy()
    expected = denominators * benchmark_value / multiplier
    proportion = value_type == "Proportion"
    lines = (funnel.proportion_funnel(expected, denominators, multiplier) if proportion
             else funnel.rate_funnel(expected, denominators, multiplier))
    parts = []
    for level, name in (("95%", "2s"), ("99.8%", "3s")):
        for side in ("lower", "upper"):
            if proportion:
                x, y = lines["population"], lines[f"{side}_{name}"]
            else:
                x, y = lines[f"{side}_{name}_population_1_year"], lines[f"{side}_{name}_limit"]
            parts.append(pd.DataFrame({"level": level, "side": side, "denominator": x.to_numpy(),
                                       "value": y.to_numpy()}))
    return pd.concat(parts, ignore_index=True)


def _usable(peers: pd.DataFrame) -> pd.Series:
    return peers["count"].notna() & (peers["denominator"] > 0)
