"""Who may upload extracts: user names with werkzeug password hashes, from Settings.upload_users.

Plain passwords are only ever compared against hashes here; nothing stores or logs them.
`hash_password_command` is the body of `python -m data hash-password [NAME]`, which prints
the `name:hash` entry an administrator puts in DASHBOARD_UPLOAD_USERS, as a shell line.
"""

from __future__ import annotations

import getpass
import shlex
import sys
from collections.abc import Callable, Mapping
from dataclasses import fields
from functools import cache
from typing import TextIO

from werkzeug.security import check_password_hash, generate_password_hash

from data.settings import Settings

# Sessions are signed with the secret key: shorter keys can be guessed offline from one
# signed cookie, and a guessed key forges a signed-in session.
MIN_SECRET_BYTES = 32
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
    if len(settings.secret_key.encode()) < MIN_SECRET_BYTES:
        return (f"Uploading is switched off: DASHBOARD_SECRET_KEY must be at least "
                f"{MIN_SECRET_BYTES} bytes of random text (for example the output of "
                "`python -c \"import secrets; print(secrets.token_urlsafe(48))\"`). Until then, whoever runs "
                "the dashboard loads the files on the server.")
    return None


def may_see_records(settings: Settings, user: str | None) -> bool:
    """Whether signed-in `user` may see record-level child death review details on the web:
    a configured uploader named in `record_viewers`, or any uploader when it is unset."""
    if not user or user not in settings.upload_users:
        return False
    return settings.record_viewers is None or user in settings.record_viewers


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


def users_export_line(entry: str) -> str:
    """A shell line setting DASHBOARD_UPLOAD_USERS to `entry`, quoted so that it pastes as
    it is: a werkzeug hash holds `$`, which a shell would otherwise expand."""
    return f"export DASHBOARD_UPLOAD_USERS={shlex.quote(entry)}"


def hash_password_command(
    name: str | None = None,
    read_password: Callable[[str], str] | None = None,
    out: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Ask for a password twice (never echoed), or read it as the first line of standard
    input when that is not a terminal (`printf '%s\n' "$PW" | python -m data
    hash-password NAME`), and print the users entry as a shell line (or only the quoted
    hash when no user name is given). Returns the exit status: 0 printed, 1 refused."""
    out = out or sys.stdout
    stdin = stdin or sys.stdin
    if read_password is None and not stdin.isatty():
        password = stdin.readline().rstrip("\r\n")
        again = password  # piped: nobody to ask twice
    else:
        ask = read_password or getpass.getpass
        password = ask("Password: ")
        again = ask("Password again: ") if password else ""
    if not password:
        print("A password cannot be empty.", file=sys.stderr)
        return 1
    if again != password:
        print("The two passwords differ; nothing printed.", file=sys.stderr)
        return 1
    try:
        line = (users_export_line(users_entry(name, password)) if name
                else shlex.quote(hash_password(password)))
    except ValueError as error:
        print(f"{error}.", file=sys.stderr)
        return 1
    print(line, file=out)
    if name:
        print("Several users: separate their name:hash entries with commas inside the quotes.",
              file=sys.stderr)
    return 0
