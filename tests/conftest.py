"""Shared fixtures: stores on SQLite and on a real PostgreSQL server; headless Chromium."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

import data.precompute
from data.settings import Settings
from data.store import make_engine, upgrade
from tests.pg_server import PostgresServer
from tests.redis_server import RedisServer
from tests.support import file_weights
from tests.support.snapshots import StoreSnapshots
from tests.support.stores import SampleStores

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "raw"
_database_numbers = itertools.count(1)

# The refresh's precompute of page results (data.precompute) would add its whole time
# budget to every load in the suite: off, here and in the processes tests start, except
# where a test asks for it (tests/data/test_precompute.py).
os.environ.setdefault("DASHBOARD_PRECOMPUTE_SECONDS", "0")
data.precompute.BUDGET_SECONDS = 0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items) -> None:
    """The longest files first (tests/support/file_weights.py): scripts/test.sh keeps this
    order for pytest-xdist, so the run does not end on one core with a long file."""
    file_weights.longest_first(items, file_weights.load())


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    if not RAW.is_dir():
        pytest.fail(f"reference data folder missing: {RAW}")
    return RAW


@pytest.fixture(scope="session")
def sample_stores(tmp_path_factory) -> SampleStores:
    """Stores of the sample, each built once per run: `sample_stores.copy(folder, ...)`.
    pytest-xdist's workers share them (the folder above each worker's own is the run's)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return SampleStores(tmp_path_factory.getbasetemp().parent / "sample-stores")
    return SampleStores(tmp_path_factory.mktemp("sample-stores"))


@pytest.fixture(scope="module")
def store_snapshots(tmp_path_factory) -> StoreSnapshots:
    """A module's stores set up once per backend and restored per test (support/snapshots)."""
    return StoreSnapshots(tmp_path_factory.mktemp("snapshots"))


@pytest.fixture(scope="session")
def postgres_server():
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


def _settings(url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=url, instance_dir=tmp_path / "instance")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_settings(request, tmp_path) -> Settings:
    """Settings for a fresh, empty, upgraded store on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database(f"test_{next(_database_numbers)}")
    settings = _settings(url, tmp_path)
    upgrade(make_engine(settings))
    return settings


@pytest.fixture
def store(store_settings):
    engine = make_engine(store_settings)
    yield engine
    engine.dispose()


CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic", "--no-first-run", "--window-size=1280,1000",
]


def pytest_setup_options():
    """Chrome options for dash_duo: Debian's Chromium, headless, no network chatter."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    return options
