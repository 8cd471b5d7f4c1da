"""Child death review records for the child deaths page, read from the stored extract rows.

These are record-level rows about individual children: callers aggregate and suppress
them before anything leaves the server.
"""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import Engine, select

from data.queries.cache import memoised
from data.schema import raw_row
from indicators import disclosure

CDOP_SOURCE = "cdop"


@memoised
def cdop_area_codes(engine: Engine) -> list[str]:
    """Codes of the areas that have child death review records, sorted."""
    query = (select(raw_row.c.area_code).where(raw_row.c.source == CDOP_SOURCE)
             .distinct().order_by(raw_row.c.area_code))
    with engine.connect() as connection:
        return [code for code in connection.execute(query).scalars() if code]


def cdop_records(engine: Engine, area_code: str | None = None) -> pd.DataFrame:
    """The stored cdop rows (design §3 columns), of one area or of all; empty if none."""
    query = select(raw_row.c.payload).where(raw_row.c.source == CDOP_SOURCE)
    if area_code is not None:
        query = query.where(raw_row.c.area_code == area_code)
    with engine.connect() as connection:
        payloads = connection.execute(query.order_by(raw_row.c.row_key)).scalars().all()
    return pd.DataFrame.from_records([json.loads(p) for p in payloads])


TABLE_COLUMNS = ["table", "title", "category", "count", "hidden"]


@memoised
def review_years(engine: Engine) -> list[str]:
    """Financial years covered by the stored reviews and notifications, oldest first."""
    raw = cdop_records(engine)
    return [] if raw.empty else disclosure.review_periods(disclosure.infant_records(raw))


@memoised
def published_review_tables(engine: Engine, area_code: str, period: str, k: int) -> pd.DataFrame:
    """The area's infant death review tables for a financial year, safe to show and download.

    Rows of TABLE_COLUMNS, one per cell plus a "Total" row per review table, then the
    notified and reviewed counts; `count` is NaN where `hidden` (counts 1..k and whatever
    would reveal them). The unsuppressed counts never leave this function. Empty when
    the area has no review records at all.
    """
    suppressed = suppressed_review_tables(engine, area_code, period, k)
    if suppressed is None:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return review_frame(*suppressed)


def suppressed_review_tables(engine: Engine, area_code: str, period: str, k: int
                             ) -> tuple[list[disclosure.PublishedTable], pd.Series] | None:
    """The suppressed review tables (which still carry the true counts for audits) and the
    suppressed notified and reviewed counts; None when the area has no records. For
    tests and audits: pages use `published_review_tables`."""
    raw = cdop_records(engine, area_code)
    if raw.empty:
        return None
    records = disclosure.infant_records(raw)
    published = disclosure.suppress_tables(disclosure.child_death_tables(records, period), k)
    counts = disclosure.review_counts_shown(records, period, k)
    return published, counts


def review_frame(published: list[disclosure.PublishedTable], counts: pd.Series) -> pd.DataFrame:
    """Only the published side of the tables, as rows of TABLE_COLUMNS."""
    rows = [(t.key, t.title, category, t.shown[category], bool(t.hidden[category]))
            for t in published for category in t.shown.index]
    rows += [("notified", "Notified and reviewed", category, value, bool(pd.isna(value)))
             for category, value in counts.items()]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)
