"""A SQLite store deleted or replaced while the dashboard runs: a replaced file is reopened,
a deleted one is said plainly, never served from the deleted file nor recreated empty."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from data.refresh import refresh
from data.settings import Settings
from data.store import StoreMissing, make_engine, upgrade


def _area_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM area")).scalar()


def _store(folder, sample_files, files):
    database = folder / "store.sqlite"
    engine = make_engine(Settings(database_url=f"sqlite:///{database}", instance_dir=folder))
    upgrade(engine)
    assert refresh(engine, [sample_files[f] for f in files], user="tester").ok
    return engine, database


def _remove(database) -> None:
    for suffix in ("", "-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def test_a_deleted_store_is_reported_not_served(tmp_path, sample_files):
    engine, database = _store(tmp_path, sample_files, ["areas"])
    assert _area_count(engine) > 0  # a pooled connection now holds the file open
    _remove(database)
    with pytest.raises(StoreMissing, match="was deleted or moved while the dashboard"):
        _area_count(engine)
    assert not database.exists()  # not recreated as an empty database
    engine.dispose()


def test_a_replaced_store_is_reopened(tmp_path, sample_files):
    other, other_file = _store(tmp_path / "other", sample_files, ["areas"])
    other.dispose()
    engine, database = _store(tmp_path, sample_files, [])
    assert _area_count(engine) == 0
    _remove(database)
    shutil.copy(other_file, database)
    assert _area_count(engine) > 0
    engine.dispose()
