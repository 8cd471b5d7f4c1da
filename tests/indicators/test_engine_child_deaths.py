"""Child death review indicators: counting rules and small-count suppression of the rows
(indicators.disclosure), the batch rule checked by the linear-programming audit."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import DEATH_CATEGORIES
from indicators.disclosure.tables import NOTE, suppression_masks
from indicators.disclosure.verify import recoverable_cells
from indicators.engine import compute_indicator_values
from tests.indicators.engine_fixtures import AREAS, births_deaths, one, wilson_reference

CATEGORY = DEATH_CATEGORIES


def _record(n: int, area: str, died: str, closed: str | None, age: int, category: int,
            modifiable: str, smoking: str = "N", co_sleeping: str = "N") -> dict:
    return {"case_id": f"C{n}", "area_code": area, "date_of_death": died,
            "age_at_death_days": age, "category": category, "modifiable_factors": modifiable,
            "review_closed_date": closed, "factor_smoking": smoking,
            "factor_co_sleeping": co_sleeping, "factor_safeguarding": "N",
            "factor_alcohol_drugs": "N", "factor_domestic_abuse": ""}


def _cdop() -> pd.DataFrame:
    records = []
    # Middlesbrough: 30 infant reviews closed in 2023/24 (Apr 2023 - Mar 2024):
    # categories 8 x14, 7 x10, 9 x1, 10 x5; modifiable factors 9 yes, 21 no
    for n in range(30):
        category = 8 if n < 14 else 7 if n < 24 else 9 if n == 24 else 10
        records.append(_record(n, "E06000002", "2023-02-01", "2023-06-30", 20, category,
                               "Y" if n < 9 else "N", smoking="Y" if n % 3 == 0 else "N",
                               co_sleeping="Y" if category == 10 else "N"))
    # a child (not an infant) and a review still open: neither counts
    records.append(_record(100, "E06000002", "2023-02-01", "2023-07-01", 800, 3, "N"))
    records.append(_record(101, "E06000002", "2023-03-01", None, 10, 8, "N"))
    # Hartlepool: 3 infant reviews in 2023/24 -> every count is small
    for n in range(3):
        records.append(_record(200 + n, "E06000001", "2023-05-01", "2024-03-31", 40, 10, "Y"))
    # Blackburn: 20 reviews, modifiable 9 yes, 8 no, 3 insufficient information
    for n in range(20):
        decision = "Y" if n < 9 else "N" if n < 17 else "Insufficient information"
        records.append(_record(300 + n, "E06000008", "2022-12-01", "2023-05-01", 3, 8,
                               decision))
    return pd.DataFrame(records)


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    births = births_deaths([("E06000002", 2023, 1700, 5, 11, 7, 4),
                            ("E06000001", 2023, 930, 2, 4, 3, 1)])
    return compute_indicator_values({"cdop": _cdop(), "births_deaths": births}, AREAS)


def test_reviews_count_infants_with_a_closed_review_by_financial_year(values):
    row = one(values, "cdop_infant_reviews", "E06000002", "2023/24")
    assert row["count"] == 30 and row["value"] == 30 and math.isnan(row["lower95"])


def test_modifiable_share_is_of_reviews_with_a_yes_no_decision(values):
    row = one(values, "cdop_infant_modifiable", "E06000002", "2023/24")
    assert (row["count"], row["denominator"]) == (9, 30)
    value, lower, upper = wilson_reference(9, 30, 0.95)
    assert row["value"] == pytest.approx(value) and row["lower95"] == pytest.approx(lower)
    assert row["upper95"] == pytest.approx(upper)


def test_category_shares_of_all_reviews(values):
    perinatal = one(values, "cdop_infant_deaths_by_category", "E06000002", "2023/24",
                    CATEGORY[8])
    assert (perinatal["count"], perinatal["denominator"]) == (14, 30)
    assert perinatal["category_type"] == "Category of death"
    zero = one(values, "cdop_infant_deaths_by_category", "E06000002", "2023/24", CATEGORY[4])
    assert zero["count"] == 0 and zero["value"] == 0  # a true zero is published


def test_factor_share_excludes_reviews_where_it_was_not_recorded(values):
    smoking = one(values, "cdop_factor_smoking", "E06000002", "2023/24")
    assert (smoking["count"], smoking["denominator"]) == (10, 30)
    co_sleeping = one(values, "cdop_factor_co_sleeping", "E06000002", "2023/24")
    assert (co_sleeping["count"], co_sleeping["denominator"]) == (5, 30)
    # domestic abuse is blank (not recorded) in every review: no denominator, no value
    abuse = one(values, "cdop_factor_domestic_abuse", "E06000002", "2023/24")
    assert abuse["denominator"] == 0 and math.isnan(abuse["value"])


def test_sudi_rate_by_calendar_year_of_death_over_live_births(values):
    row = one(values, "cdop_sudi_rate", "E06000002", "2023")
    assert row["denominator"] == 1700
    # Middlesbrough's 2023/24 category-10 count is hidden (partner of the single
    # category-9 review), so the cross-table rule (indicators.disclosure.across) hides the
    # SUDI count that would give it away; the count is checked unsuppressed below.
    assert np.isnan(row["count"]) and np.isnan(row["value"]) and row["value_note"] == NOTE
    births = births_deaths([("E06000002", 2023, 1700, 5, 11, 7, 4)])
    open_rates = compute_indicator_values({"cdop": _cdop()[lambda f: f["category"] != 9],
                                           "births_deaths": births}, AREAS)
    row = one(open_rates, "cdop_sudi_rate", "E06000002", "2023")
    assert (row["count"], row["denominator"]) == (5, 1700)
    assert row["value"] == pytest.approx(5 / 1700 * 1000)


def test_small_counts_are_suppressed_with_secondary_suppression(values):
    total = one(values, "cdop_infant_reviews", "E06000001", "2023/24")
    assert math.isnan(total["count"]) and total["value_note"] == NOTE
    sudi = one(values, "cdop_infant_deaths_by_category", "E06000001", "2023/24", CATEGORY[10])
    assert math.isnan(sudi["count"]) and math.isnan(sudi["value"])
    modifiable = one(values, "cdop_infant_modifiable", "E06000001", "2023/24")
    assert math.isnan(modifiable["count"]) and math.isnan(modifiable["denominator"])
    # Middlesbrough: the single category-9 review is hidden, and the next smallest
    # category (10, five reviews) with it, or 30 - 14 - 10 - 5 would give it away.
    one_death = one(values, "cdop_infant_deaths_by_category", "E06000002", "2023/24",
                    CATEGORY[9])
    assert math.isnan(one_death["count"]) and one_death["value_note"] == NOTE
    partner = one(values, "cdop_infant_deaths_by_category", "E06000002", "2023/24",
                  CATEGORY[10])
    assert math.isnan(partner["count"]) and partner["value_note"] == NOTE
    # exactly those two: the published note never tells a partner from a small count
    hidden = values[values["indicator_id"].eq("cdop_infant_deaths_by_category")
                    & values["area_code"].eq("E06000002") & values["period_label"].eq("2023/24")
                    & values["count"].isna()]
    assert set(hidden["category"]) == {CATEGORY[9], CATEGORY[10]} and len(hidden) == 2
    # Blackburn: 3 undecided reviews are hidden inside the modifiable table, so the
    # no-count (8) is hidden too and the yes/no denominator (17) is withheld.
    share = one(values, "cdop_infant_modifiable", "E06000008", "2023/24")
    assert share["count"] == 9 and math.isnan(share["denominator"])
    assert math.isnan(share["value"]) and share["value_note"] == NOTE
    published = values[values["indicator_id"].str.startswith("cdop")]
    assert not published["count"].between(1, 4).any()


def test_suppression_threshold_is_configurable():
    births = births_deaths([("E06000002", 2023, 1700, 5, 11, 7, 4)])
    values = compute_indicator_values({"cdop": _cdop(), "births_deaths": births}, AREAS,
                                      small_count_max=9)
    row = one(values, "cdop_infant_modifiable", "E06000002", "2023/24")
    assert math.isnan(row["count"])  # 9 is now a small count
    sudi = one(values, "cdop_sudi_rate", "E06000002", "2023")
    assert math.isnan(sudi["count"]) and sudi["value_note"] == NOTE  # 5 is small now


def _random_tables(rng: np.random.Generator, n: int, cells: int) -> np.ndarray:
    counts = rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 14, 30], size=(n, cells))
    return np.column_stack([counts, counts.sum(axis=1)])


@pytest.mark.parametrize(("cells", "k"), [(3, 4), (10, 4), (5, 2)])
def test_batch_suppression_leaves_nothing_the_audit_can_recover(cells, k):
    tables = _random_tables(np.random.default_rng(cells * 10 + k), 12, cells)
    mask, primary = suppression_masks(tables, k)
    assert mask[primary].all()
    assert (primary == ((tables >= 1) & (tables <= k))).all()
    for row, table in enumerate(tables):
        assert recoverable_cells(table, mask[row], lower_bound=1) == [], str(table)
