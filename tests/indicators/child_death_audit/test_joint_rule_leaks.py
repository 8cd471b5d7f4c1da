"""Leaks the one-table-at-a-time suppression of child death numbers left (the audit
recovers the real hidden count), each closed by the joint rules; and the joint rules'
SUDI partners."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.disclosure.across import (
    protect_child_death_values,
    sudi_partners,
    sudi_partners_open_total,
    suppress_notified_and_reviewed,
)
from indicators.disclosure.page_tables import (
    NOTIFIED,
    UNDECIDED,
    child_death_tables,
    notified_and_reviewed,
)
from indicators.disclosure.records import infant_records
from indicators.disclosure.tables import TOTAL
from indicators.disclosure.verify_outputs import PageOutput
from tests.indicators.child_death_audit.cases import (
    BURNLEY,
    CAT,
    CHORLEY,
    LANCASHIRE,
    PARENTS,
    K,
    audit,
    engine_rows,
    exposed,
    many,
    page_outputs,
    sudi_case,
)


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
