"""Infant mortality by ethnic group for the inequalities page: the area's latest stored
rates by ONS 2021 high-level group (the 3-year pooled series first, as small numbers
need), with England's rate for the same group and period where the store holds it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from data.queries.cache import memoised
from data.queries.core import indicator_values
from indicators.catalogue.model import ETHNIC_GROUPS, ETHNIC_NOT_KNOWN
from indicators.names import AREA_CODE, COMPARED_ENGLAND, ENGLAND, PERIOD_LABEL, VALUE_NOTE

# the pooled series first: one year's deaths in a group are too few to read in most areas
ETHNIC_INDICATORS = ("infant_mortality_ethnic_3yr", "infant_mortality_ethnic")
CATEGORY_TYPE = "Ethnic group"
ORDER = (*ETHNIC_GROUPS, ETHNIC_NOT_KNOWN)
LOW_RELIABILITY_DEATHS = 20  # ONS flags rates from fewer than 20 deaths 'u' (low reliability)
COLUMNS = ["category", "count", "denominator", "value", "lower95", "upper95", VALUE_NOTE,
           COMPARED_ENGLAND, "england_value", "reliability"]


@dataclass(frozen=True)
class EthnicRates:
    indicator_id: str
    period_label: str
    rows: pd.DataFrame  # COLUMNS, one row per group in ONS order


def reliability(count: float) -> str:
    """ONS's words for a rate's footing: none below 3 deaths would be published, and rates
    from 3 to 19 deaths are of low reliability."""
    if pd.isna(count):
        return ""
    if count < 3:
        return "Fewer than 3 deaths: ONS would not publish this rate"
    if count < LOW_RELIABILITY_DEATHS:
        return f"Fewer than {LOW_RELIABILITY_DEATHS} deaths: low reliability"
    return ""


@memoised
def ethnic_rates(engine: Engine, area_code: str) -> EthnicRates | None:
    """The area's rates by ethnic group in the latest period of the first series it has
    (ETHNIC_INDICATORS), with England's value for each group and period; None if none."""
    for indicator_id in ETHNIC_INDICATORS:
        values = indicator_values(engine, indicator_id, [area_code, ENGLAND], CATEGORY_TYPE)
        own = values[values[AREA_CODE] == area_code]
        if own.empty:
            continue
        period = str(own[PERIOD_LABEL].iloc[-1])
        own = own[own[PERIOD_LABEL] == period]
        england = values[(values[AREA_CODE] == ENGLAND) & (values[PERIOD_LABEL] == period)]
        rows = own.merge(england[["category", "value"]].rename(columns={"value": "england_value"}),
                         on="category", how="left")
        if area_code == ENGLAND:
            rows["england_value"] = float("nan")
        rows["reliability"] = rows["count"].map(reliability)
        rank = {group: i for i, group in enumerate(ORDER)}
        rows = rows.assign(_rank=rows["category"].map(rank)).sort_values("_rank")
        return EthnicRates(indicator_id, period, rows[COLUMNS].reset_index(drop=True))
    return None
