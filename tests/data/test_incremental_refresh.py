"""An incremental refresh: a load that changes one extract type recomputes only the
indicators that read it (indicators.engine.dependencies); the others' rows stay as they
were, ids and computed_at included, and the outcome equals a full recompute."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from data.indicator_store import recompute
from data.refresh import refresh
from data.schema import VALUE_COLUMNS, indicator_value, superseded_value
from indicators.catalogue import CATALOGUE
from indicators.engine.dependencies import affected_indicators, dependency_map, tables_read

MORTALITY = "infant_mortality"
BREASTFEEDING = "breastfeeding_6_8_weeks"
KEY = ["indicator_id", "area_code", "period_label", "category_type", "category"]
# what a recompute stamps: the rest must be equal
STAMPS = ["computed_at", "load_id"]


def _rows(engine, table=indicator_value) -> pd.DataFrame:
    with engine.connect() as connection:
        result = connection.execute(select(table))
        frame = pd.DataFrame(result.all(), columns=list(result.keys()), dtype=object)
    return frame.sort_values(KEY).reset_index(drop=True)


def _values(frame: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in VALUE_COLUMNS if c not in STAMPS and c != "source_load_id"]
    return frame[columns].sort_values(KEY).reset_index(drop=True)


def test_the_dependency_map_comes_from_the_catalogue():
    readers = dependency_map()
    for indicator in CATALOGUE:
        assert indicator.id in readers[indicator.source_table]
        assert all(indicator.id in readers[t] for t in tables_read(indicator))
    assert MORTALITY not in affected_indicators(["breastfeeding"])
    assert BREASTFEEDING in affected_indicators(["breastfeeding"])
    assert affected_indicators(["action_plan"]) == frozenset()


def test_a_breastfeeding_load_leaves_the_mortality_rows_untouched(births_store, sample_files):
    store = births_store
    before = _rows(store)
    mortality_before = before[before["indicator_id"] == MORTALITY]
    assert not mortality_before.empty and BREASTFEEDING not in set(before["indicator_id"])

    report = refresh(store, [sample_files["breastfeeding"]], user="t")
    assert report.ok and report.result == "loaded"
    after = _rows(store)
    mortality_after = after[after["indicator_id"] == MORTALITY]
    # the very rows: same ids, same computed_at and load
    pd.testing.assert_frame_equal(mortality_after.reset_index(drop=True),
                                  mortality_before.reset_index(drop=True))
    fed = after[after["indicator_id"] == BREASTFEEDING]
    assert not fed.empty and set(fed["load_id"]) == {report.load_id}
    assert (fed["computed_at"] > mortality_after["computed_at"].max()).all()

    incremental, superseded = _values(after), _values(_rows(store, superseded_value))
    with store.begin() as connection:  # the same store recomputed in full
        recompute(connection, report.load_id)
    pd.testing.assert_frame_equal(incremental, _values(_rows(store)))
    pd.testing.assert_frame_equal(superseded, _values(_rows(store, superseded_value)))


def test_each_extract_in_turn_gives_what_a_full_recompute_gives(births_store, sample_files):
    store = births_store
    for name in ("deprivation", "cdop", "satod", "fingertips_synthetic_national"):
        report = refresh(store, [sample_files[name]], user="t")
        assert report.ok and report.result == "loaded", report.lines()
        incremental = _values(_rows(store))
        superseded = _values(_rows(store, superseded_value))
        with store.begin() as connection:
            recompute(connection, report.load_id)
        pd.testing.assert_frame_equal(incremental, _values(_rows(store)), obj=name)
        pd.testing.assert_frame_equal(superseded, _values(_rows(store, superseded_value)),
                                      obj=name)
