"""Child death review tables on hand-made records: what is counted where, and what is hidden."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators.disclosure.across import PublishedTable, suppress_notified_and_reviewed, suppress_tables
from indicators.disclosure.page_tables import (
    NOTIFIED,
    REVIEWED,
    ChildDeathTable,
    child_death_tables,
    notified_and_reviewed,
    review_periods,
)
from indicators.disclosure.records import AGE_BANDS, infant_records
from indicators.disclosure.tables import TOTAL
from indicators.disclosure.verify import can_recover

FACTORS = ["factor_smoking", "factor_co_sleeping", "factor_safeguarding", "factor_alcohol_drugs",
           "factor_domestic_abuse", "factor_maternal_obesity", "factor_consanguinity"]


def record(case: str, *, age: int = 10, died: str = "2023-05-01", notified: str | None = None,
           closed: str | None = "2023-11-01", category: int | None = 8, quintile: float | None = 1,
           ethnic: str | None = "White", expected: str | None = "Y",
           modifiable: str | None = "N", **flags: str) -> dict:
    row = {"case_id": case, "area_code": "E08000003", "date_of_death": died,
           "age_at_death_days": age, "sex": "Female", "ethnic_group": ethnic,
           "imd_quintile": quintile, "birth_weight_grams": 3000, "gestation_weeks": 39,
           "category": category, "expected": expected, "modifiable_factors": modifiable,
           "notified_date": notified or died, "review_closed_date": closed}
    row.update({f: "N" if closed else None for f in FACTORS})
    row.update(flags)
    return row


def tables_of(rows: list[dict], period: str = "2023/24") -> dict[str, pd.Series]:
    records = infant_records(pd.DataFrame(rows))
    return {table.key: table.counts for table in child_death_tables(records, period)}


def test_only_infants_are_counted_and_age_bands_split_at_28_days():
    rows = [record("a", age=0), record("b", age=27), record("c", age=28), record("d", age=364),
            record("e", age=365), record("f", age=4000)]
    counts = tables_of(rows)
    assert counts["age_band"].to_dict() == {AGE_BANDS[0]: 2, AGE_BANDS[1]: 2}
    assert counts["category"].sum() == 4


def test_reviews_are_counted_by_the_financial_year_they_closed():
    rows = [record("a", closed="2023-03-31"), record("b", closed="2023-04-01"),
            record("c", closed="2024-03-31"), record("d", closed="2024-04-01"),
            record("e", closed=None, category=None, modifiable=None)]
    assert tables_of(rows)["category"].sum() == 2
    assert tables_of(rows, "2022/23")["category"].sum() == 1
    assert tables_of(rows, "2024/25")["category"].sum() == 1


def test_breakdowns_count_each_category_in_words():
    rows = [record("a", category=10, modifiable="Y", factor_smoking="Y", expected="N"),
            record("b", category=10, modifiable="Insufficient information", quintile=5),
            record("c", category=7, modifiable="N", quintile=None, ethnic=""),
            record("d", category=1, modifiable="y", factor_safeguarding="Y", ethnic="Mixed")]
    counts = tables_of(rows)
    category = counts["category"]
    assert category["10 - Sudden unexpected, unexplained death"] == 2
    assert category["7 - Chromosomal, genetic and congenital anomalies"] == 1
    assert category["2 - Suicide or deliberate self-inflicted harm"] == 0
    assert len(category) == 10
    assert counts["modifiable"].to_dict() == {"Yes": 2, "No": 1, "Insufficient information": 1}
    assert counts["factor_smoking"].to_dict() == {"Yes": 1, "No": 3, "Not recorded": 0}
    assert counts["factor_safeguarding"]["Yes"] == 1
    assert counts["quintile"].to_dict() == {"1 - most deprived": 2, "2": 0, "3": 0, "4": 0,
                                            "5 - least deprived": 1, "Not known": 1}
    assert counts["ethnicity"].to_dict() == {"Mixed": 1, "White": 2, "Not known": 1}
    assert counts["expected"].to_dict() == {"Expected": 3, "Unexpected": 1}
    # every review table adds up to the reviews completed in the year
    assert {key: int(c.sum()) for key, c in counts.items()} == dict.fromkeys(counts, 4)


def test_notified_and_reviewed_are_separate_counts():
    rows = [record("a", notified="2023-05-02", closed="2024-06-01"),
            record("b", notified="2023-06-01", closed=None, category=None, modifiable=None),
            record("c", notified="2022-12-01", closed="2023-07-01")]
    records = infant_records(pd.DataFrame(rows))
    counts = notified_and_reviewed(records, "2023/24")
    assert counts.to_dict() == {NOTIFIED: 2, REVIEWED: 1}
    assert review_periods(records) == ["2022/23", "2023/24", "2024/25"]


@pytest.mark.parametrize(("change", "message"), [
    ({"review_closed_date": "31/02/2023"}, "review_closed_date '31/02/2023' for case x"),
    ({"category": 11}, "category '11' for case x is not 1 to 10"),
    ({"age_at_death_days": "young"}, "age_at_death_days 'young' for case x"),
    ({"ethnic_group": "Martian"}, "ethnic_group 'Martian' for case x is not an ONS 2021"),
])
def test_bad_records_are_refused_with_the_case_named(change, message):
    row = record("x")
    row.update(change)
    with pytest.raises(ValueError, match=message):
        infant_records(pd.DataFrame([row]))


def review_tables(category_counts: dict[int, int], **columns) -> list[ChildDeathTable]:
    """Records giving the category counts, with extra per-record columns cycled in."""
    rows, n = [], 0
    for category, count in category_counts.items():
        for _ in range(count):
            extra = {key: values[n % len(values)] for key, values in columns.items()}
            rows.append(record(f"c{n}", category=category, **extra))
            n += 1
    return child_death_tables(infant_records(pd.DataFrame(rows)), "2023/24")


def assert_safe(published: list[PublishedTable], k: int) -> None:
    totals = {bool(p.hidden[TOTAL]) for p in published}
    assert len(totals) == 1, "the shared total is hidden in some tables and shown in others"
    for table in published:
        shown = table.shown.dropna()
        assert not shown.between(1, k).any(), table.key
        assert table.shown[table.hidden].isna().all()
        assert not can_recover(table.full, table.hidden, table.lower_bound), table.key


def test_small_counts_and_their_complements_are_hidden():
    tables = review_tables({8: 20, 7: 9, 10: 3, 9: 1}, quintile=[1, 1, 2, 3])
    published = suppress_tables(tables, 4)
    assert_safe(published, 4)
    category = published[0].shown
    assert math.isnan(category["10 - Sudden unexpected, unexplained death"])
    assert math.isnan(category["9 - Infection"])
    assert category["8 - Perinatal/neonatal event"] == 20
    assert category[TOTAL] == 33


def test_a_category_table_of_ones_hides_the_total_everywhere():
    # Five categories with one death each: the total (5) would give every cell away, so
    # the category table hides it; the other tables must then hide it too.
    tables = review_tables({1: 1, 3: 1, 5: 1, 9: 1, 10: 1})
    published = suppress_tables(tables, 4)
    assert all(p.hidden[TOTAL] for p in published)
    age = next(p for p in published if p.key == "age_band")
    assert age.hidden.all()  # "5 neonatal, 0 post-neonatal" would have shown the total
    assert_safe(published, 4)


def test_a_table_of_ones_elsewhere_keeps_the_total_by_hiding_zeros():
    # The five ONS ethnic groups with one death each while the category total (5) is shown.
    groups = ["White", "Mixed", "Asian or Asian British", "Black or Black British",
              "Other ethnic group"]
    tables = review_tables({8: 5}, ethnic=groups)
    published = suppress_tables(tables, 4)
    ethnicity = next(p for p in published if p.key == "ethnicity")
    assert ethnicity.full.to_dict() == {"Asian": 1, "Black": 1, "Mixed": 1, "White": 1,
                                        "Other": 1, TOTAL: 5}
    assert ethnicity.shown[TOTAL] == 5 and ethnicity.lower_bound == 0
    assert_safe(published, 4)


def test_the_threshold_is_a_parameter():
    tables = review_tables({8: 20, 7: 7, 10: 6})
    assert not suppress_tables(tables, 4)[0].hidden.any()
    hidden = suppress_tables(tables, 7)[0].hidden
    assert hidden["7 - Chromosomal, genetic and congenital anomalies"]
    assert_safe(suppress_tables(tables, 7), 7)


def test_notified_count_hidden_when_small_and_reviews_when_the_tables_hide_them():
    counts = pd.Series({NOTIFIED: 3, REVIEWED: 12})
    shown = suppress_notified_and_reviewed(counts, 4, reviews_hidden=False)
    assert math.isnan(shown[NOTIFIED]) and shown[REVIEWED] == 12
    shown = suppress_notified_and_reviewed(counts, 4, reviews_hidden=True)
    assert shown.isna().all()
