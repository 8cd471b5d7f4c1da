"""The store's engine and schema upgrades. Nothing here runs at import time."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError

from data.queries.cache import keep_precomputed
from data.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database; SQLite files get WAL so readers see the
    last committed state while a refresh writes. Its pages read (and its refreshes write)
    precomputed results signed with the settings' secret key."""
    engine = _engine(settings)
    keep_precomputed(engine, settings.secret_key, settings.precompute_seconds)
    return engine


def _engine(settings: Settings) -> Engine:
    if settings.is_sqlite:
        database = settings.database_url.removeprefix("sqlite:///")
        is_file = database and database != ":memory:" and not database.startswith("file:")
        if is_file:  # ("file:..." is a URI filename, e.g. mode=ro: nothing to create)
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(settings.database_url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        if is_file:
            _watch_sqlite_file(engine, Path(database))
        return engine
    return create_engine(settings.database_url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    _use_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _use_wal(cursor, attempts: int = 100) -> None:
    """Put the file in WAL mode (a setting the file keeps). Switching needs the file to
    itself, and SQLite answers "database is locked" at once, without waiting out the busy
    timeout, when another process opens the new file at the same moment (every gunicorn
    worker opening a new side file at start): so look first, and retry the switch."""
    for attempt in range(attempts):
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.02)  # another process holds the file for a moment: try again


class StoreMissing(RuntimeError):
    """The SQLite file the dashboard was using is gone."""


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def _watch_sqlite_file(engine: Engine, path: Path) -> None:
    """An open SQLite connection keeps reading a file deleted under it. Each checkout from
    the pool checks the file is still the one opened: a replaced file is reopened; a
    deleted one is an error that says so (not a new empty database created in its place)."""
    opened = {"once": False}

    @event.listens_for(engine, "do_connect")
    def _refuse_a_vanished_file(_dialect, _record, _args, _params):
        if opened["once"] and not os.path.exists(path):
            raise StoreMissing(
                f"the database file {path} was deleted or moved while the dashboard was "
                "running; put it back (or point DATABASE_URL at the store), then start again")

    @event.listens_for(engine, "connect")
    def _remember_the_file(_dbapi_connection, record):
        record.info["file_id"] = _file_id(path)
        opened["once"] = True

    @event.listens_for(engine, "checkout")
    def _still_the_same_file(_dbapi_connection, record, _proxy):
        if _file_id(path) != record.info.get("file_id"):
            raise DisconnectionError(f"the database file {path} was deleted or replaced")


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration, in place."""
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_is_current(engine: Engine) -> bool:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head
