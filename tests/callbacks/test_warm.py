"""The warm-up: after a load, one server process works out the pages' first views and adds
them to the version's precomputed rows, so the first view in any other process (every
cache emptied) is a read of the store, and answers as a fresh computation would; only one
process warms a version; a load made during a warm-up gets none of its rows; the server
warms each new version in the background by itself."""

from __future__ import annotations

import dataclasses
import json
import shutil
import time

import pytest
from sqlalchemy import func, select

from app import create_app
from callbacks import board_pack, overview, warm
from data import precompute
from data.queries import cache
from data.queries.precomputed import CLAIM
from data.queries.signed import version_hash
from data.refresh import refresh
from data.schema import precomputed_result
from data.settings import Settings
from data.store import make_engine
from tests.data.test_queries_cache import statements
from tests.support.dash_requests import page_bodies, post

AREA = "E08000003"
PAGES = ("/", "/trends", "/compare", "/child-deaths", "/scorecard")


@pytest.fixture(scope="module")
def base_store(tmp_path_factory, sample_stores):
    base = sample_stores.copy(tmp_path_factory.mktemp("warm"), ("areas", "births_deaths", "cdop"),
                              last_year=2024, name="base.sqlite")
    return base.path, sample_stores.files(2025)["births_deaths"]


@pytest.fixture
def settings(base_store, tmp_path) -> Settings:
    shutil.copy(base_store[0], tmp_path / "store.sqlite")
    return Settings(database_url=f"sqlite:///{tmp_path / 'store.sqlite'}", instance_dir=tmp_path,
                    secret_key="test secret, long and random enough", precompute_seconds=0.001)


def _rows(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(select(precomputed_result.c.name, func.count())
                                       .group_by(precomputed_result.c.name)).all())


def _answers(client, bodies) -> list[str]:
    return [json.dumps(post(client, body)[1], sort_keys=True) for _label, body in bodies]


def test_after_the_warm_up_a_first_view_elsewhere_is_a_read_and_the_same_answer(settings,
                                                                                base_store):
    """Also: one process warms a version, and the next load is warmed again (one warm-up,
    a few seconds of page views and a PDF, serves both checks)."""
    warmer, second = create_app(settings, warm_up=False), create_app(settings, warm_up=False)
    report = warm.warm(warmer, warmer.dashboard_context, budget_seconds=0.001)  # one area
    assert report is not None and report.areas == 1 and report.rows > 0
    assert warm.warm(second, second.dashboard_context, budget_seconds=0.001) is None  # claimed
    names = _rows(warmer.dashboard_context.engine)
    assert names[CLAIM[0]] == 1 and any(n.startswith("callback response") for n in names)
    assert names["board pack html"] == names["board pack pdf"] == 1  # the own area's pack

    server = create_app(settings, warm_up=False)  # another worker, after a restart
    client, engine = server.server.test_client(), server.dashboard_context.engine
    own = precompute.area_order(engine)[0][0]
    for path in PAGES:
        bodies = page_bodies(client, path, f"?area={own}")
        cache.clear()
        with statements(engine) as seen:
            warmed = _answers(client, bodies)
        # the version, the version's key list, then one read per output: nothing computed
        assert all("FROM load" in s or "FROM precomputed_result" in s for s in seen), (path, seen)
        assert cache.info(engine)["precomputed_hits"] >= len(bodies) - 1, path  # url sync: no store
        cache.keep_precomputed(engine, "no rows match this secret")  # computed afresh
        cache.clear()
        assert _answers(client, bodies) == warmed, path
        cache.keep_precomputed(engine, settings.secret_key)
    cache.clear()
    chain, frame = overview.summary(server.dashboard_context, own)
    with statements(engine) as seen:  # the board's pack, HTML and PDF, read as well
        html = board_pack.pack_html(server.dashboard_context, chain, frame)
        pdf = board_pack.pack_pdf(server.dashboard_context, chain, frame)
    assert all("FROM load" in s or "FROM precomputed_result" in s for s in seen), seen
    assert chain.name in html and pdf.startswith(b"%PDF")

    # the next load: none of the old version's rows kept, and its version is warmed again
    engine = make_engine(settings)
    assert refresh(engine, [base_store[1]], user="tester").ok
    version = version_hash(cache.data_version(engine))
    with engine.connect() as connection:
        versions = set(connection.execute(select(precomputed_result.c.version)).scalars())
    assert versions <= {version}
    assert warm.warm(second, second.dashboard_context, budget_seconds=0.001) is not None


def test_rows_for_a_version_a_load_has_replaced_are_not_added(settings, base_store):
    app = create_app(settings, warm_up=False)
    engine = app.dashboard_context.engine
    kept = cache.precomputed(engine)
    old = cache.data_version(engine)
    assert refresh(make_engine(settings), [base_store[1]], user="tester").ok
    assert kept.add(engine, old, [(("a view", 1), {"worked": "out"})]) == 0
    assert kept.add(engine, cache.data_version(engine), [(("a view", 1), {"worked": "out"})]) == 1
    assert _rows(engine).get("a view") == 1


def test_the_server_takes_over_a_cut_short_warm_up_and_warms_each_new_version_by_itself(
        settings, base_store, monkeypatch):
    """A server started after another stopped mid warm-up finishes that job; then, after a
    load, it warms the new version by itself (one server, one child per version)."""
    monkeypatch.setattr(warm, "POLL_SECONDS", 0.05)
    # The claim is still fresh when the server first looks (it must look again later).
    monkeypatch.setattr(warm, "CLAIM_GRACE_SECONDS", 5.0)
    engine = make_engine(settings)
    cache.keep_precomputed(engine, settings.secret_key)
    version = cache.data_version(engine)
    assert cache.precomputed(engine).claim(engine, version)  # a server that stopped after this
    app = create_app(settings)
    kept = cache.precomputed(app.dashboard_context.engine)

    def warmed() -> bool:
        """The current version holds page outputs (written by the warm-up, never the refresh)."""
        query = select(func.count()).where(
            precomputed_result.c.version == version_hash(cache.data_version(engine)),
            precomputed_result.c.name.like("callback %"))
        with engine.connect() as connection:
            return connection.execute(query).scalar() > 0

    def wait_for(condition, what: str) -> None:
        deadline = time.monotonic() + 120
        while not condition():  # polling the store for the warm-up's rows, not a fixed wait
            assert time.monotonic() < deadline, what
            time.sleep(0.05)

    wait_for(lambda: kept.finished(engine, version), "the cut-short warm-up was never taken over")
    assert warmed() and any(name.startswith("callback response") for name in _rows(engine))
    assert refresh(make_engine(settings), [base_store[1]], user="tester").ok
    assert not warmed()  # the load deleted the old version's rows ...
    wait_for(warmed, "the new version was never warmed")  # ... and the server warmed it by itself


def test_a_claim_whose_warm_up_was_cut_short_is_taken_over_once(settings):
    engine = make_engine(settings)
    cache.keep_precomputed(engine, settings.secret_key)
    kept, version = cache.precomputed(engine), cache.data_version(engine)
    assert kept.claim(engine, version)
    assert not kept.claim(engine, version)  # claimed
    assert not kept.claim(engine, version, stale_after=3600)  # claimed a moment ago
    assert kept.claim(engine, version, stale_after=0)  # its server stopped: taken over
    first = _claim_payload(engine)
    assert kept.claim(engine, version, stale_after=0) and _claim_payload(engine) != first
    kept.finish(engine, version)
    assert kept.finished(engine, version)
    assert not kept.claim(engine, version, stale_after=0)  # finished: nobody warms it again


def _claim_payload(engine) -> bytes:
    with engine.connect() as connection:
        return connection.execute(select(precomputed_result.c.payload).where(
            precomputed_result.c.name == CLAIM[0])).scalar_one()


def test_nothing_is_warmed_with_precomputing_off(settings, monkeypatch):
    app = create_app(dataclasses.replace(settings, precompute_seconds=0), warm_up=True)
    assert warm.start(app.dashboard_context, create_app) is None
    # no setting: the refresh's default budget rules (the suite sets it to 0 for every app)
    unset = create_app(dataclasses.replace(settings, precompute_seconds=None), warm_up=False)
    monkeypatch.setattr(precompute, "BUDGET_SECONDS", 0)
    assert warm.start(unset.dashboard_context, create_app) is None
    assert warm.warm(app, app.dashboard_context) is None
    assert _rows(app.dashboard_context.engine) == {}


def test_the_areas_visitors_viewed_lately_are_warmed_right_after_the_own_areas(settings,
                                                                               monkeypatch):
    from callbacks import recent_areas

    recent_areas.forget()
    server = create_app(settings, warm_up=False)
    client, engine = server.server.test_client(), server.dashboard_context.engine
    own, rest = precompute.area_order(engine)
    first, second = [code for code in rest if code.startswith("E0")][:2]
    for query in (f"?area={first}", "?area=E99999999", f"?area={second}", f"?area={first}"):
        page_bodies(client, "/trends", query)  # the router's answer notes the area
    assert recent_areas.latest()[:3] == [first, second, "E99999999"]

    ordered_own, ordered_rest = warm.area_order(engine, recent_areas.latest())
    assert ordered_own == own
    assert ordered_rest[:2] == [first, second] and "E99999999" not in ordered_rest
    assert sorted(ordered_rest) == sorted(rest)  # every area once

    replayed = []
    monkeypatch.setattr(precompute, "area_order", lambda _engine: ([], rest))
    monkeypatch.setattr(warm, "page_bodies", lambda _client, path, query: replayed.append(query) or [])
    report = warm.warm(server, server.dashboard_context, budget_seconds=0.001,
                       viewed=recent_areas.latest())
    assert report is not None and report.areas >= 1
    # the most recently viewed area came first, then the one viewed before it
    assert list(dict.fromkeys(replayed))[:2] == [f"?area={first}", f"?area={second}"][:report.areas]
    recent_areas.forget()
