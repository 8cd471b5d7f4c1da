"""The store's data version: what every cached and precomputed result is keyed by.

The version is (number of loads, highest load id, latest finish time) of the load log. The
count is there because on PostgreSQL ids come from a sequence when a load starts, so two
loads can commit out of id order; every commit still adds a row.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, func, select

from data.schema import load

_VERSION_QUERY = select(func.count(), func.max(load.c.id), func.max(load.c.finished_at))


def data_version(engine: Engine) -> tuple:
    """(loads, highest load id, latest finish time) of the store: changes with every
    committed load, refused and recompute entries included."""
    with engine.connect() as connection:
        return version_of(connection)


def version_of(connection: Connection) -> tuple:
    """`data_version` as `connection` sees it (inside a load's transaction: the version
    its commit makes visible)."""
    return tuple(connection.execute(_VERSION_QUERY).one())
