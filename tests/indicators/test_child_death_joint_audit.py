"""The joint disclosure audit of child death review outputs, and the suppression it checks.

Every child death number a reader can see - the indicator engine's rows for each area and
its aggregate, the page's tables and counts for each financial year - is audited at once
by linear programming. The hand-built cases show leaks that the one-table-at-a-time
suppression left (the audit recovers the real hidden count) and that the joint rules
close; hypothesis then searches record sets for any other leak.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators import engine
from indicators.catalogue import DEATH_CATEGORIES
from indicators.disclosure.across import (
    protect_child_death_values,
    review_counts_shown,
    sudi_partners,
    sudi_partners_open_total,
    suppress_notified_and_reviewed,
    suppress_tables,
)
from indicators.disclosure.page_tables import (
    NOTIFIED,
    UNDECIDED,
    child_death_tables,
    notified_and_reviewed,
    review_periods,
)
from indicators.disclosure.records import FACTOR_WORDS, infant_records
from indicators.disclosure.tables import TOTAL, with_margins
from indicators.disclosure.verify import feasible_ranges, recoverable_cells, unprotected
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

@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=4), min_size=1, max_size=3)
       .filter(lambda rows: len({len(r) for r in rows}) == 1), st.data())
def test_joint_ranges_agree_with_the_one_table_audit(rows, data):
    counts = pd.DataFrame(rows) if len(rows) > 1 else pd.Series(rows[0])
    full = with_margins(counts)
    grid = np.atleast_2d(full.to_numpy(dtype=float))
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=grid.size, max_size=grid.size)),
                    dtype=bool).reshape(grid.shape)
    lower = data.draw(st.sampled_from([0, 1]))
    truth = np.atleast_2d(counts.to_numpy(dtype=float))
    n_rows, n_cols = truth.shape

    def row_of(i: int, j: int) -> np.ndarray:  # any grid cell as a sum of interior cells
        cell = np.zeros(truth.shape)
        rows_ = range(n_rows) if i == grid.shape[0] - 1 and grid.shape[0] > 1 else [i]
        cols = range(n_cols) if j == n_cols else [j]
        for r in rows_:
            for c in cols:
                cell[r, c] = 1
        return cell.ravel()

    cells = [(i, j) for i in range(grid.shape[0]) for j in range(grid.shape[1])]
    shown = [c for c in cells if not mask[c]]
    hidden = [c for c in cells if mask[c]]
    if not hidden or any(grid[c] < lower for c in hidden):
        return
    low, high = feasible_ranges(np.array([row_of(*c) for c in shown]).reshape(-1, truth.size),
                                [grid[c] for c in shown], np.array([row_of(*c) for c in hidden]),
                                [lower] * len(hidden))
    joint = {c for c, bad in zip(hidden, unprotected(low, high), strict=True) if bad}
    assert joint == set(recoverable_cells(full, mask.reshape(np.shape(full)), lower))


# --- leaks the one-table suppression left, closed by the joint rules -------------------

def sudi_case() -> pd.DataFrame:
    # 2023/24: 10 perinatal, 6 infection and 2 SUDI reviews (the 2 hidden, the 6 with it);
    # 2024/25: 10 perinatal and 6 SUDI. All eight SUDI deaths happened in 2023.
    return many([(10, {}), (6, {"category": 9}),
                 (2, {"category": 10, "died": "2023-03-01", "closed": "2023-07-01"}),
                 (10, {"died": "2023-05-01", "closed": "2024-06-01"}),
                 (6, {"category": 10, "died": "2023-05-01", "closed": "2024-07-01"})])


def test_sudi_by_year_of_death_gave_away_a_category_count_of_another_year():
    cdop = sudi_case()
    old = exposed(audit(cdop, engine_rows(cdop, joint=False)))
    # 8 SUDI deaths in 2023 (shown) minus the 6 shown for 2024/25: the hidden 2 of 2023/24
    sudi = old[(old["category"] == CAT[10]) & (old["period"] == "2023/24")]
    assert set(sudi["source"]) == {"engine", "page"}
    assert (sudi["low"] == sudi["high"]).all() and (sudi["low"] == 2).all()
    assert (sudi["value"] == 2).all()  # what the reader works out is the real count
    new_values = engine_rows(cdop)
    assert exposed(audit(cdop, new_values)).empty
    sudi_rows = new_values[new_values["indicator_id"] == "cdop_sudi_rate"].set_index(
        "period_label")
    # the 8 deaths of 2023 are hidden (a partner for the hidden category-10 count); the
    # years without a SUDI death still show their zero
    assert sudi_rows["count"].isna().to_dict() == {"2023": True}
    assert np.isnan(sudi_rows.loc["2023", "value"])


def test_a_county_summed_from_districts_gave_away_a_district_count():
    # Burnley: 2 SUDI and 6 infection reviews hidden; Chorley: 6 SUDI and 2 infection.
    # Lancashire (their sum, 8 and 8) showed both: 8 - 6 = Burnley's 2.
    cdop = many([(10, {"area": BURNLEY}), (2, {"area": BURNLEY, "category": 10}),
                 (6, {"area": BURNLEY, "category": 9}),
                 (10, {"area": CHORLEY}), (6, {"area": CHORLEY, "category": 10}),
                 (2, {"area": CHORLEY, "category": 9})])
    old = exposed(audit(cdop, engine_rows(cdop, joint=False)))
    burnley = old[(old["area"] == BURNLEY) & (old["category"] == CAT[10])]
    assert not burnley.empty and (burnley["low"] == burnley["high"]).all()
    assert (burnley["high"] == burnley["value"]).all() and (burnley["value"] == 2).all()
    new_values = engine_rows(cdop)
    assert exposed(audit(cdop, new_values)).empty
    county = new_values[(new_values["area_code"] == LANCASHIRE)
                        & (new_values["indicator_id"] == "cdop_infant_deaths_by_category")]
    assert county.set_index("category")["count"][[CAT[9], CAT[10]]].isna().all()
    assert county.set_index("category")["count"][CAT[8]] == 20  # both districts show theirs


def test_the_notified_count_bounded_hidden_review_totals_from_above():
    # Five deaths notified in 2021/22 (shown). Their reviews: 1 in 2021/22, 2 in 2022/23 and
    # 2 in 2023/24, each in its own category, so every review total is hidden - but the
    # tables show each is at least 1, 2 and 2, and all five were notified by then: 1, 2, 2.
    cdop = many([(1, {"category": 10, "closed": "2022-01-10"}),
                 (1, {"category": 5, "closed": "2022-06-10"}),
                 (1, {"category": 9, "closed": "2022-07-10"}),
                 (1, {"category": 7, "closed": "2023-06-10"}),
                 (1, {"category": 1, "closed": "2023-07-10"})]).assign(
        date_of_death="2021-05-01", notified_date="2021-05-02")
    records = infant_records(cdop)
    values = engine_rows(cdop)
    old_pages = [PageOutput(p.area, p.period, p.tables, suppress_notified_and_reviewed(
                     notified_and_reviewed(records, p.period), K,
                     bool(p.tables[0].hidden[TOTAL])))
                 for p in page_outputs(records)]
    assert [p.counts[NOTIFIED] for p in old_pages] == [5, 0, 0]
    old = exposed(audit(cdop, values, old_pages))
    reviews = old[(old["name"] == "cdop_infant_reviews")].set_index("period")
    assert reviews["low"].to_dict() == reviews["high"].to_dict() == {
        "2021/22": 1, "2022/23": 2, "2023/24": 2}
    assert (reviews["value"] == reviews["low"]).all()
    new_pages = page_outputs(records)
    assert np.isnan(new_pages[0].counts[NOTIFIED])
    assert [p.counts[NOTIFIED] for p in new_pages[1:]] == [0, 0]
    assert exposed(audit(cdop, values, new_pages)).empty


def test_the_page_counts_modifiable_factors_in_the_engines_partition():
    # 6 yes, 9 no, 2 insufficient information, 7 not recorded. Split four ways, the page
    # hid "Yes" (the smallest partner) beside the 2 while the engine's yes/no/rest table
    # (rest = 9) hid nothing and showed yes = 6, so 24 - 6 - 9 - 7 = 2. The page now
    # counts the engine's three cells, and hides exactly what the engine hides.
    cdop = many([(6, {"modifiable": "Y"}), (9, {"modifiable": "N"}),
                 (2, {"modifiable": "Insufficient information"}), (7, {"modifiable": None})])
    values = engine_rows(cdop)
    pages = page_outputs(infant_records(cdop))
    year = next(p for p in pages if p.period == "2023/24")
    modifiable = next(p for p in year.tables if p.key == "modifiable")
    assert modifiable.shown.to_dict() == {"Yes": 6, "No": 9, UNDECIDED: 9, TOTAL: 24}
    share = values[(values["indicator_id"] == "cdop_infant_modifiable")
                   & (values["period_label"] == "2023/24")].iloc[0]
    assert (share["count"], share["denominator"]) == (6, 15)
    assert exposed(audit(cdop, values, pages)).empty
    without_blanks = many([(6, {"modifiable": "Y"}), (9, {"modifiable": "N"}),
                           (2, {"modifiable": "Insufficient information"})])
    table = child_death_tables(infant_records(without_blanks), "2023/24")[1]
    assert table.counts.to_dict() == {"Yes": 6, "No": 9, "Insufficient information": 2}


# --- the SUDI partner rule on its own ---------------------------------------------------

@pytest.mark.parametrize(("counts", "hidden"), [
    ([0, 6, 9], [False, True, False]),  # a partner even with nothing small
    ([2, 6, 9], [True, False, False]),  # 2 hidden: more than 1, so it hides enough
    ([1, 0, 9], [True, False, True]),  # a lone 1 would be pinned: 9 joins it
    ([1, 1, 0], [True, True, True]),  # only 1s: every count, zeros too
])
def test_sudi_partners_when_a_category_10_count_is_hidden(counts, hidden):
    true = np.array(counts, dtype=float)
    assert sudi_partners_open_total(true, np.zeros(3, bool), K).tolist() == hidden


@pytest.mark.parametrize(("counts", "total", "hidden"), [
    ([0, 6, 9], 15, [False, False, False]),  # nothing small
    ([2, 6, 9], 17, [True, True, False]),  # one small: the smallest other count joins it
    ([1, 1, 9], 11, [True, True, True]),  # two 1s: both 1 for sure, so 9 joins them
    ([3, 0, 0], 3, [True, True, True]),  # no partner left: all, zeros too
    ([np.nan, 6, 9], 17, [True, True, False]),  # already hidden: the same answer again
])
def test_sudi_partners(counts, total, hidden):
    assert sudi_partners(np.array(counts, dtype=float), total, K).tolist() == hidden


def test_the_joint_rules_are_idempotent_and_leave_other_indicators_alone():
    cdop = sudi_case()
    once = engine_rows(cdop)
    pd.testing.assert_frame_equal(protect_child_death_values(once, K, PARENTS, cdop), once)
    before = engine_rows(cdop, joint=False)
    others = ~before["indicator_id"].str.startswith("cdop_")
    pd.testing.assert_frame_equal(once[others], before[others])


# --- hypothesis: any record set, every output, audited together -------------------------

AREA_CODES = [BLACKBURN, BURNLEY, CHORLEY]
START = date(2021, 1, 1)


@st.composite
def record_sets(draw) -> pd.DataFrame:
    n = draw(st.integers(0, 30))
    rows = []
    for i in range(n):
        died = START + timedelta(days=draw(st.integers(0, 3 * 365)))
        notified = died + timedelta(days=draw(st.integers(0, 40)))
        closed = notified + timedelta(days=draw(st.integers(0, 800)))
        rows.append(record(
            i, draw(st.sampled_from(AREA_CODES)), died=died.isoformat(),
            closed=None if closed > date(2024, 3, 31) else closed.isoformat(),
            category=draw(st.sampled_from([8, 8, 8, 7, 7, 10, 10, 9, 1, 5])),
            modifiable=draw(st.sampled_from(["Y", "N", "N", "Insufficient information", None])),
            notified_date=notified.isoformat(),
            age_at_death_days=draw(st.sampled_from([0, 3, 20, 40, 200, 364, 800])),
            imd_quintile=draw(st.sampled_from([1, 1, 2, 5, None])),
            ethnic_group=draw(st.sampled_from(["White", "White", "Mixed", ""])),
            expected=draw(st.sampled_from(["Y", "N"])),
            factor_smoking=draw(st.sampled_from(["Y", "N", ""])),
            factor_co_sleeping=draw(st.sampled_from(["Y", "N", "N"])),
        ))
    return pd.DataFrame(rows, columns=list(record(0)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_sets(), st.sampled_from([2, 4]))
def test_no_hidden_count_can_be_worked_out_from_all_outputs_together(cdop, k):
    if infant_records(cdop).empty:
        return
    result = audit(cdop, engine_rows(cdop, k), k=k)
    assert exposed(result).empty, exposed(result).to_string()
