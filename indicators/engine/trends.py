"""The recent trend on the latest point of each area's series (Fingertips' rule).

Single-period series (years, financial years, quarters) are tested on their own values.
Pooled series follow `indicators.stats.trend.trend_for_pooled_series`: the test runs on
the annual values behind them (the annual indicator's rows up to the pooled period's last
year), never on the overlapping pooled values, and trend_note says so. Earlier points of
a series carry no trend, as in Fingertips' download.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator
from indicators.engine.trend_batch import INPUTS, batch_recent_trend
from indicators.names import (
    AREA_CODE,
    CATEGORY,
    CATEGORY_TYPE,
    INDICATOR_ID,
    PERIOD_LABEL,
    PERIOD_SORTABLE,
    RECENT_TREND,
)
from indicators.stats.trend import CANNOT, POINTS, POOLED_NOTE, POOLED_REFUSAL

SERIES = [INDICATOR_ID, AREA_CODE, CATEGORY_TYPE, CATEGORY]
TIME = [PERIOD_SORTABLE, PERIOD_LABEL]
COUNT_NOTE = "A trend is not tested for a plain count."
POOLED_CANNOT_SUFFIX = " (annual data behind the pooled periods)"


def add_trends(values: pd.DataFrame, indicators: dict[str, Indicator]) -> pd.DataFrame:
    """recent_trend and trend_note on the latest row of every series; None elsewhere."""
    # only the columns the tests read are sorted and carried, not the whole frame
    ordered = values[[*SERIES, *TIME, "period_end", *INPUTS]].sort_values(
        [*SERIES, *TIME], kind="stable")
    ordered["series"] = ordered.groupby(SERIES, sort=False).ngroup()
    latest = ordered.groupby("series", sort=False).tail(1)
    kind = latest[INDICATOR_ID].map({i: _kind(e) for i, e in indicators.items()})

    polarity = latest.set_index("series")[INDICATOR_ID].map(
        {i: e.polarity for i, e in indicators.items()})
    single = ordered[ordered["series"].isin(latest.loc[kind == "single", "series"])]
    tested = batch_recent_trend(single[["series", *INPUTS]], polarity)
    pooled = _pooled_trends(ordered, latest[kind == "pooled"], indicators, polarity)
    results = pd.concat([tested, pooled])

    labels = latest["series"].map(results["label"])
    notes = latest["series"].map(results["reason"])
    labels[kind == "count"] = CANNOT
    notes[kind == "count"] = COUNT_NOTE
    trend = np.full(len(values), None, dtype=object)
    note = np.full(len(values), None, dtype=object)
    positions = values.index.get_indexer(latest.index)
    trend[positions] = labels.to_numpy(object)
    note[positions] = notes.to_numpy(object)
    return values.assign(recent_trend=trend, trend_note=note)


def _kind(indicator: Indicator) -> str:
    if indicator.value_type == "Count":
        return "count"
    return "pooled" if indicator.pooled_from else "single"


def _pooled_trends(ordered: pd.DataFrame, latest: pd.DataFrame,
                   indicators: dict[str, Indicator], polarity: pd.Series) -> pd.DataFrame:
    """Trend of each pooled series, tested on its annual source up to its last year."""
    if latest.empty:
        return pd.DataFrame(columns=["label", "reason"])
    wanted = latest[["series", AREA_CODE, CATEGORY_TYPE, CATEGORY, "period_end"]].assign(
        source=latest[INDICATOR_ID].map({i: e.pooled_from for i, e in indicators.items()}),
        last_year=latest["period_end"].str[:4])
    annual = ordered[ordered[INDICATOR_ID].isin(wanted["source"].unique())].drop(
        columns="series")
    points = annual.merge(
        wanted.drop(columns="period_end"),
        left_on=[INDICATOR_ID, AREA_CODE, CATEGORY_TYPE, CATEGORY],
        right_on=["source", AREA_CODE, CATEGORY_TYPE, CATEGORY])
    points = points[points["period_end"].str[:4] <= points["last_year"]]
    points = points.sort_values(["series", *TIME], kind="stable")
    tested = (batch_recent_trend(points[["series", *INPUTS]], polarity) if not points.empty
              else pd.DataFrame(columns=["label", "reason"]))
    tested["reason"] = [
        f"{reason}{POOLED_CANNOT_SUFFIX}" if label == CANNOT else POOLED_NOTE.format(
            points=POINTS)
        for label, reason in zip(tested["label"], tested["reason"], strict=True)
    ]
    untested = wanted.loc[~wanted["series"].isin(tested.index), "series"]
    refused = pd.DataFrame({"label": CANNOT, "reason": POOLED_REFUSAL}, index=untested)
    return pd.concat([tested, refused])


def published_trend_fallback(values: pd.DataFrame) -> pd.DataFrame:
    """Published rows whose trend cannot be tested here (no counts or denominators, or a
    pooled series without its annual values) take the trend their publisher wrote."""
    if "published_trend" not in values.columns:
        return values
    take = (values[RECENT_TREND].eq(CANNOT) & values["published_trend"].notna()
            & values["provenance"].eq("published"))
    if not take.any():
        return values
    out = values.copy()
    out.loc[take, RECENT_TREND] = out.loc[take, "published_trend"]
    out.loc[take, "trend_note"] = (PUBLISHED_TREND_NOTE + out.loc[take, "publisher"].fillna(
        "the publisher") + PUBLISHED_TREND_REASON)
    return out


PUBLISHED_TREND_NOTE = "As published by "
PUBLISHED_TREND_REASON = ": the values it rests on are not all held here to test it again"
