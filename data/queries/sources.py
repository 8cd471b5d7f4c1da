"""Where a value comes from, in words the screens, tables and CSV files show."""

from __future__ import annotations

import pandas as pd

SOURCE_FIELDS = ["provenance", "publisher", "source_file", "source_date", "value_note"]


def source_words(provenance: str | None, publisher: str | None, file: str | None,
                 date: str | None, note: str | None = None) -> str:
    """"published by OHID Fingertips, file fingertips_92196.csv of 2025-11-05",
    "computed from births_deaths_2025.csv of 2025-11-05", or "computed: aggregated from
    all lower geography areas"."""
    file = file if isinstance(file, str) and file else None
    when = f" of {date}" if isinstance(date, str) and date else ""
    if provenance == "published":
        return f"published by {publisher or 'a publisher'}" + (
            f", file {file}{when}" if file else when)
    if file:
        return f"computed from {file}{when}"
    if isinstance(note, str) and note.startswith("Aggregated"):
        return "computed: aggregated from all lower geography areas"
    return "computed"


def with_source(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (indicator_value rows) with a `source` column of `source_words`."""
    present = [frame[c] if c in frame.columns else pd.Series(None, index=frame.index)
               for c in SOURCE_FIELDS]
    return frame.assign(source=[source_words(*r) for r in zip(*present, strict=True)])
