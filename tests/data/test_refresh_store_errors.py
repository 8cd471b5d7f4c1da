"""Database failures during a load become a plain, located "refused" report and a refused row
in the load history (where the store can still be written), never a traceback: a full disk
(SQLite's page limit, the same error a full disk gives), a connection ended by the server
(PostgreSQL), and a read-only database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, text

import data.refresh as refresh_module
from data.load_log import history
from data.refresh import refresh
from data.settings import Settings
from data.store import make_engine, upgrade

ROOT = Path(__file__).resolve().parents[2]


def _page_limit(engine, pages: int) -> None:
    @event.listens_for(engine, "connect")
    def limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_refuses_the_load_in_words_and_logs_it(tmp_path, sample_files):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.sqlite'}",
                        instance_dir=tmp_path)
    engine = make_engine(settings)
    upgrade(engine)
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()
    _page_limit(engine, pages + 40)  # room for the log, not for a year of births
    report = refresh(engine, [sample_files["areas"], sample_files["births_deaths"]],
                     user="tester")
    assert report.result == "refused"
    [problem] = report.problems
    assert problem.file == f"{sample_files['areas'].name}, {sample_files['births_deaths'].name}"
    assert problem.value.startswith("the disk holding the database is full (")
    assert "Traceback" not in "\n".join(report.lines())
    log = history(engine)
    assert log.loc[0, "result"] == "refused" and log.loc[0, "id"] == report.load_id
    assert "the disk holding the database is full" in log.loc[0, "message"]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM raw_row")).scalar() == 0


@pytest.mark.postgres
def test_a_lost_connection_refuses_the_load_and_logs_it(postgres_server, sample_files,
                                                        monkeypatch, tmp_path):
    url = postgres_server.create_database("lost_connection")
    engine = make_engine(Settings(database_url=url, instance_dir=tmp_path))
    upgrade(engine)
    original = refresh_module.recompute

    def server_ends_the_session(connection, *args, **kwargs):
        connection.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        return original(connection, *args, **kwargs)

    monkeypatch.setattr(refresh_module, "recompute", server_ends_the_session)
    report = refresh(engine, [sample_files["areas"]], user="tester")
    assert report.result == "refused"
    [problem] = report.problems
    assert problem.value.startswith(("the database server shut down or ended the connection",
                                     "the connection to the database was lost")), problem.value
    log = history(engine)
    assert log.loc[0, "result"] == "refused" and log.loc[0, "id"] == report.load_id
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM area")).scalar() == 0
    engine.dispose()


def test_a_read_only_database_is_said_plainly_by_the_command(tmp_path, sample_files):
    database = tmp_path / "store.sqlite"
    engine = make_engine(Settings(database_url=f"sqlite:///{database}", instance_dir=tmp_path))
    upgrade(engine)
    engine.dispose()
    url = f"sqlite:///file:{database}?mode=ro&uri=true"
    result = subprocess.run(
        [sys.executable, "-m", "data", "load", str(sample_files["areas"])], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url},
        capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "read-only" in result.stderr, result.stderr
