"""The per-data-version query cache, on SQLite and PostgreSQL: a repeated query costs one
version query; a load committed here or by another process is seen by the very next call;
what a caller changes in a result does not reach the next caller; the cache is bounded."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event

from data.queries import cache
from data.queries.compare import indicator_periods
from data.queries.core import areas, indicator_choices
from data.refresh import refresh

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def statements(engine):
    """The SQL statements the engine runs inside the block."""
    seen: list[str] = []

    def record(_connection, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def newer_births(sample_stores) -> Path:
    """The sample's births and deaths running one year further, to 2025 (written once per
    run: read-only)."""
    return sample_stores.files(2025)["births_deaths"]


def test_a_repeat_costs_one_version_query_and_a_new_period_shows_at_once(births_store,
                                                                          newer_births):
    store = births_store
    first = indicator_periods(store, "infant_mortality")
    assert first[0] == "2024" and "2025" not in first
    with statements(store) as seen:
        assert indicator_periods(store, "infant_mortality") == first
    assert len(seen) == 1 and "FROM load" in seen[0]  # the version, nothing else

    assert refresh(store, [newer_births], user="t").ok
    after = indicator_periods(store, "infant_mortality")
    assert after[0] == "2025" and after[1:] == first
    assert after == indicator_periods.uncached(store, "infant_mortality")


def test_a_load_committed_by_another_process_is_seen_by_the_next_call(births_store, store_settings,
                                                                       tmp_path, newer_births):
    # As a second gunicorn worker (or the command line) would: its own process and engine.
    store = births_store
    before = indicator_periods(store, "infant_mortality")
    environment = {**os.environ, "DATABASE_URL": store_settings.database_url,
                   "DASHBOARD_INSTANCE_DIR": str(tmp_path / "instance")}
    done = subprocess.run([sys.executable, "-m", "data", "load", str(newer_births),
                           "--user", "other-worker"], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert indicator_periods(store, "infant_mortality") == ["2025", *before]


def test_a_refused_load_moves_the_version_but_not_the_answer(births_store, sample_files,
                                                             tmp_path):
    store = births_store
    version, choices = cache.data_version(store), indicator_choices(store)
    bad = tmp_path / "births_deaths.csv"
    bad.write_text(sample_files["births_deaths"].read_text().replace("E08000003", "E08999999", 1))
    assert refresh(store, [bad], user="t").result == "refused"
    assert cache.data_version(store) != version
    assert indicator_choices(store).equals(choices)


def test_what_a_caller_changes_does_not_reach_the_next_caller(store, sample_files):
    assert refresh(store, [sample_files["areas"]], user="t").ok
    frame = areas(store)
    names = frame["area_name"].tolist()
    frame["area_name"] = "changed"
    frame.drop(index=frame.index[:3], inplace=True)
    assert areas(store)["area_name"].tolist() == names


def test_the_cache_is_bounded_and_keeps_the_most_recently_used(store):
    cache.clear()
    for number in range(cache.MAX_ENTRIES + 40):
        assert cache.remember(store, ("bounded", number), lambda n=number: n * 2) == number * 2
    assert cache.info(store)["entries"] == cache.MAX_ENTRIES
    hits = cache.info(store)["hits"]
    assert cache.remember(store, ("bounded", cache.MAX_ENTRIES + 39), lambda: "recomputed") \
        == (cache.MAX_ENTRIES + 39) * 2
    assert cache.remember(store, ("bounded", 0), lambda: "recomputed") == "recomputed"  # evicted
    assert cache.info(store)["hits"] == hits + 1


def test_stores_do_not_share_results(tmp_path, sample_files):
    from data.settings import Settings
    from data.store import make_engine, upgrade

    engines = []
    for name, files in (("one", ["areas"]), ("two", [])):
        engine = make_engine(Settings(database_url=f"sqlite:///{tmp_path / name}.sqlite",
                                      instance_dir=tmp_path))
        upgrade(engine)
        if files:
            assert refresh(engine, [sample_files[f] for f in files], user="t").ok
        engines.append(engine)
    assert len(areas(engines[0])) > 0 and areas(engines[1]).empty


def test_the_byte_budget_evicts_the_least_recently_used(store):
    cache.clear()
    quarter = cache.MAX_BYTES // 4
    for number in range(6):
        cache.remember(store, ("big", number), lambda n=number: n, size=lambda _value: quarter)
    held = cache.info(store)
    assert held["entries"] == 4 and held["bytes"] == 4 * quarter <= cache.MAX_BYTES
    assert cache.remember(store, ("big", 0), lambda: "recomputed") == "recomputed"
    assert cache.remember(store, ("big", 5), lambda: "recomputed") == 5
