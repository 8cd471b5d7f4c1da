"""Keeps the `indicator` table in step with the catalogue in code."""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass

from sqlalchemy import Connection, delete, select

from data.schema import indicator
from indicators.catalogue import CATALOGUE
from indicators.engine import METHODS_VERSION


def _metadata(entry: object) -> dict:
    fields = asdict(entry) if is_dataclass(entry) else dict(vars(entry))
    return {**fields, "methods_version": METHODS_VERSION}


def write_catalogue(connection: Connection) -> bool:
    """Replace the stored catalogue when it differs from the code's (definitions or the
    engine's METHODS_VERSION); say whether it did, so the refresh recomputes the values."""
    wanted = {
        entry.id: json.dumps(_metadata(entry), sort_keys=True, default=str) for entry in CATALOGUE
    }
    stored = dict(connection.execute(select(indicator.c.id, indicator.c.metadata_json)).all())
    if stored == wanted:
        return False
    connection.execute(delete(indicator))
    connection.execute(
        indicator.insert(),
        [
            {"id": entry.id, "fingertips_id": entry.fingertips_id, "name": entry.name,
             "metadata_json": wanted[entry.id]}
            for entry in CATALOGUE
        ],
    )
    return True
