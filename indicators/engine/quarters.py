"""Financial-year periods of quarterly returns: labels, and years summed from their quarters."""

from __future__ import annotations

import pandas as pd

from indicators.engine.frames import COUNT_COLUMNS, KEY_COLUMNS, SUM_COLUMNS
from indicators.names import COUNT, DENOMINATOR, PERIOD, VALUE_NOTE
from indicators.periods import financial_year_label, parse_period

FROM_QUARTERS_NOTE = "Financial year summed from its four quarters"


def period_kinds(frame: pd.DataFrame, table: str, column: str = PERIOD) -> pd.DataFrame:
    """Canonical label and kind ("financial" or "quarter") of each row's period.

    Raises a clear error naming the table, row and label for anything else.
    """
    parsed = {}
    for label in frame[column].dropna().unique():
        try:
            parsed[label] = parse_period(label)
        except ValueError as err:
            raise ValueError(f"raw table '{table}': {err}") from None
    missing = frame[column].isna()
    if missing.any():
        raise ValueError(f"raw table '{table}': blank period at row index {missing.idxmax()!r}")
    kinds = frame[column].map({label: p.kind for label, p in parsed.items()})
    wrong = ~kinds.isin(["financial", "quarter"])
    if wrong.any():
        row = wrong.idxmax()
        raise ValueError(f"raw table '{table}': period {frame[column][row]!r} at row index "
                         f"{row!r} is not a financial year (2023/24) or quarter (2023/24 Q1)")
    return pd.DataFrame({
        "label": frame[column].map({label: p.label for label, p in parsed.items()}),
        "kind": kinds,
        # a quarter's financial year: sortable files Q4 under the year's start
        "year_label": frame[column].map({label: financial_year_label(p.sortable // 10000)
                                         for label, p in parsed.items()}),
    }, index=frame.index)


def years_from_quarters(quarterly: pd.DataFrame, annual: pd.DataFrame, annual_id: str,
                        year_of: pd.Series) -> pd.DataFrame:
    """Annual counts rows for areas and years that have all four quarters but no annual row.

    quarterly: counts rows of the quarterly indicator; `year_of` gives each row's financial
    year label. A quarter with a missing count makes the year missing, with a note.
    """
    if quarterly.empty:
        return quarterly.iloc[0:0]
    frame = quarterly.assign(period_label=year_of.loc[quarterly.index], indicator_id=annual_id)
    known = frame[COUNT].notna() & frame[DENOMINATOR].notna()
    grouped = frame.assign(_known=known).groupby(KEY_COLUMNS, sort=False)
    years = grouped[SUM_COLUMNS].sum(min_count=1)
    years["_n"] = grouped.size()
    years["_known"] = grouped["_known"].all()
    years = years[years["_n"] == 4].reset_index()
    years[VALUE_NOTE] = FROM_QUARTERS_NOTE
    unknown = ~years["_known"]
    years.loc[unknown, [COUNT, DENOMINATOR]] = float("nan")
    years.loc[unknown, VALUE_NOTE] = "Not calculated: a quarter's count is missing"
    supplied = pd.MultiIndex.from_frame(annual[KEY_COLUMNS]) if not annual.empty else None
    if supplied is not None:
        years = years[~pd.MultiIndex.from_frame(years[KEY_COLUMNS]).isin(supplied)]
    return years[COUNT_COLUMNS].reset_index(drop=True)
