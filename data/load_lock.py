"""One load at a time, on every backend: a lock held by the refresh's own transaction, so it
ends with the transaction, however that ends (commit, rollback, a killed process).

PostgreSQL: a transaction-level advisory lock; the holder puts who and since when in its
session's application_name, where any other session can read it. SQLite: the database's
own write lock, taken at the start of the transaction; who holds it is written to a small
file beside the database. Either way a second load says who is loading, then waits (up
to ``wait_seconds``) or, told not to wait, stops so the user can try again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

# the two int4 keys of pg_advisory_xact_lock(int, int): "imd" and "load"
_KEYS = {"a": 0x696D64, "b": 0x6C6F6164}
_STAMP = re.compile(r"^imd-load (\d\d:\d\d) (.*)$")
_SQLITE_BUSY_MS = 60_000  # make_engine's timeout, put back once the lock is taken


class LoadBusy(Exception):
    """Another load holds the lock; the message says who and since when."""


def _stamp(user: str) -> str:
    return f"imd-load {datetime.now().astimezone():%H:%M} {user}"[:63]  # NAMEDATALEN - 1


def busy_message(holder: str | None) -> str:
    """'another load is running since 09:41 by alice' from a holder stamp (or without them)."""
    found = _STAMP.match(holder or "")
    if found:
        return f"another load is running since {found.group(1)} by {found.group(2)}"
    return "another load is running"


def hold(connection: Connection, user: str, wait_seconds: float = 600,
         on_wait: Callable[[str], None] | None = None) -> None:
    """Take the load lock for the rest of ``connection``'s transaction. Raises LoadBusy
    when another load holds it and ``wait_seconds`` is 0 or runs out."""
    if connection.dialect.name == "postgresql":
        _hold_postgres(connection, user, wait_seconds, on_wait)
    else:
        _hold_sqlite(connection, user, wait_seconds, on_wait)


def _hold_postgres(connection: Connection, user: str, wait_seconds: float,
                   on_wait: Callable[[str], None] | None) -> None:
    if not connection.execute(text("SELECT pg_try_advisory_xact_lock(:a, :b)"), _KEYS).scalar():
        message = busy_message(postgres_holder(connection))
        if wait_seconds <= 0:
            raise LoadBusy(f"{message}; try again when it has finished")
        if on_wait:
            on_wait(f"{message}; waiting")
        connection.execute(text("SELECT set_config('lock_timeout', :ms, true)"),
                           {"ms": f"{int(wait_seconds * 1000)}ms"})
        try:
            connection.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), _KEYS)
        except OperationalError as error:  # lock_timeout: the transaction is over
            raise LoadBusy(f"{message}; gave up after waiting {wait_seconds:.0f} s, "
                           "try again") from error
        connection.execute(text("SELECT set_config('lock_timeout', '0', true)"))
    connection.execute(text("SELECT set_config('application_name', :stamp, true)"),
                       {"stamp": _stamp(user)})


def postgres_holder(connection: Connection) -> str | None:
    """The application_name of the session holding the load lock, if any."""
    return connection.execute(text(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :a AND l.objid = :b "
        "AND l.objsubid = 2"), _KEYS).scalar()


def holder_file(connection: Connection) -> Path | None:
    database = connection.engine.url.database or ""
    if database.startswith("file:"):  # a URI filename: file:/path/store.sqlite?mode=ro
        database = database.removeprefix("file:").partition("?")[0]
    return Path(f"{database}.load") if database and database != ":memory:" else None


def _hold_sqlite(connection: Connection, user: str, wait_seconds: float,
                 on_wait: Callable[[str], None] | None) -> None:
    # a write that changes nothing takes the write lock now, not at the first real write
    take = text("UPDATE load SET id = id WHERE 0")
    info = holder_file(connection)
    connection.exec_driver_sql("PRAGMA busy_timeout = 0")
    try:
        try:
            connection.execute(take)
        except OperationalError as error:
            if "locked" not in str(error.orig):
                raise
            message = busy_message(_read_holder(info))
            if wait_seconds <= 0:
                raise LoadBusy(f"{message}; try again when it has finished") from error
            if on_wait:
                on_wait(f"{message}; waiting")
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")
            try:
                connection.execute(take)
            except OperationalError as waited:
                raise LoadBusy(f"{message}; gave up after waiting {wait_seconds:.0f} s, "
                               "try again") from waited
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
    if info is not None:
        try:
            info.write_text(json.dumps({"stamp": _stamp(user)}), encoding="utf-8")
        except OSError:
            pass  # only the busy message of a second load would miss the name


def _read_holder(info: Path | None) -> str | None:
    try:
        return json.loads(info.read_text(encoding="utf-8"))["stamp"] if info else None
    except (OSError, ValueError, KeyError):
        return None
