"""All or nothing: a refused load changes nothing; a refresh killed with SIGKILL just before
it commits leaves the previous state, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from data import queries
from data.refresh import refresh
from data.schema import indicator_value, raw_row
from tests.support.held_refresh import held_refresh

ROOT = Path(__file__).resolve().parents[2]


def _state(engine) -> tuple:
    with engine.connect() as connection:
        raw = connection.execute(select(func.count()).select_from(raw_row)).scalar_one()
        values = connection.execute(
            select(func.count(), func.sum(indicator_value.c.value)).select_from(indicator_value)
        ).one()
    log = queries.load_count(engine)
    return raw, tuple(values), log


def test_a_file_with_errors_changes_nothing(store, sample_files, tmp_path):
    refresh(store, [sample_files["areas"], sample_files["births_deaths"]], user="tester")
    before = _state(store)
    bad = pd.read_csv(sample_files["births_deaths"]).head(20)
    bad.loc[3, "infant_deaths"] = -1
    bad.loc[7, "area_code"] = "E08999999"
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)

    report = refresh(store, [sample_files["births_deaths"], path], user="tester")
    assert report.result == "refused"
    text = "\n".join(str(p) for p in report.problems)
    assert "row 5" in text and "infant_deaths" in text  # row 3 of the frame is file row 5
    assert "E08999999" in text
    raw, values, log = _state(store)
    assert (raw, values) == before[:2]
    assert log == before[2] + 1  # the refused attempt is logged


def test_readers_see_the_old_state_during_a_refresh_and_after_it_is_killed(
    store, store_settings, sample_files, tmp_path
):
    refresh(store, [sample_files["areas"], sample_files["births_deaths"]], user="tester")
    before = _state(store)
    previous = queries.indicator_values(store, "infant_mortality")
    assert len(previous) > 0

    marker = tmp_path / "marker"
    process = subprocess.Popen(
        held_refresh(store_settings.database_url, marker, "killed",
                     [sample_files["satod"], sample_files["breastfeeding"]]),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None, "the refresh ended before reaching its commit"
            assert time.monotonic() < deadline, "the refresh never reached its commit"
            time.sleep(0.05)
        # A reader during the refresh sees the previous state, not a mix.
        assert _state(store) == before
        pd.testing.assert_frame_equal(queries.indicator_values(store, "infant_mortality"), previous)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    store.dispose()  # new connections, as a reader after the crash would have

    assert process.returncode == -signal.SIGKILL
    assert _state(store) == before
    pd.testing.assert_frame_equal(queries.indicator_values(store, "infant_mortality"), previous)
    # The store still takes a refresh afterwards.
    assert refresh(store, [sample_files["satod"]], user="tester").result == "loaded"
