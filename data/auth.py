"""Who may upload extracts: user names with werkzeug password hashes, from Settings.upload_users.

Plain passwords are only ever compared against hashes here; nothing stores or logs them.
`hash_password_command` is the body of `python -m data hash-password [NAME]`, which prints
the `name:hash` entry an administrator puts in DASHBOARD_UPLOAD_USERS.
"""

from __future__ import annotations

import getpass
import math
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from typing import TextIO

from werkzeug.security import check_password_hash, generate_password_hash

from data.settings import Settings

# Characters DASHBOARD_UPLOAD_USERS uses to separate entries and names from hashes.
_RESERVED_IN_NAMES = (",", ":")


def _default_secret() -> str:
    return next(f.default for f in fields(Settings) if f.name == "secret_key")


def upload_unavailable_reason(settings: Settings) -> str | None:
    """Why signing in to upload is switched off on this server, or None when it is on.

    Sessions are signed with the secret key: with the published default anyone could forge
    a signed-in session, so uploads stay off until a real secret is configured."""
    if not settings.upload_users:
        return ("Uploading here is switched off: no upload users are configured (the server's "
                "DASHBOARD_UPLOAD_USERS setting). Until they are, whoever runs the dashboard "
                "loads the files on the server.")
    if not settings.secret_key or settings.secret_key == _default_secret():
        return ("Uploading here is switched off until the server's DASHBOARD_SECRET_KEY "
                "setting is a long random value. Until then, whoever runs the dashboard loads "
                "the files on the server.")
    return None


def hash_password(password: str) -> str:
    """A salted werkzeug hash (scrypt, werkzeug's default method) of `password`."""
    if not password:
        raise ValueError("a password cannot be empty")
    return generate_password_hash(password)


@cache
def _decoy_hash() -> str:
    # Checked when the user name is unknown, so that a wrong name takes as long to refuse
    # as a wrong password and the timing does not reveal which names exist.
    return generate_password_hash("decoy password never accepted")


def verify_user(users: Mapping[str, str], name: str, password: str) -> bool:
    """True only when `name` is a configured uploader and `password` matches its hash."""
    stored = users.get(name)
    if stored is None or not password:
        check_password_hash(_decoy_hash(), password or "")
        return False
    try:
        return check_password_hash(stored, password)
    except ValueError:  # a malformed hash in the configuration never signs anyone in
        return False


def users_entry(name: str, password: str) -> str:
    """The `name:hash` item for DASHBOARD_UPLOAD_USERS (items are separated by commas)."""
    if not name or any(mark in name for mark in _RESERVED_IN_NAMES):
        raise ValueError("a user name must be non-empty and contain neither ',' nor ':'")
    return f"{name}:{hash_password(password)}"


def hash_password_command(
    name: str | None = None,
    read_password: Callable[[str], str] = getpass.getpass,
    out: TextIO | None = None,
) -> int:
    """Ask for a password twice (never echoed) and print its hash, or `name:hash` when a
    user name is given. Returns the exit status: 0 printed, 1 refused."""
    out = out or sys.stdout
    password = read_password("Password: ")
    if not password:
        print("A password cannot be empty.", file=sys.stderr)
        return 1
    if read_password("Password again: ") != password:
        print("The two passwords differ; nothing printed.", file=sys.stderr)
        return 1
    try:
        print(users_entry(name, password) if name else hash_password(password), file=out)
    except ValueError as error:
        print(f"{error}.", file=sys.stderr)
        return 1
    return 0


@dataclass
class FailedSignIns:
    """Failed sign-ins counted per key (a user name, a client address) over a sliding window:
    after `limit` failures within `window` seconds a key is refused until the oldest of
    them is `window` seconds old.

    Counts live in this process's memory, so each server process (gunicorn worker) keeps
    its own: with N workers an attacker gets at most N x `limit` guesses a window. Keys
    not seen for a window are forgotten, and at most `max_keys` are kept (the stalest go
    first), so a flood of made-up user names cannot grow it without bound.
    """

    limit: int = 5
    window: float = 15 * 60
    max_keys: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _failures: dict[Hashable, deque[float]] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def retry_after(self, *keys: Hashable) -> int | None:
        """Whole seconds until every one of `keys` may try again, or None if all may now."""
        now = self.clock()
        with self._lock:
            waits = []
            for key in keys:
                times = self._recent(key, now)
                if len(times) >= self.limit:
                    waits.append(times[-self.limit] + self.window - now)
        return max(1, math.ceil(max(waits))) if waits else None

    def record_failure(self, *keys: Hashable) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                times.append(now)
                self._failures.pop(key, None)  # re-inserted last: dicts keep insertion order
                self._failures[key] = times
            # Keys run from the stalest last failure to the newest: drop the expired, then
            # the stalest beyond the cap.
            while self._failures:
                stalest = next(iter(self._failures))
                if (len(self._failures) <= self.max_keys
                        and self._failures[stalest][-1] > now - self.window):
                    break
                del self._failures[stalest]

    def forget(self, *keys: Hashable) -> None:
        """Clear the failures of `keys` (a user name after that user signs in)."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _recent(self, key: Hashable, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times
