"""Page results worked out by the refresh and kept in the store by data version: after a
load (or a restart: every process cache emptied) the first view reads them, equal to what
the query computes; older versions are deleted; a refused attempt carries them over; rows
signed with another secret are ignored; an engine that keeps none works as before."""

from __future__ import annotations

import itertools
import types

import pandas as pd
import pytest
from sqlalchemy import create_engine, func, select

import data.precompute
from data.queries import cache
from data.queries import child_deaths as deaths
from data.queries.overview import area_chain, overview_values
from data.queries.signed import version_hash
from data.refresh import refresh
from data.schema import precomputed_result
from tests.data.test_queries_cache import statements

# The shared lists (7 jobs) and the first own areas' first views: on the clock below each
# job takes one second, so the budget is a number of jobs whatever the machine's load.
BUDGET = 12.0


def _one_second_a_job() -> types.SimpleNamespace:
    """A clock for data.precompute alone that moves one second each time it is read (once
    before each job): the budget cuts the list at the same job on a fast or a busy machine,
    and the rest of the list is left to the first view, as a real budget leaves it."""
    ticks = itertools.count()
    return types.SimpleNamespace(perf_counter=lambda: float(next(ticks)))


@pytest.fixture
def loaded(store, sample_files, monkeypatch, request, store_snapshots):
    """The sample loaded with precompute on, once per backend; each test gets a copy of the
    store it made."""
    monkeypatch.setattr(data.precompute, "BUDGET_SECONDS", BUDGET)  # the test's own loads too
    monkeypatch.setattr(data.precompute, "time", _one_second_a_job())
    # the budget alone, in jobs: not cut to a share of the load's own (real) time
    monkeypatch.setattr(data.precompute, "SHARE_OF_LOAD", None)

    def load():
        report = refresh(store, [sample_files[name] for name in ("areas", "births_deaths", "cdop")],
                         user="t")
        assert report.ok and report.precomputed is not None
        return report

    return store, store_snapshots.prepared(request, "precompute", store, load)


def _versions(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(select(precomputed_result.c.version, func.count())
                                       .group_by(precomputed_result.c.version)).all())


def _own_area(engine) -> str:
    return deaths.cdop_area_codes.uncached(engine)[0]


def test_the_first_view_after_a_load_reads_what_the_refresh_worked_out(loaded):
    store, report = loaded
    assert report.precomputed.rows > 0 and report.precomputed.jobs > 7
    assert report.precomputed.jobs_left > 0  # the budget, not the list, ended the precompute
    assert list(_versions(store)) == [version_hash(cache.data_version(store))]
    code = _own_area(store)
    chain = area_chain(store, code)
    year = deaths.review_years.uncached(store)[-1]
    cache.clear()  # as a new worker starts
    with statements(store) as seen:
        rows = overview_values(store, chain)
        tables = deaths.published_review_tables(store, code, year, 4)
    # versions, the version's key list, then one read per result: nothing computed
    assert all("FROM load" in s or "FROM precomputed_result" in s for s in seen), seen
    assert cache.info(store)["precomputed_hits"] >= 2
    pd.testing.assert_frame_equal(rows, overview_values.uncached(store, chain))
    pd.testing.assert_frame_equal(tables, deaths.published_review_tables.uncached(store, code, year, 4))
    assert not tables.empty and not rows.empty


def test_a_load_replaces_the_rows_and_a_refused_one_carries_them_over(loaded, sample_files,
                                                                      tmp_path):
    store, _report = loaded
    first = _versions(store)
    bad = tmp_path / "births_deaths.csv"
    bad.write_text(sample_files["births_deaths"].read_text().replace("E08000003", "E08999999", 1))
    assert refresh(store, [bad], user="t").result == "refused"
    assert _versions(store) == {version_hash(cache.data_version(store)): next(iter(first.values()))}
    assert refresh(store, [sample_files["deprivation"]], user="t").ok
    after = _versions(store)
    assert list(after) == [version_hash(cache.data_version(store))] and after != first


def test_rows_signed_with_another_secret_are_computed_instead(loaded):
    store, _report = loaded
    code = _own_area(store)
    cache.keep_precomputed(store, "another deployment's secret")
    cache.clear()
    chain = area_chain(store, code)
    pd.testing.assert_frame_equal(overview_values(store, chain),
                                  overview_values.uncached(store, chain))
    assert cache.info(store)["precomputed_hits"] == 0


def test_without_precomputed_rows_a_store_works_as_before(store_settings, sample_files):
    engine = create_engine(store_settings.database_url)  # keeps no precomputed results
    report = refresh(engine, [sample_files["areas"], sample_files["births_deaths"]], user="t")
    assert report.ok and report.precomputed is None and _versions(engine) == {}
    chain = area_chain(engine, "E08000003")
    assert not overview_values(engine, chain).empty
    engine.dispose()
