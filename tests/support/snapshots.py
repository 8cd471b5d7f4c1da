"""Stores set up once per module and backend, restored for each test that asks.

Some fixtures load the same files through the refresh for every test, on SQLite and on
PostgreSQL; the loads, not the tests, were most of their time. `StoreSnapshots.prepared`
runs the set-up on the first test's fresh store of each backend, keeps a copy of the result
(SQLite's online backup; PostgreSQL: a database made with it as template) and for every
later test restores that copy at the test's own URL, so each test still changes only its
own store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine


def sqlite_copy(source_path: str | Path, target_path: str | Path) -> None:
    """`target_path` made an exact copy of the SQLite store at `source_path`."""
    with sqlite3.connect(source_path) as source, sqlite3.connect(target_path) as target:
        source.backup(target)
    source.close()
    target.close()


class StoreSnapshots:
    """Set-ups kept under `folder` by (name, backend), each with what its set-up returned."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._kept: dict[tuple[str, str], tuple[str | Path, Any]] = {}

    def prepared(self, request: pytest.FixtureRequest, name: str, engine: Engine,
                 set_up: Callable[[], Any]) -> Any:
        """`set_up()`'s result, with the store behind `engine` (fresh and empty) holding
        what `set_up` made: run here the first time for this name and backend, restored
        from its copy after that. `engine` is disposed before a copy is taken or restored."""
        backend = engine.dialect.name
        key = (name, backend)
        if key not in self._kept:
            result = set_up()
            engine.dispose()
            if backend == "sqlite":
                copy: str | Path = self._folder / f"{name}-{len(self._kept)}.sqlite"
                sqlite_copy(engine.url.database, copy)
            else:
                copy = f"{engine.url.database}_{name}_template"
                request.getfixturevalue("postgres_server").create_database(copy, engine.url.database)
            self._kept[key] = (copy, result)
            return result
        copy, result = self._kept[key]
        engine.dispose()
        if backend == "sqlite":
            sqlite_copy(copy, engine.url.database)
        else:
            request.getfixturevalue("postgres_server").replace_database(engine.url.database, str(copy))
        return result
