"""Results precomputed by the refresh, kept in the store: the cache's persistent tier.

`data.queries.cache.remember` looks a result up in the process, then in Redis (with
`REDIS_URL`), then here, and only then computes it. The refresh fills this table in its
own transaction (`data.precompute`), under the data version the load commits, so the
first view of a page after a load or a restart, in any worker, reads what the refresh
worked out; nothing computed from older data is ever read (rows are keyed by version, and
the refresh deletes the other versions' rows). Without rows, everything is computed as
before.

Each process reads a version's key hashes once (one small query), so a result that was not
precomputed costs no extra query. Values are signed pickles (`data.queries.signed`) keyed
by the deployment's secret: the refresh and the servers must share `DASHBOARD_SECRET_KEY`,
else the rows are ignored (and computed).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Hashable, Iterable
from typing import Any

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.exc import SQLAlchemyError

from data.queries import signed
from data.queries.signed import MISSING
from data.schema import precomputed_result

log = logging.getLogger(__name__)
PURPOSE = "precomputed result"
NAME_WIDTH = 200


class Precomputed:
    """One store's precomputed rows as this process sees them."""

    def __init__(self, secret: str, budget_seconds: float | None = None) -> None:
        self.signing = signed.signing_key(PURPOSE, secret)
        self.budget_seconds = budget_seconds  # what the refresh may spend; None: its default
        self.version: str | None = None
        self.keys: frozenset[str] = frozenset()
        self.hits = 0
        self._lock = threading.Lock()

    def get(self, engine: Engine, version: tuple, key: Hashable) -> Any:
        """The value precomputed for `key` at `version`, or MISSING."""
        version_id, wanted = signed.version_hash(version), signed.key_hash(key)
        with self._lock:
            known = self.version == version_id
            keys = self.keys
        if not known:
            keys = self._read_keys(engine, version_id)
        if wanted not in keys:
            return MISSING
        query = select(precomputed_result.c.payload).where(
            precomputed_result.c.version == version_id, precomputed_result.c.key_hash == wanted)
        with engine.connect() as connection:
            blob = connection.execute(query).scalar_one_or_none()
        value = signed.unseal(self.signing, blob)
        if value is not MISSING:
            self.hits += 1
        return value

    def _read_keys(self, engine: Engine, version_id: str) -> frozenset[str]:
        query = select(precomputed_result.c.key_hash).where(
            precomputed_result.c.version == version_id)
        try:
            with engine.connect() as connection:
                keys = frozenset(connection.execute(query).scalars())
        except SQLAlchemyError as error:  # a store not yet upgraded: compute as before
            log.warning("precomputed results unavailable: %s", error)
            keys = frozenset()
        with self._lock:
            self.version, self.keys = version_id, keys
        return keys

    def write(self, connection: Connection, version: tuple,
              entries: Iterable[tuple[Hashable, Any]]) -> int:
        """Store `entries` (key, value) under `version`, in the caller's transaction, and
        delete every other version's rows; the number of rows written."""
        version_id = signed.version_hash(version)
        rows: dict[str, dict] = {}
        for key, value in entries:
            blob = signed.seal(self.signing, value)
            if blob is not None:
                rows[signed.key_hash(key)] = {
                    "version": version_id, "key_hash": signed.key_hash(key),
                    "name": _name(key), "payload": blob}
        forget_other_versions(connection, version_id)
        if rows:
            connection.execute(precomputed_result.insert(), list(rows.values()))
        return len(rows)


def _name(key: Hashable) -> str:
    """What a row holds, for someone reading the table: the query's or view's name."""
    head = key[0] if isinstance(key, tuple) and key else key
    if head == "callback output" and isinstance(key, tuple) and len(key) > 1:
        head = f"callback output {key[1][0] if isinstance(key[1], tuple) else key[1]}"
    return str(head)[:NAME_WIDTH]


def forget_other_versions(connection: Connection, version_id: str | None = None) -> None:
    """Delete every precomputed row not of `version_id` (none: every row)."""
    query = delete(precomputed_result)
    if version_id is not None:
        query = query.where(precomputed_result.c.version != version_id)
    connection.execute(query)


def carry_over(connection: Connection, before: tuple, after: tuple) -> None:
    """Keep the rows of version `before` for version `after`: a load that changed no data
    (a refused attempt) still makes a new version."""
    connection.execute(precomputed_result.update()
                       .where(precomputed_result.c.version == signed.version_hash(before))
                       .values(version=signed.version_hash(after)))
