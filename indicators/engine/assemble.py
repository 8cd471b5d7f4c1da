"""Period columns, data-quality columns and the final shape of the indicator_value rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator
from indicators.engine.provenance import PROVENANCE_COLUMNS
from indicators.names import (
    AREA_CODE,
    CATEGORY,
    CATEGORY_TYPE,
    CI_COLUMNS,
    COMPARED_ENGLAND,
    COMPARED_REGION,
    COUNT,
    DENOMINATOR,
    INDICATOR_ID,
    PERIOD_LABEL,
    PERIOD_SORTABLE,
    RECENT_TREND,
    VALUE_NOTE,
)
from indicators.periods import parse_period

OUTPUT_COLUMNS = [
    INDICATOR_ID, AREA_CODE, PERIOD_LABEL, "period_kind", "period_start", "period_end",
    "year_range", PERIOD_SORTABLE, CATEGORY_TYPE, CATEGORY, COUNT, DENOMINATOR,
    *CI_COLUMNS, VALUE_NOTE, "dq_flag", "dq_value",
    COMPARED_ENGLAND, COMPARED_REGION, "compared_goal", RECENT_TREND, "trend_note",
    *PROVENANCE_COLUMNS,
]
TEXT_COLUMNS = [VALUE_NOTE, "dq_flag", COMPARED_ENGLAND, COMPARED_REGION,
                "compared_goal", RECENT_TREND, "trend_note", *PROVENANCE_COLUMNS]


def add_period_columns(values: pd.DataFrame) -> pd.DataFrame:
    """period_kind, ISO start and end dates, year_range and Fingertips' sortable number."""
    periods = {label: parse_period(label) for label in values[PERIOD_LABEL].unique()}
    out = values.copy(deep=False)  # copy-on-write: columns are copied only when changed
    raw_labels = out[PERIOD_LABEL]
    out[PERIOD_LABEL] = raw_labels.map({s: p.label for s, p in periods.items()})
    out["period_kind"] = raw_labels.map({s: p.kind for s, p in periods.items()})
    out["period_start"] = raw_labels.map({s: p.start.isoformat() for s, p in periods.items()})
    out["period_end"] = raw_labels.map({s: p.end.isoformat() for s, p in periods.items()})
    out["year_range"] = raw_labels.map({s: p.year_range for s, p in periods.items()}).astype(
        "int64")
    out[PERIOD_SORTABLE] = raw_labels.map({s: p.sortable for s, p in periods.items()}).astype(
        "int64")
    return out


def add_data_quality(values: pd.DataFrame, indicators: dict[str, Indicator]) -> pd.DataFrame:
    """dq_value (a percentage) and dq_flag for indicators with a data-quality measure.

    dq_flag reads "Named: <measure> 10% or more" or "Flagged: <measure> 5% or more"
    (thresholds from the catalogue), else None.
    """
    out = values.copy(deep=False)  # copy-on-write: columns are copied only when changed
    usable = out["dq_denominator"] > 0
    out["dq_value"] = np.where(usable, out["dq_count"] / out["dq_denominator"].where(usable)
                               * 100, np.nan)
    out["dq_flag"] = None
    for indicator_id, rows in out.groupby(INDICATOR_ID, sort=False).groups.items():
        measure = indicators[indicator_id].dq_measure
        if measure is None:
            out.loc[rows, "dq_value"] = np.nan
            continue
        dq = out.loc[rows, "dq_value"]
        flag = pd.Series(None, index=rows, dtype="object")
        flag[dq >= measure.flag_at] = f"Flagged: {measure.name} {measure.flag_at:g}% or more"
        flag[dq >= measure.name_at] = f"Named: {measure.name} {measure.name_at:g}% or more"
        out.loc[rows, "dq_flag"] = flag
    return out


def finish(values: pd.DataFrame, indicators: list[Indicator]) -> pd.DataFrame:
    """Exactly OUTPUT_COLUMNS, text columns None where empty, in a deterministic order:
    catalogue order of indicators, then area code, category (catalogue order), period."""
    out = values.copy(deep=False)  # copy-on-write: columns are copied only when changed
    for column in OUTPUT_COLUMNS:
        if column not in out.columns:
            out[column] = None
    for column in TEXT_COLUMNS:
        out[column] = out[column].astype("object").where(out[column].notna(), None)
    rank = {indicator.id: position for position, indicator in enumerate(indicators)}
    category_rank = {category: position for indicator in indicators
                     for position, category in enumerate(indicator.categories)}
    out["_rank"] = out[INDICATOR_ID].map(rank)
    out["_category"] = out[CATEGORY].map(category_rank).fillna(-1)
    out = out.sort_values(["_rank", AREA_CODE, CATEGORY_TYPE, "_category", CATEGORY,
                           PERIOD_SORTABLE, "year_range", PERIOD_LABEL], kind="stable")
    return out[OUTPUT_COLUMNS].reset_index(drop=True)
