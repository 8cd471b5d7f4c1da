"""Child death review tables from the store, for every sample area and financial year:
nothing hidden can be worked out, and what is shown agrees with the indicator engine."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from data.queries import child_deaths as queries
from data.queries.core import indicator_values
from data.store import make_engine
from indicators.catalogue import DEATH_CATEGORIES
from indicators.disclosure.across import PublishedTable
from indicators.disclosure.page_tables import NOTIFIED, notified_and_reviewed, review_periods
from indicators.disclosure.records import infant_records
from indicators.disclosure.tables import TOTAL
from indicators.disclosure.verify import can_recover

K = 4


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_stores):
    store = sample_stores.copy(tmp_path_factory.mktemp("cdop-store"),
                               ("areas", "births_deaths", "cdop"))
    engine = make_engine(store.settings)
    yield engine, pd.read_csv(store.files["cdop"])
    engine.dispose()


@pytest.fixture(scope="module")
def cases(sample):
    """Every (area, year) the page can show: the suppressed tables with their true counts
    (for the audits) and the frame the page is handed."""
    engine, _ = sample
    found = []
    for area in queries.cdop_area_codes(engine):
        records = infant_records(queries.cdop_records(engine, area))
        for period in review_periods(records):
            published, counts = queries.suppressed_review_tables(engine, area, period, K)
            found.append((area, period, records, published, queries.review_frame(published, counts)))
    assert len(found) > 150  # 24 North West authorities x 7 or 8 years
    return found


def joint_recoverable(published: list[PublishedTable]) -> list[str]:
    """Exact audit of all the review tables together: they share one total (one unknown
    when it is hidden), so a cell is exposed if the system of every table's "cells add up
    to the total" pins it to one value."""
    names, columns, lows = [], {}, []
    total_hidden = bool(published[0].hidden[TOTAL])
    if total_hidden:
        names.append("total")
        lows.append(1)
    rows, targets = [], []
    for table in published:
        row = {}
        constant = 0.0
        for category, value in table.full.drop(TOTAL).items():
            if table.hidden[category]:
                name = f"{table.key}:{category}"
                columns[name] = len(names)
                names.append(name)
                lows.append(table.lower_bound)
                row[columns[name]] = 1.0
            else:
                constant += value
        if total_hidden:
            row[0] = -1.0
            rows.append(row)
            targets.append(-constant)
        else:
            rows.append(row)
            targets.append(table.full[TOTAL] - constant)
    if not names:
        return []
    a_eq = np.zeros((len(rows), len(names)))
    for i, row in enumerate(rows):
        for j, coefficient in row.items():
            a_eq[i, j] = coefficient
    exposed = []
    for j, name in enumerate(names):
        objective = np.zeros(len(names))
        objective[j] = 1
        bounds = list(zip(lows, [None] * len(names), strict=True))
        low = linprog(objective, A_eq=a_eq, b_eq=targets, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=targets, bounds=bounds, method="highs")
        assert low.status == 0 and high.status in (0, 3)  # 3: unbounded above, not exposed
        if high.status == 0 and np.ceil(low.fun - 1e-7) >= np.floor(-high.fun + 1e-7):
            exposed.append(name)
    return exposed


@pytest.mark.slow
def test_no_hidden_count_can_be_worked_out_in_any_area_or_year(cases):
    for area, period, _records, published, _frame in cases:
        for table in published:
            assert not can_recover(table.full, table.hidden, table.lower_bound), (area, period,
                                                                                   table.key)
        total_hidden = {bool(p.hidden[TOTAL]) for p in published}
        assert len(total_hidden) == 1, (area, period)
        # With the shared total shown the tables are independent (checked above); with it
        # hidden they are audited together.
        if total_hidden == {True}:
            assert joint_recoverable(published) == [], (area, period)


def test_what_leaves_the_server_has_no_small_count(cases):
    hidden_seen = 0
    for area, period, records, published, frame in cases:
        shown = frame.loc[~frame["hidden"], "count"]
        assert shown.notna().all() and not shown.between(1, K).any(), (area, period)
        assert frame.loc[frame["hidden"], "count"].isna().all()
        review_rows = frame[frame["table"] != "notified"]
        expected = pd.concat([p.shown for p in published], ignore_index=True)
        assert np.array_equal(review_rows["count"].to_numpy(), expected.to_numpy(), equal_nan=True)
        counts = notified_and_reviewed(records, period)
        notified = frame[frame["table"] == "notified"].set_index("category")["count"]
        # a notified count is hidden when small, or as the partner of hidden review
        # totals in the area's first notification year (they would bound them otherwise)
        first_notified = records["notified_year"].dropna().min()
        assert notified[NOTIFIED] == counts[NOTIFIED] or (
            np.isnan(notified[NOTIFIED])
            and (1 <= counts[NOTIFIED] <= K or period == first_notified))
        hidden_seen += int(frame["hidden"].sum())
    assert hidden_seen > 0


def test_the_page_hides_what_the_indicator_engine_hides(sample, cases):
    engine, _ = sample
    stored = indicator_values(engine, "cdop_infant_deaths_by_category", category_type=None)
    stored = stored.set_index(["area_code", "period_label", "category"])["count"]
    reviews = indicator_values(engine, "cdop_infant_reviews").set_index(
        ["area_code", "period_label"])["count"]
    compared = 0
    for area, period, _records, _published, frame in cases:
        if (area, period) not in reviews.index:  # a year with notifications only
            continue
        category = frame[frame["table"] == "category"].set_index("category")["count"]
        engine_values = [stored[(area, period, name)] for name in DEATH_CATEGORIES.values()]
        assert np.array_equal(category.to_numpy(),
                              np.array([*engine_values, reviews[(area, period)]]),
                              equal_nan=True), (area, period)
        compared += 1
    assert compared == len(reviews) > 150


def test_category_totals_match_the_extract_counted_independently(sample, cases):
    _, cdop = sample
    closed = pd.to_datetime(cdop["review_closed_date"])
    infants = cdop[(cdop["age_at_death_days"] < 365) & closed.notna()]
    start = closed[infants.index].dt.year - (closed[infants.index].dt.month < 4)
    year = start.astype(int).astype(str) + "/" + (start + 1).astype(int).astype(str).str[2:]
    expected = infants.groupby([infants["area_code"], year]).size()
    shown = {(area, period): frame.loc[(frame["table"] == "category")
                                       & (frame["category"] == TOTAL), "count"].iloc[0]
             for area, period, _records, _published, frame in cases}
    for key, count in expected.items():
        assert shown[key] == count or (np.isnan(shown[key]) and count <= K), key
    assert all(shown[key] == 0 for key in set(shown) - set(expected.index))


def test_the_page_query_hands_out_the_audited_frame(sample, cases):
    engine, _ = sample
    for area, period, _records, _published, frame in cases[::40]:
        pd.testing.assert_frame_equal(
            queries.published_review_tables(engine, area, period, K), frame)


def test_an_area_without_reviews_gives_an_empty_table(sample):
    engine, _ = sample
    assert queries.published_review_tables(engine, "E12000007", "2023/24", K).empty
    assert queries.review_years(engine)[-1] >= "2024/25"
