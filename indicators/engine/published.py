"""Rows of a Fingertips "download data" file as candidate values of catalogue indicators.

A row becomes a value of the catalogue indicator with its Fingertips ID, for its area,
period (as Fingertips writes it: `2015 - 17`, `2023/24`, `2023/24 Q1`), and category
(e.g. a deprivation decile, kept in Fingertips' own words). Value, limits, count,
denominator and note are taken as published, never recomputed; Fingertips' own
comparisons and trend are kept beside them so that a disagreement with ours can be
reported. Rows of IDs the catalogue does not hold stay raw rows only.

Sex and age: an indicator is published for one sex and age band; where a file holds
several (e.g. Male, Female, Persons), the rows of the catalogue's sex and age are kept.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import CATALOGUE, Indicator
from indicators.engine.provenance import FINGERTIPS
from indicators.names import (
    AREA_CODE,
    CATEGORY,
    CATEGORY_TYPE,
    COUNT,
    DENOMINATOR,
    INDICATOR_ID,
    LOWER95,
    LOWER998,
    PERIOD_LABEL,
    RECENT_TREND,
    UPPER95,
    UPPER998,
    VALUE,
    VALUE_NOTE,
)
from indicators.periods import parse_period

COLUMNS = {VALUE: VALUE, "lower_ci_95": LOWER95, "upper_ci_95": UPPER95,
           "lower_ci_998": LOWER998, "upper_ci_998": UPPER998, COUNT: COUNT,
           DENOMINATOR: DENOMINATOR}
PUBLISHED_WORDS = {"compared_to_england": "published_compared_england",
                   "compared_to_region": "published_compared_region",
                   RECENT_TREND: "published_trend"}
BLANK_NOTE = "value blank in source"


def fingertips_values(table: pd.DataFrame | None, known_areas: pd.Index) -> pd.DataFrame:
    """Candidate value rows (origin "fingertips") for the catalogue's Fingertips IDs."""
    by_id = {i.fingertips_id: i for i in CATALOGUE if i.fingertips_id is not None}
    if table is None or table.empty:
        return _empty()
    ids = pd.to_numeric(table[INDICATOR_ID], errors="coerce")
    rows = table[ids.isin(list(by_id)) & table[AREA_CODE].astype(str).isin(known_areas)]
    if rows.empty:
        return _empty()
    ids = ids[rows.index].astype(int)
    parts = [_one_indicator(rows[ids == fid], by_id[fid]) for fid in sorted(ids.unique())]
    return pd.concat(parts, ignore_index=True)


def _one_indicator(rows: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    rows = _matching_sex_and_age(rows, indicator)
    labels = {label: parse_period(str(label)).label for label in rows["time_period"].unique()}
    out = pd.DataFrame({
        INDICATOR_ID: indicator.id,
        AREA_CODE: rows[AREA_CODE].astype(str),
        PERIOD_LABEL: rows["time_period"].map(labels),
        CATEGORY_TYPE: _text(rows[CATEGORY_TYPE]),
        CATEGORY: _text(rows[CATEGORY]),
    }, index=rows.index)
    for source, target in COLUMNS.items():
        out[target] = pd.to_numeric(rows[source], errors="coerce").astype("float64")
    note = rows[VALUE_NOTE].astype("object").where(rows[VALUE_NOTE].notna(), None)
    out[VALUE_NOTE] = note.where(note.notna() | out[VALUE].notna(), BLANK_NOTE)
    for source, target in PUBLISHED_WORDS.items():
        words = rows[source].astype("object")
        out[target] = words.where(words.notna() & (words.astype(str).str.strip() != ""), None)
    out["dq_count"] = np.nan
    out["dq_denominator"] = np.nan
    out["origin"] = FINGERTIPS
    if "load_id" in rows.columns:  # a later load of the same row wins
        out = out.assign(_load=rows["load_id"]).sort_values("_load", kind="stable")
        out = out.drop(columns="_load")
    keys = [AREA_CODE, PERIOD_LABEL, CATEGORY_TYPE, CATEGORY]
    return out[~out.duplicated(keys, keep="last")].reset_index(drop=True)


def _matching_sex_and_age(rows: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    for column, wanted in (("sex", indicator.sex), ("age", indicator.age)):
        text = _text(rows[column]).str.strip().str.lower()
        if text.nunique() > 1:
            match = text == wanted.lower()
            rows = rows[match] if match.any() else rows[text == text.mode().iloc[0]]
    return rows


def _text(series: pd.Series) -> pd.Series:
    return series.astype("object").where(series.notna(), "").astype(str)


def _empty() -> pd.DataFrame:
    columns = [INDICATOR_ID, AREA_CODE, PERIOD_LABEL, CATEGORY_TYPE, CATEGORY,
               *COLUMNS.values(), VALUE_NOTE, *PUBLISHED_WORDS.values(), "dq_count",
               "dq_denominator", "origin"]
    return pd.DataFrame(columns=columns)
