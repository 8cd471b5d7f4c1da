"""The one layout of every page's indicator-data CSV: Fingertips' 26 columns, then Unit and
Source.

Rows the store holds come out as `data export --format fingertips` writes them; rows
the dashboard derives (e.g. the slope index of inequality, review-table counts) use the
same columns, blank where Fingertips has nothing to say. Numbers stay unrounded and
whole numbers are written without ".0" (`data.export.csv_text`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine

from data import queries
from data.export import FINGERTIPS_COLUMNS, as_text, fingertips_frame
from indicators.catalogue import get_indicator
from indicators.names import PERIOD_LABEL
from indicators.source_words import SOURCE_FIELDS, source_words, with_source

DOWNLOAD_COLUMNS = [*FINGERTIPS_COLUMNS, "Unit", "Source"]
# The words of indicators.source_words for a value worked out here with no file named.
COMPUTED_HERE = source_words("computed", None, None, None)


def source_of(values: pd.DataFrame) -> pd.Series | str:
    """Each row's Source in the words the screens use (indicators.source_words): a `source`
    column already made is kept, else the store's provenance fields are put in words;
    COMPUTED_HERE where neither says anything."""
    if "source" not in values.columns and not set(SOURCE_FIELDS) & set(values.columns):
        return COMPUTED_HERE
    if "source" not in values.columns:
        values = with_source(values)
    return values["source"].where(values["source"].notna() & (values["source"] != ""),
                                  COMPUTED_HERE)


def indicator_download(engine: Engine, indicator_id: str, area_codes: Sequence[str],
                       periods: Sequence[str] | None = None,
                       category_type: str | None = None) -> pd.DataFrame:
    """Stored values of one indicator for the areas (and periods, and breakdown: None for
    every one, "" for the whole population) in DOWNLOAD_COLUMNS."""
    indicator = get_indicator(indicator_id)
    values = queries.indicator_values(engine, indicator_id, list(area_codes), category_type)
    if periods is not None:
        values = values[values[PERIOD_LABEL].isin(list(periods))]
    frame = fingertips_frame(values, queries.areas(engine), indicator,
                             extra_columns={"Unit": indicator.unit, "Source": source_of(values)})
    return frame[DOWNLOAD_COLUMNS]


def derived_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows the dashboard works out itself, in DOWNLOAD_COLUMNS: `rows` carries any of the
    download's column names (missing ones are left blank); Source defaults to
    COMPUTED_HERE."""
    frame = rows.reindex(columns=DOWNLOAD_COLUMNS)
    frame["Source"] = frame["Source"].fillna(COMPUTED_HERE)
    return as_text(frame)


def combined(*frames: pd.DataFrame) -> pd.DataFrame:
    """Download frames one after another, in DOWNLOAD_COLUMNS."""
    parts = [f[DOWNLOAD_COLUMNS] for f in frames if f is not None and not f.empty]
    if not parts:
        return pd.DataFrame(columns=DOWNLOAD_COLUMNS)
    return pd.concat(parts, ignore_index=True)
