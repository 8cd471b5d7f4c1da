"""The engine's working frame: counts per indicator, area, period and category.

Every family module turns its raw table into rows of `COUNT_COLUMNS`; the rest of the
engine (aggregation, pooling, values, comparisons, trends) works on that one shape.
`dq_count`/`dq_denominator` carry a data-quality share (e.g. smoking status not known
out of all maternities) so that it can be summed up the geography like the counts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from indicators.names import (
    AREA_CODE,
    CATEGORY,
    CATEGORY_TYPE,
    COUNT,
    DENOMINATOR,
    INDICATOR_ID,
    PERIOD_LABEL,
    VALUE_NOTE,
)

KEY_COLUMNS = [INDICATOR_ID, AREA_CODE, PERIOD_LABEL, CATEGORY_TYPE, CATEGORY]
COUNT_COLUMNS = [
    *KEY_COLUMNS, COUNT, DENOMINATOR, "dq_count", "dq_denominator", VALUE_NOTE,
]
SUM_COLUMNS = [COUNT, DENOMINATOR, "dq_count", "dq_denominator"]


def empty_counts() -> pd.DataFrame:
    """A counts frame with no rows and the right dtypes."""
    frame = pd.DataFrame({column: pd.Series(dtype="object") for column in COUNT_COLUMNS})
    frame[SUM_COLUMNS] = frame[SUM_COLUMNS].astype("float64")
    return frame


def require_columns(frame: pd.DataFrame, table: str, columns: Sequence[str]) -> None:
    """Raise a clear error naming the raw table and the columns it lacks."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"raw table '{table}' lacks column(s) {missing}; it has "
                         f"{list(frame.columns)}")


def numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    """A count column as float64 with NaN for missing; a clear error for non-numbers."""
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna() & frame[column].notna()
    if bad.any():
        row = bad.idxmax()
        raise ValueError(f"column '{column}' must hold numbers; found {frame[column][row]!r} "
                         f"at row index {row!r}")
    return values.astype("float64")


def missing_notes(frame: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """Why a value cannot be calculated: the source's own note where it names a column,
    otherwise "<column> not available in source"; None where all columns are present.
    """
    source_notes = (frame[VALUE_NOTE].fillna("").astype(str)
                    if VALUE_NOTE in frame.columns else pd.Series("", index=frame.index))
    joined = pd.Series("", index=frame.index, dtype="object")
    for column in columns:
        absent = frame[column].isna()
        if not absent.any():
            continue
        own = source_notes[absent].map(lambda note, c=column: _fragment_naming(note, c))
        piece = own.where(own != "", f"{column} not available in source")
        earlier = joined[absent]
        # one source note may name several columns: say it once
        repeated = pd.Series([p in e for p, e in zip(piece, earlier, strict=True)],
                             index=earlier.index, dtype=bool)
        piece = piece.where(~repeated, "")
        joined[absent] = earlier.where((earlier == "") | (piece == ""), earlier + "; ") + piece
    return joined.where(joined != "", None)


def _fragment_naming(note: str, column: str) -> str:
    return "; ".join(part.strip() for part in note.split(";") if column in part)


def build_counts(
    frame: pd.DataFrame,
    indicator_id: str,
    period_labels: pd.Series,
    numerator: Sequence[str],
    denominator: Sequence[str],
    *,
    dq: tuple[Sequence[str], Sequence[str]] | None = None,
    category_type: str = "",
    category: pd.Series | str = "",
) -> pd.DataFrame:
    """Counts rows for one indicator from a raw frame whose columns are already numeric.

    The count is the sum of the `numerator` columns and the denominator the sum of the
    `denominator` columns (e.g. stillbirths / (live births + stillbirths)). A missing
    component makes both missing, with a note: a partial sum would look like a real
    number but be wrong.
    """
    needed = list(dict.fromkeys([*numerator, *denominator]))
    count = frame[list(numerator)].sum(axis=1, min_count=len(numerator))
    denom = frame[list(denominator)].sum(axis=1, min_count=len(denominator))
    any_missing = frame[needed].isna().any(axis=1)
    count = count.where(~any_missing)
    denom = denom.where(~any_missing)
    notes = missing_notes(frame, needed)
    out = pd.DataFrame({
        INDICATOR_ID: indicator_id,
        AREA_CODE: frame[AREA_CODE].astype(str),
        PERIOD_LABEL: period_labels,
        CATEGORY_TYPE: category_type,
        CATEGORY: category,
        COUNT: count.astype("float64"),
        DENOMINATOR: denom.astype("float64"),
        "dq_count": np.nan,
        "dq_denominator": np.nan,
        VALUE_NOTE: notes,
    }, index=frame.index)
    if dq is not None:
        dq_num, dq_den = dq
        out["dq_count"] = frame[list(dq_num)].sum(axis=1, min_count=len(dq_num))
        out["dq_denominator"] = frame[list(dq_den)].sum(axis=1, min_count=len(dq_den))
    return out[COUNT_COLUMNS].reset_index(drop=True)
