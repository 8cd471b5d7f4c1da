"""Database errors in words a user can act on: disk full, read-only store, lost connection,
a value the database refuses. The readers refuse bad cells before they reach the store (see
data.widths); this is what is left, said plainly instead of as a traceback."""

from __future__ import annotations

import errno

from sqlalchemy.exc import SQLAlchemyError

# PostgreSQL SQLSTATE codes (appendix A of its manual), by their first characters
_POSTGRES = (
    ("53100", "the database server's disk is full"),
    ("53", "the database server ran out of resources (disk or memory)"),
    ("22001", "a value is longer than its database column allows"),
    ("22021", "a text value holds a character the database cannot store (a NUL byte?)"),
    ("22P05", "a text value holds a character the database cannot store (a NUL byte?)"),
    ("23505", "a row would be stored twice (the store's unique key refused it)"),
    ("25006", "the database is read-only"),
    ("08", "the connection to the database was lost"),
    ("57P", "the database server shut down or ended the connection"),
)
# SQLite result codes (sqlite3 gives their names)
_SQLITE = (
    ("SQLITE_FULL", "the disk holding the database is full"),
    ("SQLITE_READONLY", "the database file or its folder is read-only"),
    ("SQLITE_CANTOPEN", "the database file cannot be opened (a missing or read-only folder?)"),
    ("SQLITE_IOERR", "the database file could not be read or written (disk error)"),
    ("SQLITE_CORRUPT", "the database file is damaged"),
    ("SQLITE_NOTADB", "the database file is not a SQLite database"),
    ("SQLITE_CONSTRAINT_UNIQUE", "a row would be stored twice (the store's unique key refused it)"),
    ("SQLITE_BUSY", "the database is locked by another program"),
)
_OS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "the folder or file is not writable",
    errno.EPERM: "the folder or file is not writable",
}


def plain_message(error: BaseException) -> str:
    """What went wrong, in one line: the plain reason, then the database's own words."""
    cause = getattr(error, "orig", None) or error
    detail = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
    return f"{_reason(error, cause)} ({detail})"


def _reason(error: BaseException, cause: BaseException) -> str:
    if isinstance(cause, OSError) and cause.errno in _OS:
        return _OS[cause.errno]
    state = getattr(cause, "sqlstate", None) or ""
    for prefix, words in _POSTGRES:
        if state.startswith(prefix):
            return words
    name = getattr(cause, "sqlite_errorname", "") or ""
    for prefix, words in _SQLITE:
        if name.startswith(prefix):
            return words
    if isinstance(error, SQLAlchemyError) and getattr(error, "connection_invalidated", False):
        return "the connection to the database was lost"
    lowered = str(cause).lower()
    if "disk" in lowered and "full" in lowered:
        return "the disk holding the database is full"
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only"
    if "connection failed" in lowered or "could not connect" in lowered:
        return "the database server cannot be reached"
    if "closed the connection" in lowered or "connection" in lowered and "lost" in lowered:
        return "the connection to the database was lost"
    return "the database refused the change"
