"""Child death review records for the joint disclosure audit tests, and the outputs the
audit reads: the engine's rows and the page's tables, built from the same records."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import engine
from indicators.catalogue import DEATH_CATEGORIES
from indicators.disclosure.across import (
    review_counts_shown,
    suppress_tables,
)
from indicators.disclosure.page_tables import (
    child_death_tables,
    review_periods,
)
from indicators.disclosure.records import FACTOR_WORDS, infant_records
from indicators.disclosure.verify_outputs import PageOutput, audit_child_death_outputs
from indicators.engine import compute_indicator_values
from tests.indicators.engine_fixtures import AREAS

K = 4
PARENTS = dict(zip(AREAS["area_code"], AREAS["parent_code"], strict=True))
BLACKBURN, LANCASHIRE, BURNLEY, CHORLEY = "E06000008", "E10000017", "E07000117", "E07000118"
CAT = DEATH_CATEGORIES


def record(n: int, area: str = BLACKBURN, *, died: str = "2023-02-01",
           closed: str | None = "2023-06-01", category: int = 8, modifiable: str = "N",
           **extra) -> dict:
    row = {"case_id": f"C{n}", "area_code": area, "date_of_death": died,
           "age_at_death_days": 40, "sex": "Female", "ethnic_group": "White",
           "imd_quintile": 1, "category": category, "expected": "N",
           "modifiable_factors": modifiable, "notified_date": died,
           "review_closed_date": closed, **dict.fromkeys(FACTOR_WORDS, "N")}
    row.update(extra)
    return row


def many(groups: list[tuple[int, dict]]) -> pd.DataFrame:
    rows = []
    for count, fields in groups:
        rows += [record(len(rows) + i, **fields) for i in range(count)]
    return pd.DataFrame(rows)


def page_outputs(records: pd.DataFrame, k: int = K) -> list[PageOutput]:
    """What the page shows for every area with records and every year it offers: the calls
    data.queries.child_deaths.suppressed_review_tables makes, with `review_counts_shown`
    for the notified and reviewed counts."""
    pages = []
    for area, own in records.groupby("area_code"):
        for period in review_periods(records):
            published = suppress_tables(child_death_tables(own, period), k)
            pages.append(PageOutput(area, period, published,
                                    review_counts_shown(own, period, k)))
    return pages


def engine_rows(cdop: pd.DataFrame, k: int = K, *, joint: bool = True) -> pd.DataFrame:
    """The engine's rows; with joint=False as they were before the joint rules (the
    engine's last step left out), to show what the old rules gave away."""
    if joint:
        return compute_indicator_values({"cdop": cdop}, AREAS, small_count_max=k)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "protect_child_death_values", lambda values, *_: values)
        return compute_indicator_values({"cdop": cdop}, AREAS, small_count_max=k)


def audit(cdop: pd.DataFrame, values: pd.DataFrame, pages: list[PageOutput] | None = None,
          k: int = K) -> pd.DataFrame:
    records = infant_records(cdop)
    return audit_child_death_outputs(records, values,
                                     page_outputs(records, k) if pages is None else pages,
                                     PARENTS, k)


def exposed(result: pd.DataFrame) -> pd.DataFrame:
    return result[~result["protected"]]


# --- the linear programme agrees with the one-table audit ------------------------------


def sudi_case() -> pd.DataFrame:
    # 2023/24: 10 perinatal, 6 infection and 2 SUDI reviews (the 2 hidden, the 6 with it);
    # 2024/25: 10 perinatal and 6 SUDI. All eight SUDI deaths happened in 2023.
    return many([(10, {}), (6, {"category": 9}),
                 (2, {"category": 10, "died": "2023-03-01", "closed": "2023-07-01"}),
                 (10, {"died": "2023-05-01", "closed": "2024-06-01"}),
                 (6, {"category": 10, "died": "2023-05-01", "closed": "2024-07-01"})])
