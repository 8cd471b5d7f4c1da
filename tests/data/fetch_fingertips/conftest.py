"""The fetch tests' fixtures: the real export, downloads for two area types, stores with
the sample's areas, and stand-in servers."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.refresh import refresh
from data.settings import Settings
from data.store import make_engine, upgrade
from tests.data.fetch_fingertips.downloads import (
    EXPORT,
    area_type_file,
)
from tests.data.http_stand_in import StandIn


@pytest.fixture
def real_export(raw_dir: Path) -> bytes:
    return (raw_dir / EXPORT).read_bytes()


@pytest.fixture
def two_area_types(real_export: bytes) -> dict[str, bytes]:
    return {
        "502": area_type_file(real_export, "Counties & UAs (from Apr 2023)",
                               [("E08000003", "Manchester"), ("E10000017", "Lancashire")]),
        "501": area_type_file(real_export, "Districts & UAs (from Apr 2023)",
                               [("E08000003", "Manchester"), ("E07000123", "Preston")]),
    }


@pytest.fixture
def with_areas(store, store_settings, sample_files):
    """The sample's area table, on SQLite and on PostgreSQL."""
    assert refresh(store, [sample_files["areas"]], user="tester").ok
    return store


@pytest.fixture
def sqlite_settings(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.sqlite'}",
                        instance_dir=tmp_path / "instance")
    upgrade(make_engine(settings))
    return settings


@pytest.fixture
def sqlite_areas(sqlite_settings, sample_files):
    """The sample's area table on SQLite only: for the download checks, which end before
    the store is touched, so one backend shows that nothing changed."""
    engine = make_engine(sqlite_settings)
    assert refresh(engine, [sample_files["areas"]], user="tester").ok
    yield engine
    engine.dispose()


@pytest.fixture
def serve():
    servers = []

    def _serve(answer) -> StandIn:
        server = StandIn(answer).start()
        servers.append(server)
        return server
    yield _serve
    for server in servers:
        server.stop()
