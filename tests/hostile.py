"""Stores for the hostile-input tests: the whole synthetic sample loaded, then area names
replaced by hostile text (markup, spreadsheet formulas) as an extract could carry them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, update

from data.schema import area, precomputed_result
from data.settings import Settings
from data.store import make_engine
from tests.support.stores import SampleStores

SOURCES = ["areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop"]


def sample_store(stores: SampleStores, folder: Path, rename: Callable[[str], str | None]
                 ) -> Settings:
    """A SQLite store in `folder` with every sample extract loaded; each area whose
    `rename(code)` is not None gets that name."""
    settings = stores.copy(folder, SOURCES).settings
    engine = make_engine(settings)
    with engine.begin() as connection:
        for code in connection.execute(select(area.c.code)).scalars().all():
            name = rename(code)
            if name is not None:
                connection.execute(update(area).where(area.c.code == code).values(name=name))
        # renamed outside a load: results worked out at the load would show the old names
        connection.execute(precomputed_result.delete())
    engine.dispose()
    return settings
