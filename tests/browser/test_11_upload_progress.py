"""A web upload in headless Chromium: the page shows the background load's stage while the
refresh runs, then the report, with nothing logged in the console."""

from __future__ import annotations

import dataclasses
import shutil
import threading

import pandas as pd
import pytest

from callbacks import upload_routes
from data.auth import hash_password
from data.refresh import refresh
from tests.browser.helpers import wait_for
from tests.browser.test_07_data import _sign_in, _text, _upload

pytestmark = pytest.mark.browser

USER, PASSWORD = "analyst", "browser test passphrase"


def test_the_page_shows_the_stage_then_the_report(dash_duo, sample_settings, tmp_path, monkeypatch):
    from app import create_app

    shutil.copy(sample_settings.database_url.removeprefix("sqlite:///"), tmp_path / "store.sqlite")
    settings = dataclasses.replace(
        sample_settings, database_url=f"sqlite:///{tmp_path / 'store.sqlite'}",
        instance_dir=tmp_path, secret_key="browser test secret, long enough",
        upload_users={USER: hash_password(PASSWORD)})
    gate = threading.Event()

    def gated(*args, progress, **kwargs):
        def hold(stage: str) -> None:
            progress(stage)
            if stage.startswith("Storing"):
                assert gate.wait(120)

        return refresh(*args, progress=hold, **kwargs)

    monkeypatch.setattr(upload_routes, "refresh", gated)
    births = pd.read_csv(sample_settings.instance_dir / "sample" / "births_deaths.csv")
    row = births.sort_values("year").iloc[-1].copy()
    row["year"] = int(births["year"].max()) + 1
    path = tmp_path / "next_year.csv"
    pd.DataFrame([row]).to_csv(path, index=False)

    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/data")
    _sign_in(dash_duo, PASSWORD)
    wait_for(dash_duo, lambda: f"Signed in as {USER}" in _text(dash_duo, "#data-upload-panel"),
             "signed in")
    _upload(dash_duo, path)
    wait_for(dash_duo, lambda: "Storing 1 checked rows." in _text(dash_duo, "#data-upload-progress"),
             "the stage is shown while the load runs")
    assert "Checking and loading" in _text(dash_duo, "#data-upload-progress")
    assert "loaded" not in _text(dash_duo, "#data-upload-report")
    gate.set()
    wait_for(dash_duo, lambda: "Loaded:" in _text(dash_duo, "#data-upload-report"), "report shown",
             timeout=60)
    wait_for(dash_duo, lambda: _text(dash_duo, "#data-upload-progress") == "", "progress cleared")
    assert f"new period {row['year']}" in _text(dash_duo, "#data-upload-report")
    assert dash_duo.get_logs() == []
