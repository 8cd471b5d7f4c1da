"""The joint disclosure audit over every child death number the app can show for the sample.

The sample (`data.sample.write_sample`) is loaded into a store as the app loads it; the
engine's stored child death rows and every page output (`data.queries.child_deaths`, each
area with records, each year the page offers) are audited together by linear programming.
"""

from __future__ import annotations

import pandas as pd
import pytest

from data.queries import child_deaths as queries
from data.queries.core import areas, indicator_values
from data.store import make_engine
from indicators.catalogue import CHILD_DEATH_INDICATORS
from indicators.disclosure.across import protect_child_death_values
from indicators.disclosure.records import infant_records
from indicators.disclosure.verify_outputs import PageOutput, audit_child_death_outputs

K = 4


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_stores):
    engine = make_engine(sample_stores.copy(tmp_path_factory.mktemp("cdop-joint"),
                                            ("areas", "births_deaths", "cdop"),
                                            last_year=2024).settings)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def outputs(store):
    """The stored engine rows, every page output, the records and the area tree."""
    stored = pd.concat([indicator_values(store, i.id, category_type=None)
                        for i in CHILD_DEATH_INDICATORS], ignore_index=True)
    pages = []
    for area in queries.cdop_area_codes(store):
        for period in queries.review_years(store):
            tables, counts = queries.suppressed_review_tables(store, area, period, K)
            pages.append(PageOutput(area, period, tables, counts))
    raw = queries.cdop_records(store)
    tree = areas(store)
    parents = dict(zip(tree["area_code"], tree["parent_code"], strict=True))
    return stored, pages, infant_records(raw), parents, raw


def test_no_small_count_can_be_worked_out_from_everything_the_app_shows(outputs):
    stored, pages, records, parents, raw = outputs
    published = protect_child_death_values(stored, K, parents, raw)
    small = audit_child_death_outputs(records, published, pages, parents, K)
    assert len(pages) >= 24 * 6 and len(small) > 300  # the audit saw real work
    assert small["protected"].all(), small[~small["protected"]].to_string()
    # every hidden small count keeps at least two possible values, most of them many more
    assert ((small["high"] - small["low"]) >= 1).all()
    sudi = published[published["indicator_id"] == "cdop_sudi_rate"]
    assert sudi["count"].isna().any() and sudi["count"].notna().any()


def test_the_engine_applies_the_joint_rules(outputs):
    stored, _pages, _records, parents, raw = outputs
    published = protect_child_death_values(stored, K, parents, raw)
    pd.testing.assert_frame_equal(published, stored)
