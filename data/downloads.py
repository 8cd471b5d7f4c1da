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

DOWNLOAD_COLUMNS = [*FINGERTIPS_COLUMNS, "Unit", "Source"]
COMPUTED_HERE = "Computed by this dashboard from the loaded extracts"
# Where the store records each value's origin, its column of that name is used as it is.
SOURCE_COLUMNS = ("source", "provenance")


def source_of(values: pd.DataFrame) -> pd.Series | str:
    """Each row's Source: the store's own record of it where one exists, else COMPUTED_HERE."""
    for column in SOURCE_COLUMNS:
        if column in values.columns:
            return values[column].where(values[column].notna() & (values[column] != ""),
                                        COMPUTED_HERE)
    return COMPUTED_HERE


def indicator_download(engine: Engine, indicator_id: str, area_codes: Sequence[str],
                       periods: Sequence[str] | None = None,
                       category_type: str | None = None) -> pd.DataFrame:
    """Stored values of one indicator for the areas (and periods, and breakdown: None for
    every one, "" for the whole population) in DOWNLOAD_COLUMNS."""
    indicator = get_indicator(indicator_id)
    values = queries.indicator_values(engine, indicator_id, list(area_codes), category_type)
    if periods is not None:
        values = values[values["period_label"].isin(list(periods))]
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
