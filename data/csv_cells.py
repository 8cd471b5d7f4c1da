"""Text cells a spreadsheet would run as a formula, made inert for a CSV download."""

from __future__ import annotations

import pandas as pd

# OWASP "CSV injection": a cell starting with one of these is read as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells that start like a formula begin with an
    apostrophe (shown as text by Excel, LibreOffice and Sheets); numbers are left alone."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v)
    return out
