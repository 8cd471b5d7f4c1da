"""Results precomputed by the refresh, kept in the store: the cache's persistent tier.

`data.queries.cache.remember` looks a result up in the process, then in Redis (with
`REDIS_URL`), then here, and only then computes it. The refresh fills this table in its
own transaction (`data.precompute`), under the data version the load commits, so the
first view of a page after a load or a restart, in any worker, reads what the refresh
worked out; nothing computed from older data is ever read (rows are keyed by version, and
the refresh deletes the other versions' rows). Without rows, everything is computed as
before.

Each process reads a version's key hashes in one small query, and again on a miss at most
every `REREAD_SECONDS`, so a result that was not precomputed costs no extra query, and
results added after the load (by a server's warm-up, `callbacks.warm`, through `add`) are
found by every process within seconds. Values are signed pickles (`data.queries.signed`) keyed
by the deployment's secret: the refresh and the servers must share `DASHBOARD_SECRET_KEY`,
else the rows are ignored (and computed).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Hashable, Iterable
from typing import Any

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from data.queries import signed
from data.queries.signed import MISSING
from data.queries.version import version_of
from data.schema import precomputed_result

log = logging.getLogger(__name__)
PURPOSE = "precomputed result"
NAME_WIDTH = 200
REREAD_SECONDS = 2.0
CLAIM = ("warm-up claim",)
FINISHED = ("warm-up finished",)


class Precomputed:
    """One store's precomputed rows as this process sees them."""

    def __init__(self, secret: str, budget_seconds: float | None = None) -> None:
        self.signing = signed.signing_key(PURPOSE, secret)
        self.budget_seconds = budget_seconds  # what the refresh may spend; None: its default
        self.version: str | None = None
        self.keys: frozenset[str] = frozenset()
        self.read_at = 0.0
        self.hits = 0
        self._lock = threading.Lock()

    def get(self, engine: Engine, version: tuple, key: Hashable) -> Any:
        """The value precomputed for `key` at `version`, or MISSING."""
        version_id, wanted = signed.version_hash(version), signed.key_hash(key)
        with self._lock:
            known = self.version == version_id
            keys, stale = self.keys, time.monotonic() - self.read_at > REREAD_SECONDS
        if not known or (wanted not in keys and stale):
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
            self.version, self.keys, self.read_at = version_id, keys, time.monotonic()
        return keys

    def write(self, connection: Connection, version: tuple,
              entries: Iterable[tuple[Hashable, Any]]) -> int:
        """Store `entries` (key, value) under `version`, in the caller's transaction, and
        delete every other version's rows; the number of rows written."""
        rows = self._rows(signed.version_hash(version), entries)
        forget_other_versions(connection, signed.version_hash(version))
        if rows:
            connection.execute(precomputed_result.insert(), list(rows.values()))
        return len(rows)

    def add(self, engine: Engine, version: tuple, entries: Iterable[tuple[Hashable, Any]]) -> int:
        """Add `entries` to `version`'s rows in a transaction of their own, skipping keys it
        already holds; nothing when the store has moved on to another version (a load
        committed meanwhile). The number of rows added."""
        version_id = signed.version_hash(version)
        rows = self._rows(version_id, entries)
        with engine.begin() as connection:
            if signed.version_hash(version_of(connection)) != version_id:
                return 0
            held = set(connection.execute(select(precomputed_result.c.key_hash).where(
                precomputed_result.c.version == version_id)).scalars())
            new = [row for key, row in rows.items() if key not in held]
            if new:
                connection.execute(precomputed_result.insert(), new)
        with self._lock:
            if self.version == version_id:
                self.keys = self.keys | {row["key_hash"] for row in new}
        return len(new)

    def claim(self, engine: Engine, version: tuple, stale_after: float | None = None) -> bool:
        """True for the one caller, across every process on the store, that claims
        `version`'s warm-up first (a row of its own under the version, holding the time it
        was made, which the next load deletes with the rest). With `stale_after`, a claim
        made that many seconds ago whose warm-up never finished (its server was stopped
        part-way) is taken over, by one caller only."""
        version_id, claim_key = signed.version_hash(version), signed.key_hash(CLAIM)
        stamp = repr(time.time()).encode()
        row = {"version": version_id, "key_hash": claim_key, "name": CLAIM[0], "payload": stamp}
        try:
            with engine.begin() as connection:
                connection.execute(precomputed_result.insert(), [row])
            return True
        except IntegrityError:
            if stale_after is None:
                return False
        mine = (precomputed_result.c.version == version_id,
                precomputed_result.c.key_hash == claim_key)
        with engine.begin() as connection:
            held = connection.execute(select(precomputed_result.c.payload).where(*mine)).scalar()
            if held is None or self.finished(engine, version, connection) \
                    or time.time() - _claimed_at(held) < stale_after:
                return False
            # Compare and swap: of two callers taking over the same claim, one changes it.
            taken = connection.execute(precomputed_result.update().where(
                *mine, precomputed_result.c.payload == held).values(payload=stamp))
            return taken.rowcount == 1

    def finish(self, engine: Engine, version: tuple) -> None:
        """Mark `version`'s warm-up as finished (its areas done or its budget spent), so
        that nobody takes its claim over."""
        row = {"version": signed.version_hash(version), "key_hash": signed.key_hash(FINISHED),
               "name": FINISHED[0], "payload": b""}
        try:
            with engine.begin() as connection:
                connection.execute(precomputed_result.insert(), [row])
        except IntegrityError:
            pass  # finished already

    def finished(self, engine: Engine, version: tuple, connection: Connection | None = None
                 ) -> bool:
        """Whether `version`'s warm-up has finished."""
        query = select(precomputed_result.c.key_hash).where(
            precomputed_result.c.version == signed.version_hash(version),
            precomputed_result.c.key_hash == signed.key_hash(FINISHED))
        if connection is not None:
            return connection.execute(query).first() is not None
        with engine.connect() as own:
            return own.execute(query).first() is not None

    def _rows(self, version_id: str, entries: Iterable[tuple[Hashable, Any]]) -> dict[str, dict]:
        rows: dict[str, dict] = {}
        for key, value in entries:
            blob = signed.seal(self.signing, value)
            if blob is not None:
                rows[signed.key_hash(key)] = {
                    "version": version_id, "key_hash": signed.key_hash(key),
                    "name": _name(key), "payload": blob}
        return rows


def _claimed_at(payload: bytes) -> float:
    """A claim's time; a claim without one (made before claims held it) counts as new."""
    try:
        return float(payload.decode())
    except ValueError:
        return time.time()


def _name(key: Hashable) -> str:
    """What a row holds, for someone reading the table: the query's or view's name."""
    head = key[0] if isinstance(key, tuple) and key else key
    if head in ("callback output", "callback response") and isinstance(key, tuple) and len(key) > 1:
        head = f"{head} {key[1][0] if isinstance(key[1], tuple) else key[1]}"
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
