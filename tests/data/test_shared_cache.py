"""The cache shared through a real Redis server: a result computed through one engine (one
worker) is served through another engine on the same store without a query; a load makes
both compute afresh and deletes the older version's entries; an entry not signed with the
secret key is ignored; Redis going away means computing locally, never an error."""

from __future__ import annotations

import threading
import time

import pytest
import redis

from data.queries import cache, shared_cache
from data.queries.compare import indicator_periods
from data.refresh import refresh
from data.store import make_engine
from tests.data.test_queries_cache import statements

pytestmark = pytest.mark.redis


@pytest.fixture
def two_workers(store_settings, redis_server):
    """Two engines on one store, each with its own per-process cache, sharing one Redis."""
    redis.Redis.from_url(redis_server.url).flushdb()
    engines = [make_engine(store_settings) for _ in range(2)]
    for engine in engines:
        cache.share(engine, redis_server.url, "secret")
    yield engines
    for engine in engines:
        cache.share(engine, None, "")
        engine.dispose()


def _keys(url: str) -> list[bytes]:
    return list(redis.Redis.from_url(url).scan_iter(match=shared_cache.PREFIX + "*"))


def test_one_workers_result_serves_the_other_and_a_load_replaces_it(two_workers, sample_files,
                                                                     redis_server, sample_stores):
    first, second = two_workers
    assert refresh(first, [sample_files["areas"], sample_files["births_deaths"]], user="t").ok
    with statements(first) as seen:
        periods = indicator_periods(first, "infant_mortality")
    assert len(seen) > 1 and periods[0] == "2024"
    with statements(second) as seen:
        assert indicator_periods(second, "infant_mortality") == periods
    assert len(seen) == 1 and "FROM load" in seen[0]  # the version only: served from Redis
    assert cache.info(second)["shared_hits"] == 1
    old_keys = set(_keys(redis_server.url))
    assert old_keys

    assert refresh(first, [sample_stores.files(2025)["births_deaths"]], user="cli").ok
    with statements(second) as seen:
        after = indicator_periods(second, "infant_mortality")
    assert after[0] == "2025" and len(seen) > 1  # computed afresh at the new version
    assert indicator_periods(first, "infant_mortality") == after
    assert not old_keys & set(_keys(redis_server.url))  # the older version's entries deleted


def test_an_entry_without_the_secret_keys_signature_is_ignored(two_workers, sample_files,
                                                               redis_server):
    first, second = two_workers
    assert refresh(first, [sample_files["areas"], sample_files["births_deaths"]], user="t").ok
    periods = indicator_periods(first, "infant_mortality")
    client = redis.Redis.from_url(redis_server.url)
    for key in _keys(redis_server.url):
        client.set(key, b"x" * 32 + b"not a pickle")
    with statements(second) as seen:
        assert indicator_periods(second, "infant_mortality") == periods
    assert len(seen) > 1  # computed, the forged entry never unpickled


def test_without_redis_each_worker_computes_and_pages_still_answer(store_settings, sample_files):
    engine = make_engine(store_settings)
    cache.share(engine, "redis://127.0.0.1:1/0", "secret")  # nothing listens there
    try:
        assert refresh(engine, [sample_files["areas"], sample_files["births_deaths"]],
                       user="t").ok
        assert indicator_periods(engine, "infant_mortality")[0] == "2024"
        with statements(engine) as seen:  # still kept in this process
            indicator_periods(engine, "infant_mortality")
        assert len(seen) == 1
    finally:
        cache.share(engine, None, "")
        engine.dispose()


def _wait_until(condition, seconds: float = 30.0) -> None:
    """Until `condition()` holds (another thread's progress), failing after `seconds`."""
    deadline = time.monotonic() + seconds
    pause = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "the other worker never got there"
        pause.wait(0.005)


def _race(first, second, key, outcome, second_compute):
    """The first worker misses `key` and computes it (answering `outcome`, or raising it when
    it is an exception) until the second worker, given `second_compute`, has missed it in
    Redis too; then the first finishes. (what the first got, what the second got)."""
    started, release, got = threading.Event(), threading.Event(), {}

    def first_compute():
        started.set()
        assert release.wait(30)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def worker(name, engine, compute):
        try:
            got[name] = cache.remember(engine, key, compute)
        except RuntimeError as error:
            got[name] = error

    threads = [threading.Thread(target=worker, args=("first", first, first_compute))]
    threads[0].start()
    assert started.wait(30)
    threads.append(threading.Thread(target=worker, args=("second", second, second_compute)))
    threads[1].start()
    _wait_until(lambda: cache.info(second)["shared_misses"] == 1)
    release.set()
    for thread in threads:
        thread.join(30)
    return got["first"], got["second"]


def test_a_result_two_workers_miss_together_is_computed_once(two_workers, sample_files):
    first, second = two_workers
    assert refresh(first, [sample_files["areas"]], user="t").ok
    computed_by_second = []
    answers = _race(first, second, ("single flight test",), {"rows": [1, 2, 3]},
                    lambda: computed_by_second.append(1) or "x")
    assert answers == ({"rows": [1, 2, 3]}, {"rows": [1, 2, 3]}) and computed_by_second == []
    assert cache.info(second)["shared_hits"] == 1  # the second waited and read the first's


def test_a_worker_waiting_on_one_that_fails_computes_the_result_itself(two_workers,
                                                                        sample_files):
    first, second = two_workers
    assert refresh(first, [sample_files["areas"]], user="t").ok
    key = ("single flight failure test",)
    failed, answer = _race(first, second, key, RuntimeError("failed"),
                           lambda: "computed by the second")
    assert isinstance(failed, RuntimeError) and answer == "computed by the second"
    assert cache.remember(first, key, lambda: "again") == "computed by the second"  # shared
