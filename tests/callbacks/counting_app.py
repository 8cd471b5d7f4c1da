"""The dashboard for gunicorn with a count of the SQL statements its process has run, at
`/_test/statements`, so a test can tell which worker queried the store (`counting_app:server`)."""

from __future__ import annotations

import itertools
import os

from flask import jsonify
from sqlalchemy import Engine, event

_counter = itertools.count()
_seen = [0]


@event.listens_for(Engine, "before_cursor_execute")
def _count(*_args) -> None:
    _seen[0] = next(_counter) + 1


def __getattr__(name: str):
    if name == "server":
        from app import create_app

        server = create_app().server
        server.add_url_rule("/_test/statements", "statements",
                            lambda: jsonify(statements=_seen[0], pid=os.getpid()))
        return server
    raise AttributeError(name)
