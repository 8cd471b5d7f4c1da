"""Loads at the same time, on SQLite and PostgreSQL: the second waits for the first (saying
who is loading since when) or, told not to wait, stops; indicator values are never stored
twice, and the store itself refuses a duplicate value."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from alembic import command
from sqlalchemy import func, insert
from sqlalchemy import select as sql_select
from sqlalchemy.exc import IntegrityError

from data.refresh import refresh
from data.schema import indicator_value
from data.store import _alembic_config, upgrade
from tests.support.held_refresh import held_refresh

ROOT = Path(__file__).resolve().parents[2]
KEY = ["indicator_id", "area_code", "period_label", "category_type", "category"]


def _env(url: str, user: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url, "DASHBOARD_USER": user}


def _wait_for(condition, process, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, f"ended before {what}"
        assert time.monotonic() < deadline, f"never {what}"
        time.sleep(0.05)


def _read_line(stream, process, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], 0.5)
        if ready:
            return stream.readline()
        assert process.poll() is None, "the second load ended without waiting"
    raise AssertionError("the second load never said it was waiting")


def _duplicates(engine) -> int:
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(
            sql_select(*(indicator_value.c[k] for k in KEY))).all(), columns=KEY)
    return int(frame.duplicated().sum())


def _value_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sql_select(func.count()).select_from(indicator_value)).scalar()


def test_a_second_load_waits_for_the_first_and_nothing_is_stored_twice(
    store, store_settings, sample_files, tmp_path
):
    assert refresh(store, [sample_files["areas"], sample_files["births_deaths"]],
                   user="setup").ok
    url = store_settings.database_url
    marker = tmp_path / "marker"
    first = subprocess.Popen(
        held_refresh(url, marker, "first", [sample_files["satod"]]),
        cwd=ROOT, env=_env(url, "first"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True)
    second = None
    try:
        _wait_for(marker.exists, first, "took the lock")
        # told not to wait, a load stops at once and says who is loading
        busy = refresh(store, [sample_files["breastfeeding"]], user="third", wait_seconds=0)
        assert busy.result == "busy" and not busy.ok
        assert re.fullmatch(r"Not loaded: another load is running since \d\d:\d\d by first; "
                            r"try again when it has finished\.", busy.lines()[0]), busy.lines()
        # the command line waits, and says so
        second = subprocess.Popen(
            [sys.executable, "-m", "data", "load", str(sample_files["breastfeeding"])],
            cwd=ROOT, env=_env(url, "second"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        line = _read_line(second.stderr, second)
        assert re.fullmatch(r"another load is running since \d\d:\d\d by first; waiting\n", line)
        out, _ = first.communicate("go on\n", timeout=300)
        assert first.returncode == 0 and out.strip() == "loaded"
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err
        assert "loaded" in out
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    assert _duplicates(store) == 0
    # the same values as the same four files loaded one after another into a fresh store
    assert _value_count(store) > 0
    history = pd.read_sql("SELECT user_name, result FROM load ORDER BY id", store)
    assert history["user_name"].tolist() == ["setup", "first", "second"]


def test_the_store_refuses_a_duplicate_indicator_value(store, sample_files):
    assert refresh(store, [sample_files["areas"], sample_files["births_deaths"]],
                   user="tester").ok
    with store.connect() as connection:
        row = connection.execute(sql_select(indicator_value).limit(1)).mappings().one()
    copy = {k: v for k, v in row.items() if k != "id"}
    with pytest.raises(IntegrityError), store.begin() as connection:
        connection.execute(insert(indicator_value).values(**copy))


def test_the_upgrade_removes_duplicates_left_by_earlier_concurrent_loads(store_settings):
    from data.store import make_engine

    engine = make_engine(store_settings)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    row = {"indicator_id": "infant_mortality", "area_code": "E06000009", "period_label": "2023",
           "period_kind": "calendar", "period_start": "2023-01-01", "period_end": "2023-12-31",
           "year_range": 1, "period_sortable": 20230000, "category_type": "", "category": "",
           "value": 4.2, "computed_at": pd.Timestamp("2026-01-01", tz="UTC"), "load_id": 1}
    with engine.begin() as connection:
        connection.execute(insert(indicator_value), [row, row, {**row, "area_code": "E08000003"}])
    upgrade(engine)
    assert _value_count(engine) == 2
    assert _duplicates(engine) == 0
    engine.dispose()
