"""CSV downloads a spreadsheet opens safely: text cells that it would run as a formula."""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell starting like a formula (=, +, -, @, tab, carriage
    return) is preceded by an apostrophe, as OWASP's CSV injection guidance advises;
    numbers are left as they are (a negative number is a number, not a formula)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v)
    return out
