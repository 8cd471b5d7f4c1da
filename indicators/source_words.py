"""Where a value comes from, in words the screens, tables and CSV files show.

One wording for every surface: the pages (layouts), the CSV downloads and the
reconciliation report (data) all call `source_words` on a value's stable provenance
fields (provenance key, publisher, source file and date, value note), so it lives
here, below both."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from indicators.names import VALUE_NOTE

# The note every row of the sample's national file carries (data.sample): such rows are
# laid out as a publisher's, but were never published, and must not be called published.
SYNTHETIC_NOTE = "Synthetic sample data, not published figures"
SOURCE_FIELDS = ["provenance", "publisher", "source_file", "source_date", VALUE_NOTE]


def source_words(provenance: str | None, publisher: str | None, file: str | None,
                 date: str | None, note: str | None = None) -> str:
    """"published by OHID Fingertips, file fingertips_92196.csv of 2025-11-05",
    "computed from births_deaths_2025.csv of 2025-11-05", or "computed: aggregated from
    all lower geography areas"; a row of the sample's synthetic national file is "synthetic
    sample data (not published figures), file ... of ..."."""
    file = file if isinstance(file, str) and file else None
    when = f" of {date}" if isinstance(date, str) and date else ""
    if provenance == "published" and isinstance(note, str) and note.startswith(SYNTHETIC_NOTE):
        return "synthetic sample data (not published figures)" + (
            f", file {file}{when}" if file else when)
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


def place_sources(pairs: Iterable[tuple[str, object]]) -> list[str]:
    """One line per distinct source, naming the places whose figures come from it, in order
    of first appearance: [("England", "published by ..."), ("North West", "published by
    ..."), ("Blackpool", "computed from ...")] -> ["England and North West: published by
    ...", "Blackpool: computed from ..."]. Places without a source are left out."""
    places: dict[str, list[str]] = {}
    for place, source in pairs:
        if isinstance(source, str) and source:
            named = places.setdefault(source, [])
            if place not in named:
                named.append(place)
    return [f"{joined(named)}: {source}" for source, named in places.items()]


def joined(words: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
