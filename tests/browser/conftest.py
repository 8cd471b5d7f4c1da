"""A dashboard over the synthetic sample data, built once for the browser tests."""

from __future__ import annotations

import os
import shutil

import pytest
from dash.testing.application_runners import BaseDashRunner, ThreadedRunner
from dash.testing.composite import DashComposite

from data.settings import Settings

# dash_duo serves each app on the next of a run of ports from 58050; under pytest-xdist each
# worker gets a run of its own ("gw0", "gw1"... ; no worker: the first run).
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
BaseDashRunner._next_port = 58050 + 500 * int(_WORKER.removeprefix("gw") or 0)


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory, sample_stores) -> Settings:
    # as init-sample loads it: the local extracts, the national (synthetic) Fingertips file,
    # the sample's action plan and the booking and conception extracts; the files beside
    # it in sample/, where tests read them
    store = sample_stores.copy(tmp_path_factory.mktemp("browser-store"))
    shutil.copytree(store.files["areas"].parent, store.folder / "sample")
    return store.settings


@pytest.fixture(scope="session")
def dashboard(sample_settings):
    """One app for every browser test of the sample (each test serves it afresh): the pages
    only read the store, so building it again per test bought nothing but time."""
    from app import create_app

    return create_app(sample_settings)


@pytest.fixture(scope="module")
def served_browser(request, dashboard, tmp_path_factory):
    """One Chromium and one server of `dashboard` for a whole test file: starting both took
    a few seconds per test, and every check begins with a fresh load of its page anyway.
    Tests take it through `shared_duo`, which hands it over clean."""
    config = request.config
    with ThreadedRunner() as server, DashComposite(
        server=server, browser=config.getoption("webdriver"), remote=config.getoption("remote"),
        remote_url=config.getoption("remote_url"), headless=config.getoption("headless"),
        options=config.hook.pytest_setup_options(),
        download_path=str(tmp_path_factory.mktemp("download")),
        percy_assets_root=config.getoption("percy_assets"),
        percy_finalize=config.getoption("nopercyfinalize"), pause=config.getoption("pause"),
    ) as duo:
        duo.start_server(dashboard)
        yield duo


@pytest.fixture
def shared_duo(served_browser):
    """The file's browser and server (`served_browser`), for one test: the viewport back to
    the window's own size, and the browser's log emptied, so `get_logs()` holds what this
    test's pages logged and nothing an earlier test left."""
    served_browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    served_browser.driver.get_log("browser")
    return served_browser
