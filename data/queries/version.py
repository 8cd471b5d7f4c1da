"""The store's data version: what every cached and precomputed result is keyed by.

The version is (number of loads, highest load id, latest finish time) of the load log. The
count is there because on PostgreSQL ids come from a sequence when a load starts, so two
loads can commit out of id order; every commit still adds a row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from sqlalchemy import Connection, Engine, func, select

from data.schema import load

_VERSION_QUERY = select(func.count(), func.max(load.c.id), func.max(load.c.finished_at))
_pinned: ContextVar[tuple[Engine, tuple] | None] = ContextVar("pinned_data_version", default=None)


def data_version(engine: Engine) -> tuple:
    """(loads, highest load id, latest finish time) of the store: changes with every
    committed load, refused and recompute entries included. Inside `pinned(engine)`, the
    version read when the block began."""
    held = _pinned.get()
    if held is not None and held[0] is engine:
        return held[1]
    with engine.connect() as connection:
        return version_of(connection)


@contextlib.contextmanager
def pinned(engine: Engine) -> Iterator[tuple]:
    """The store's version read once, and given to every `data_version(engine)` inside the
    block (in this thread, and in contexts copied from it). For read-only work such as one
    page view's answer: the version is still read before the data, so what is kept under it
    was read at it or later, and the view costs one version query rather than one per
    cached query it makes. Never around a load: what it stored would be kept, and found,
    under the version before it."""
    version = data_version(engine)
    token = _pinned.set((engine, version))
    try:
        yield version
    finally:
        _pinned.reset(token)


def version_of(connection: Connection) -> tuple:
    """`data_version` as `connection` sees it (inside a load's transaction: the version
    its commit makes visible)."""
    return tuple(connection.execute(_VERSION_QUERY).one())
