"""Query results kept until the data change: memoised per store and data version.

The screens only read, and the store's data change only when a load commits (a refresh,
a refused attempt or a recompute, each a row of the load log written in the same
transaction as the data). So a result read at data version V stays right for as long as
the store is at V. Each lookup first reads the version with one small query on the load
log; a load committed by any process (another gunicorn worker, the command line, another
server on PostgreSQL) changes it, and the next lookup computes afresh. Nothing is served
from an older version, and nothing connects at import time.

The version (`data.queries.version`) is read before the data, so whatever is stored under
V was read at V or later.

With `REDIS_URL` set, `share` (called by the app) puts a Redis cache behind this one, so a
result computed by one worker serves every other (`data.queries.shared_cache`), and workers
that miss the same result at the same time (after a load or a restart) wait for the one
computing it rather than all computing it. Behind both,
`keep_precomputed` (called by `data.store.make_engine`) reads the results the refresh
worked out in its transaction (`data.queries.precomputed`, filled by `data.precompute`).

Cached values are shared between requests: `memoised` hands out copies of DataFrames,
lists and dicts; what `remember` returns must be treated as read-only.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Engine

from data.queries.precomputed import Precomputed
from data.queries.shared_cache import MISSING, SharedCache
from data.queries.version import data_version

T = TypeVar("T")
# Per store and process. Pages at national scale are 20-220 kB of JSON, 0.1-1 MB as Python
# objects, so the byte budget, not the count, is what usually evicts.
MAX_ENTRIES = 256
MAX_BYTES = 64 * 2**20

def approximate_bytes(value: Any) -> int:
    """Memory a cached value holds, roughly: exact for DataFrames, shallow otherwise."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=True).sum())
    if isinstance(value, (list, tuple)):
        return sys.getsizeof(value) + sum(sys.getsizeof(v) for v in value)
    return sys.getsizeof(value)


class _Store:
    """One store's cached results as (value, bytes), least recently used first."""

    def __init__(self) -> None:
        self.version: tuple | None = None
        self.entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def keep_only(self, version: tuple) -> None:
        self.version = version
        self.entries = OrderedDict((k, v) for k, v in self.entries.items() if k[0] == version)
        self.bytes = sum(size for _value, size in self.entries.values())

    def add(self, key: Hashable, value: Any, size: int) -> None:
        if key in self.entries:
            self.bytes -= self.entries.pop(key)[1]
        self.entries[key] = (value, size)
        self.bytes += size
        while self.entries and (len(self.entries) > MAX_ENTRIES or self.bytes > MAX_BYTES):
            self.bytes -= self.entries.popitem(last=False)[1][1]


_stores: weakref.WeakKeyDictionary[Engine, _Store] = weakref.WeakKeyDictionary()
_shared: weakref.WeakKeyDictionary[Engine, SharedCache] = weakref.WeakKeyDictionary()
_precomputed: weakref.WeakKeyDictionary[Engine, Precomputed] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_recording = threading.local()  # the precompute's list of computed (key, value), if any


def share(engine: Engine, redis_url: str | None, secret: str) -> None:
    """Keep the store's results in Redis at `redis_url` too (none: this process only);
    `secret` signs the entries."""
    if redis_url:
        _shared[engine] = SharedCache(engine, redis_url, secret)
    else:
        _shared.pop(engine, None)


def keep_precomputed(engine: Engine, secret: str, budget_seconds: float | None = None) -> None:
    """Read (and let the refresh write) the store's precomputed results, signed with a key
    derived from `secret`; the refresh spends up to `budget_seconds` on them (None: the
    default of data.precompute)."""
    _precomputed[engine] = Precomputed(secret, budget_seconds)


def precomputed(engine: Engine) -> Precomputed | None:
    """The store's precomputed results, when `keep_precomputed` was called for it."""
    return _precomputed.get(engine)


@contextlib.contextmanager
def recording() -> Iterator[list[tuple[Hashable, Any]]]:
    """Every (key, value) `remember` computed, or found only in Redis, in this thread
    inside the block: what the precomputed rows lack (the warm-up stores it)."""
    computed: list[tuple[Hashable, Any]] = []
    _recording.entries = computed
    try:
        yield computed
    finally:
        _recording.entries = None


def remember(engine: Engine, key: Hashable, compute: Callable[[], T],
             size: Callable[[T], int] = approximate_bytes) -> T:
    """`compute()` for `key` at the store's current data version, computed once per
    version and process (two threads may both compute it the first time); `size` tells
    how many bytes it holds, for the budget."""
    version = data_version(engine)
    full_key = (version, key)
    with _lock:
        store = _stores.setdefault(engine, _Store())
        if store.version != version:
            # A load committed (or this process saw an older version first): drop the rest.
            store.keep_only(version)
        if full_key in store.entries:
            store.entries.move_to_end(full_key)
            store.hits += 1
            return store.entries[full_key][0]
        store.misses += 1
        shared = _shared.get(engine)
        kept = _precomputed.get(engine)
    value = MISSING if shared is None else shared.get(version, key)
    if value is not MISSING:
        _record(key, value)
    else:
        value = MISSING if kept is None else kept.get(engine, version, key)
        if value is not MISSING and shared is not None:
            shared.put(version, key, value)
        elif value is MISSING:
            if shared is None:
                value = compute()
            else:  # one worker computes; the others, missing it at the same time, wait
                value, _here = shared.compute_once(version, key, compute)
            _record(key, value)
    weight = size(value)
    with _lock:
        store.add(full_key, value, weight)
    return value


def _record(key: Hashable, value: Any) -> None:
    if (entries := getattr(_recording, "entries", None)) is not None:
        entries.append((key, value))


def hashable(value: Any) -> Hashable:
    """`value` as a dictionary key: lists and tuples as tuples, sets as frozensets, dicts as
    their items in key order, marked as a dict."""
    if isinstance(value, (list, tuple)):
        return tuple(hashable(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    if isinstance(value, dict):
        return (dict, tuple(sorted(((k, hashable(v)) for k, v in value.items()),
                                   key=lambda item: str(item[0]))))
    return value


def memoised(function: Callable[..., T]) -> Callable[..., T]:
    """A read-only query `function(engine, *args, **kwargs)` kept per data version; its
    arguments are the key (lists are taken as tuples). DataFrames, lists and dicts come
    back as (shallow) copies, so a caller that changes one cannot change what the next
    caller gets."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def cached(engine: Engine, *args, **kwargs):
        key = (name, hashable(args), hashable(kwargs))
        value = remember(engine, key, lambda: function(engine, *args, **kwargs))
        return value.copy() if isinstance(value, (pd.DataFrame, list, dict)) else value

    cached.uncached = function  # the query itself, for tests and benchmarks
    return cached


def clear() -> None:
    """Forget every cached result, in Redis too (benchmarks use it to time the first view
    after a load); the precomputed rows stay, as they do after a load."""
    with _lock:
        _stores.clear()
        shared = list(_shared.values())
    for cache in shared:
        cache.clear()


def info(engine: Engine) -> dict[str, int]:
    """Hits, misses, entries and their approximate bytes held for the store, in this process,
    and this process's hits and misses in the shared cache (0 without one)."""
    with _lock:
        store = _stores.get(engine) or _Store()
        shared = _shared.get(engine)
        return {"hits": store.hits, "misses": store.misses, "entries": len(store.entries),
                "bytes": store.bytes, "shared_hits": shared.hits if shared else 0,
                "shared_misses": shared.misses if shared else 0,
                "precomputed_hits": _precomputed[engine].hits if engine in _precomputed else 0}
