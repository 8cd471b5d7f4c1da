"""Cached results shared by every server process through Redis (`REDIS_URL`).

`data.queries.cache` keeps results per process; with a shared cache registered for a store
(`share`), a result missing there is looked up in Redis before it is computed, and a
computed one is written to Redis, so the first worker to build a page serves it to all the
others. Keys carry the store's data version, as the per-process cache's do: a load changes
the version, so nothing stored under an older one is ever read again; the first process to
see a new version deletes the older versions' entries, and every entry expires anyway.

Values are pickled and signed with the deployment's secret key (HMAC-SHA256): an entry
that was not written by a process holding the key is ignored, never unpickled. Redis being
down makes every lookup a miss (logged once), never a failed page.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import Engine

from data.queries import signed
from data.queries.signed import MISSING

log = logging.getLogger(__name__)
PREFIX = "dashboard:cache:"
# Long enough for a day of views at one version; old versions are deleted when seen.
ENTRY_SECONDS = 24 * 3600
# The longest one process's computation keeps the others waiting for it (then they compute
# it themselves): above any page's first view, which takes seconds at most.
COMPUTING_SECONDS = 120
FIRST_PAUSE, LONGEST_PAUSE = 0.005, 0.1


class SharedCache:
    """One store's entries in Redis, under a prefix naming the store."""

    def __init__(self, engine: Engine, url: str, secret: str) -> None:
        import redis  # only needed when REDIS_URL is set

        self.redis = redis.Redis.from_url(url)
        self.errors = (redis.RedisError, OSError)
        store = engine.url.render_as_string(hide_password=True)
        self.prefix = PREFIX + hashlib.sha256(store.encode()).hexdigest()[:16] + ":"
        self.secret = signed.signing_key("shared cache", secret)
        self.version: tuple | None = None
        self.hits = self.misses = 0
        self._warned = False

    def _version_prefix(self, version: tuple) -> str:
        return self.prefix + signed.version_hash(version)[:16] + ":"

    def _key(self, version: tuple, key: Hashable) -> str:
        return self._version_prefix(version) + signed.key_hash(key)

    def _failed(self, error: Exception) -> None:
        if not self._warned:
            log.warning("shared cache unavailable, computing locally: %s", error)
            self._warned = True

    def get(self, version: tuple, key: Hashable) -> Any:
        """The value stored for `key` at `version`, or `MISSING`."""
        self._seen(version)
        try:
            blob = self.redis.get(self._key(version, key))
        except self.errors as error:
            self._failed(error)
            return MISSING
        value = signed.unseal(self.secret, blob)
        if value is MISSING:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def compute_once(self, version: tuple, key: Hashable, compute: Callable[[], Any]
                     ) -> tuple[Any, bool]:
        """(value, computed here) for `key` at `version`, computed by one process only: the
        first to miss marks the key as being computed, computes and stores it; the others
        wait for that value instead of computing the same thing at the same time (after a
        load or a restart every worker misses together). A waiter computes it itself when
        the mark goes without a value (that process failed, or the value cannot be shared)
        or outlives COMPUTING_SECONDS; Redis being down means computing here."""
        flag = self._key(version, key) + ":computing"
        try:
            mine = bool(self.redis.set(flag, b"1", nx=True, ex=COMPUTING_SECONDS))
        except self.errors as error:
            self._failed(error)
            return compute(), True
        # The holder may have stored the value and let go between our miss and our mark.
        value = self._wait_for(version, key, flag) if not mine else self._stored(version, key)
        if value is not MISSING:
            if mine:
                self._let_go(flag)
            return value, False
        try:
            value = compute()
            self.put(version, key, value)
        finally:
            if mine:
                self._let_go(flag)
        return value, True

    def _stored(self, version: tuple, key: Hashable) -> Any:
        try:
            stored = self.redis.exists(self._key(version, key))
        except self.errors as error:
            self._failed(error)
            return MISSING
        return self.get(version, key) if stored else MISSING

    def _let_go(self, flag: str) -> None:
        try:
            self.redis.delete(flag)
        except self.errors as error:
            self._failed(error)

    def _wait_for(self, version: tuple, key: Hashable, flag: str) -> Any:
        """The value another process is computing, once stored; MISSING if its mark goes
        (or expires) first. Polls, doubling the pause up to LONGEST_PAUSE: a wait costs
        this worker nothing but the polls, where computing would cost the CPU again."""
        name = self._key(version, key)
        pause, deadline = FIRST_PAUSE, time.monotonic() + COMPUTING_SECONDS
        try:
            while time.monotonic() < deadline:
                stored, computing = self.redis.pipeline().exists(name).exists(flag).execute()
                if stored:
                    return self.get(version, key)  # MISSING if it fails its signature
                if not computing:
                    return MISSING
                time.sleep(pause)  # another process is computing it
                pause = min(pause * 2, LONGEST_PAUSE)
        except self.errors as error:
            self._failed(error)
        return MISSING

    def put(self, version: tuple, key: Hashable, value: Any) -> None:
        blob = signed.seal(self.secret, value)
        if blob is None:
            return
        try:
            self.redis.set(self._key(version, key), blob, ex=ENTRY_SECONDS)
        except self.errors as error:
            self._failed(error)

    def _seen(self, version: tuple) -> None:
        """On a version new to this process, delete the entries of every other version."""
        if version == self.version:
            return
        self.version = version
        keep = self._version_prefix(version)
        try:
            stale = [k for k in self.redis.scan_iter(match=self.prefix + "*", count=1000)
                     if not k.decode().startswith(keep)]
            if stale:
                self.redis.unlink(*stale)
        except self.errors as error:
            self._failed(error)

    def clear(self) -> None:
        """Delete every entry of this store (benchmarks time a first view after a load)."""
        self.version = None
        try:
            keys = list(self.redis.scan_iter(match=self.prefix + "*", count=1000))
            if keys:
                self.redis.unlink(*keys)
        except self.errors as error:
            self._failed(error)

