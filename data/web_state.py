"""Where the web server keeps its own small shared state: failed sign-ins, upload jobs.

On PostgreSQL that is the store itself (tables from migration 0004): row locks let these
writes go on while a load's transaction runs. A SQLite store allows one writer at a time,
and a load holds the write lock for its whole transaction, so a sign-in or an upload's
progress written there would wait for the load (up to the busy timeout, then fail). On
SQLite they therefore live in a second SQLite file beside the store, shared by every
server process on the machine as the store is.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from data.schema import metadata, sign_in_attempt, upload_job
from data.settings import Settings
from data.store import make_engine

TABLES = [sign_in_attempt, upload_job]
_engines: dict[Path, Engine] = {}
_lock = threading.Lock()


def web_state_path(settings: Settings) -> Path:
    database = settings.database_url.removeprefix("sqlite:///")
    if not database or database == ":memory:":
        return settings.instance_dir / "web_state.sqlite"
    return Path(database).with_name(Path(database).stem + ".web-state.sqlite")


def web_state_engine(settings: Settings, store: Engine) -> Engine:
    """The engine for sign-in attempts and upload jobs (see the module's docstring), one
    per side file and process."""
    if not settings.is_sqlite:
        return store
    path = web_state_path(settings)
    with _lock:
        if path not in _engines:
            side = make_engine(dataclasses.replace(settings, database_url=f"sqlite:///{path}"))
            _create_tables(side)
            _engines[path] = side
        return _engines[path]


def _create_tables(side: Engine, attempts: int = 10) -> None:
    """The two small tables of migration 0004, in the side file. Every gunicorn worker
    starts by calling this at once: create_all's look-then-create is not atomic across
    processes, so a worker that loses the race to another ("table ... already exists")
    looks again, and finds what the winner made. A worker that failed here would stop
    gunicorn altogether."""
    for attempt in range(attempts):
        try:
            metadata.create_all(side, tables=TABLES)
            return
        except OperationalError as error:
            if "already exists" not in str(error) or attempt == attempts - 1:
                raise
