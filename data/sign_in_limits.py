"""Failed sign-ins counted by every server process: in the store, or in Redis when REDIS_URL
is set, so N gunicorn workers (or N servers) allow no more guesses than one.

Two rules, each over a sliding window:
- per user name: 5 failures in 15 minutes and that name must wait (from any address)
  until the oldest of them is 15 minutes old. This is the guard against guessing one
  password.
- per client address: 10 failures in a minute and that address waits until the oldest of
  them is a minute old. Short on purpose: it slows one machine spraying many names, but
  the right user behind the same address (an office proxy, or themselves after typos
  under another name) waits a minute at most, never a quarter of an hour.

An attempt is recorded *before* its password is checked and counted against the attempts
recorded before it, so a burst of simultaneous guesses spread over all the workers gets no
more through than the limit. A refused (429) attempt is removed again, so hammering does
not prolong the wait; a successful sign-in clears its user name's failures.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Engine, delete, insert, select

from data.schema import sign_in_attempt


@dataclass(frozen=True)
class Rule:
    kind: str
    limit: int
    window: float


USER_RULE = Rule("user", 5, 15 * 60)
ADDRESS_RULE = Rule("address", 10, 60)


def key_hash(kind: str, value: str) -> str:
    # Hashed: what someone typed as a user name (sometimes a password) is never stored.
    return hashlib.sha256(f"{kind}:{value}".encode("utf-8", "surrogatepass")).hexdigest()


class Backend(Protocol):
    def add(self, key: str, at: float, horizon: float) -> int: ...
    def earlier(self, key: str, since: float, before: int, limit: int) -> list[float]: ...
    def remove(self, key: str, attempt: int) -> None: ...
    def clear(self, key: str) -> None: ...


class StoreBackend:
    """Attempts as rows of the store's sign_in_attempt table (PostgreSQL or SQLite)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, key: str, at: float, horizon: float) -> int:
        with self.engine.begin() as connection:
            connection.execute(delete(sign_in_attempt).where(sign_in_attempt.c.at < horizon))
            result = connection.execute(insert(sign_in_attempt).values(key_hash=key, at=at))
            return int(result.inserted_primary_key[0])

    def earlier(self, key: str, since: float, before: int, limit: int) -> list[float]:
        query = (select(sign_in_attempt.c.at)
                 .where(sign_in_attempt.c.key_hash == key, sign_in_attempt.c.at > since,
                        sign_in_attempt.c.id < before)
                 .order_by(sign_in_attempt.c.at.desc()).limit(limit))
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def remove(self, key: str, attempt: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(sign_in_attempt).where(sign_in_attempt.c.id == attempt))

    def clear(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(sign_in_attempt).where(sign_in_attempt.c.key_hash == key))


class RedisBackend:
    """Attempts as members of one sorted set per key (score = time), ids from a counter."""

    PREFIX = "dashboard:sign-in:"

    def __init__(self, url: str) -> None:
        import redis  # only needed when REDIS_URL is set

        self.redis = redis.Redis.from_url(url)

    def add(self, key: str, at: float, horizon: float) -> int:
        attempt = int(self.redis.incr(self.PREFIX + "next"))
        name = self.PREFIX + key
        with self.redis.pipeline() as pipe:
            pipe.zremrangebyscore(name, "-inf", horizon)
            pipe.zadd(name, {str(attempt): at})
            pipe.expire(name, int(max(USER_RULE.window, ADDRESS_RULE.window)) + 60)
            pipe.execute()
        return attempt

    def earlier(self, key: str, since: float, before: int, limit: int) -> list[float]:
        members = self.redis.zrangebyscore(self.PREFIX + key, f"({since}", "+inf", withscores=True)
        times = sorted((at for member, at in members if int(member) < before), reverse=True)
        return times[:limit]

    def remove(self, key: str, attempt: int) -> None:
        self.redis.zrem(self.PREFIX + key, str(attempt))

    def clear(self, key: str) -> None:
        self.redis.delete(self.PREFIX + key)


@dataclass
class Attempt:
    """A sign-in attempt under way: its record per key, to keep (failed) or clear."""

    user_key: str
    records: list[tuple[str, int]]


class SignInLimits:
    """The two rules over a shared backend; `clock` is seconds since the epoch."""

    def __init__(self, backend: Backend, rules: tuple[Rule, Rule] = (USER_RULE, ADDRESS_RULE),
                 clock: Callable[[], float] = time.time) -> None:
        self.backend, self.rules, self.clock = backend, rules, clock

    def begin(self, user: str, address: str) -> tuple[Attempt | None, int | None]:
        """(the attempt, None) when the password may be checked, else (None, whole seconds
        to wait) with nothing recorded."""
        now = self.clock()
        horizon = now - max(rule.window for rule in self.rules)
        keys = [(rule, key_hash(rule.kind, value)) for rule, value in zip(self.rules, (user, address),
                                                                           strict=True)]
        records = [(key, self.backend.add(key, now, horizon)) for _rule, key in keys]
        waits = []
        for (rule, key), (_key, attempt) in zip(keys, records, strict=True):
            before = self.backend.earlier(key, now - rule.window, attempt, rule.limit)
            if len(before) >= rule.limit:
                waits.append(before[rule.limit - 1] + rule.window - now)
        if waits:
            for key, attempt in records:
                self.backend.remove(key, attempt)
            return None, max(1, math.ceil(max(waits)))
        return Attempt(keys[0][1], records), None

    def succeeded(self, attempt: Attempt) -> None:
        self.backend.clear(attempt.user_key)
        for key, record in attempt.records[1:]:
            self.backend.remove(key, record)

    def failed(self, attempt: Attempt) -> None:
        """Nothing to do: the attempt's records stay and count."""


def shared_limits(engine: Engine, redis_url: str | None) -> SignInLimits:
    """The limits for this deployment: Redis when configured, else the store."""
    return SignInLimits(RedisBackend(redis_url) if redis_url else StoreBackend(engine))
