"""The load log: one row per refresh attempt, successful or refused."""

from __future__ import annotations

import getpass
import json
import os
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select, update

from data.queries.precomputed import carry_over
from data.queries.version import version_of
from data.schema import load


def current_user() -> str:
    try:
        return os.environ.get("DASHBOARD_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"


def now() -> datetime:
    return datetime.now(UTC)


def start_load(connection: Connection, user: str, files: list[dict], sources: list[str]) -> int:
    result = connection.execute(
        insert(load).values(
            started_at=now(), user_name=user, files_json=json.dumps(files),
            source_types=",".join(sorted(set(sources))), rows=0, periods="",
            result="running", changes_json="{}", message="",
        )
    )
    return int(result.inserted_primary_key[0])


def finish_load(
    connection: Connection, load_id: int, *, result: str, rows: int, periods: str,
    changes: dict, message: str = "",
) -> None:
    connection.execute(
        update(load).where(load.c.id == load_id).values(
            finished_at=now(), result=result, rows=rows, periods=periods,
            changes_json=json.dumps(changes), message=message,
        )
    )


def record_refused(engine: Engine, user: str, files: list[dict], sources: list[str], message: str) -> int:
    """A refused attempt is logged in its own transaction; the data tables are not touched
    (so the pages' precomputed results carry over to the version this makes)."""
    with engine.begin() as connection:
        before = version_of(connection)
        load_id = start_load(connection, user, files, sources)
        finish_load(connection, load_id, result="refused", rows=0, periods="", changes={},
                    message=message)
        carry_over(connection, before, version_of(connection))
    return load_id


def history(engine: Engine) -> pd.DataFrame:
    """The load log, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(select(load).order_by(load.c.id.desc())).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in load.columns])
    frame["files"] = frame["files_json"].map(
        lambda text: ", ".join(f["name"] for f in json.loads(text)) if text else "")
    return frame
