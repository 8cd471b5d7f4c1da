"""Indicator values in Fingertips' "Download data" CSV layout: its 26 columns, its words.

`fingertips_frame` is pure (DataFrames in, DataFrame out); `write_fingertips_csv` writes
it as Fingertips does: numbers unrounded, missing values blank. The header is the one in
a real Fingertips download (tests read one in place and compare). `export_fingertips`
reads one indicator from the store in that layout (`python -m data export`).
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from data import queries
from data.csv_safety import to_csv
from indicators.catalogue import Indicator, get_indicator
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    AREA_TYPE,
    CATEGORY,
    CATEGORY_TYPE,
    COMPARED_ENGLAND,
    COMPARED_REGION,
    COUNT,
    DENOMINATOR,
    ENGLAND,
    INDICATOR_ID,
    LOWER95,
    LOWER998,
    PARENT_CODE,
    PERIOD_LABEL,
    PERIOD_SORTABLE,
    RECENT_TREND,
    UPPER95,
    UPPER998,
    VALUE,
    VALUE_NOTE,
)
from indicators.stats.compare import GOAL_RAG

FINGERTIPS_COLUMNS = [
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name",
    "Area Type", "Sex", "Age", "Category Type", "Category", "Time period", "Value",
    "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit",
    "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to Region value or percentiles",
    "Time period Sortable", "New data", "Compared to goal",
]

# Area type names as the current Fingertips download writes them (2023 geography).
# Older downloads wrote "Country" and "County & UA"; pass `area_type_words` for those.
AREA_TYPE_WORDS = {
    "england": "England",
    "region": "Region",
    "county_ua": "Counties & UAs (from Apr 2023)",
    "district": "Districts & UAs (from Apr 2023)",
    "icb": "NHS Integrated Care Boards",
    "sub_icb": "NHS Sub Integrated Care Boards",
}
AREA_TYPE_ORDER = list(AREA_TYPE_WORDS)
NEW_DATA = "New data"


def fingertips_frame(values: pd.DataFrame, areas: pd.DataFrame, indicator: Indicator,
                     area_type_words: dict[str, str] | None = None,
                     extra_columns: dict[str, object] | None = None) -> pd.DataFrame:
    """One indicator's stored values as Fingertips' download rows (all text, blank = missing).

    values: indicator_value rows (other indicators' rows are ignored).
    areas: area_code, area_name, area_type, parent_code.
    extra_columns: columns added after Fingertips' own (a scalar, or a Series aligned
    with `values`), e.g. the dashboard's Unit and Source.
    The parent is the area's region (England for regions, none for England), the
    benchmark Fingertips names in "Compared to Region value or percentiles". Rows of the
    indicator's latest period are marked "New data".
    """
    words = area_type_words or AREA_TYPE_WORDS
    rows = values[values[INDICATOR_ID] == indicator.id].copy()
    lookup = areas.set_index(areas[AREA_CODE].astype(str))
    names = lookup[AREA_NAME].astype(str)
    types = lookup[AREA_TYPE]
    display_name = names.where(types != "region", names.map(_region_name))
    parent = _comparison_parent(lookup)

    area_type = rows[AREA_CODE].map(types)
    parent_code = rows[AREA_CODE].map(parent)
    latest = rows[PERIOD_SORTABLE].max() if not rows.empty else None
    out = pd.DataFrame({
        "Indicator ID": str(indicator.fingertips_id or indicator.id),
        "Indicator Name": indicator.fingertips_name or indicator.name,
        "Parent Code": parent_code,
        "Parent Name": parent_code.map(display_name),
        "Area Code": rows[AREA_CODE],
        "Area Name": rows[AREA_CODE].map(display_name),
        "Area Type": area_type.map(words),
        "Sex": indicator.sex,
        "Age": indicator.age,
        "Category Type": rows[CATEGORY_TYPE],
        "Category": rows[CATEGORY],
        "Time period": rows[PERIOD_LABEL],
        "Value": rows[VALUE],
        "Lower CI 95.0 limit": rows[LOWER95],
        "Upper CI 95.0 limit": rows[UPPER95],
        "Lower CI 99.8 limit": rows[LOWER998],
        "Upper CI 99.8 limit": rows[UPPER998],
        "Count": rows[COUNT],
        "Denominator": rows[DENOMINATOR],
        "Value note": _value_notes(rows),
        "Recent Trend": rows[RECENT_TREND],
        "Compared to England value or percentiles": rows[COMPARED_ENGLAND],
        "Compared to Region value or percentiles": rows[COMPARED_REGION],
        "Time period Sortable": rows[PERIOD_SORTABLE],
        "New data": np.where(rows[PERIOD_SORTABLE] == latest, NEW_DATA, ""),
        "Compared to goal": rows["compared_goal"].map(GOAL_RAG),
        **(extra_columns or {}),
    }, index=rows.index)
    category_rank = {c: n for n, c in enumerate(["", *indicator.categories])}
    order = pd.DataFrame({
        "period": rows["period_sortable"], "years": rows["year_range"],
        "type": area_type.map({t: n for n, t in enumerate(AREA_TYPE_ORDER)}),
        "code": rows["area_code"], "category": rows["category"].map(category_rank),
    }).sort_values(["period", "years", "type", "code", "category"], kind="stable")
    return as_text(out.loc[order.index].reset_index(drop=True))


def _value_notes(rows: pd.DataFrame) -> pd.Series:
    """The value note, and for a published value the publisher and file it came from: an
    export mixes our computed values with published ones, and must say which is which."""
    notes = rows[VALUE_NOTE].astype("object")
    if "provenance" not in rows.columns:
        return notes
    published = rows["provenance"].eq("published")
    if not published.any():
        return notes
    part = rows[published]
    files = part["source_file"].where(part["source_file"].notna(), None)
    dates = part["source_date"].where(part["source_date"].notna(), None)
    sources = [f"Published by {p or 'a publisher'}" + (f" ({f}" + (f", {d})" if d else ")")
                                                        if f else "")
               for p, f, d in zip(part["publisher"], files, dates, strict=True)]
    given = notes[published]
    notes = notes.copy()
    notes[published] = [f"{s}; {g}" if isinstance(g, str) and g else s
                        for s, g in zip(sources, given, strict=True)]
    return notes


def _region_name(name: str) -> str:
    """Fingertips writes regions as "North West region"."""
    base = name[: -len(" region")] if name.lower().endswith(" region") else name
    return f"{base} region"


def _comparison_parent(areas: pd.DataFrame) -> pd.Series:
    """The region above each area; England for regions; blank for England; otherwise the
    area's own parent (e.g. an ICB's)."""
    types, parents = areas[AREA_TYPE], areas[PARENT_CODE].where(
        areas[PARENT_CODE].notna() & (areas[PARENT_CODE] != ""))
    region = pd.Series(pd.NA, index=areas.index, dtype="object")
    current = parents.copy()
    for _ in range(len(AREA_TYPE_ORDER)):
        found = region.isna() & current.map(types).eq("region")
        region[found] = current[found]
        current = current.map(parents)
    region = region.where(region.notna(), parents)
    region[types == "region"] = ENGLAND
    region[types == "england"] = pd.NA
    return region


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as Fingertips writes it: numbers in full (repr), missing as blank."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_float_dtype(series):
            text = series.map(lambda x: "" if pd.isna(x) else _number(float(x)))
        else:
            text = series.map(lambda x: "" if x is None or (not isinstance(x, str) and pd.isna(x))
                              else str(x))
        out[column] = text.astype("object")
    return out


def _number(x: float) -> str:
    """Whole numbers without ".0" (Fingertips writes counts as 51897), others unrounded."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def write_csv(frame: pd.DataFrame, out: str | Path | IO[str]) -> None:
    """Write any frame as the project's CSV files are written (the command's export and
    every page's download): cells as `as_text` makes them (whole numbers without ".0",
    missing blank), UTF-8, CRLF line ends, fields quoted only when needed, like the
    Fingertips download; text cells a spreadsheet would run as formulas escaped
    (data.csv_safety)."""
    to_csv(as_text(frame), out, lineterminator="\r\n",
                          encoding="utf-8" if not hasattr(out, "write") else None)


def csv_text(frame: pd.DataFrame) -> str:
    """`write_csv` into a string, for a browser download."""
    text = StringIO()
    write_csv(frame, text)
    return text.getvalue()


def write_fingertips_csv(frame: pd.DataFrame, out: str | Path | IO[str]) -> None:
    """Write a `fingertips_frame` as CSV with exactly Fingertips' 26 columns."""
    missing = [c for c in FINGERTIPS_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"not a Fingertips frame: missing columns {missing}")
    write_csv(frame[FINGERTIPS_COLUMNS], out)


def export_fingertips(engine: Engine, key: str) -> pd.DataFrame:
    """One indicator from the store as a Fingertips download; `key` is our indicator id or
    its Fingertips indicator ID; KeyError when unknown."""
    indicator = get_indicator(int(key) if key.isdigit() else key)
    values = queries.indicator_values(engine, indicator.id, category_type=None)
    return fingertips_frame(values, queries.areas(engine), indicator)
