"""The team's store: the areas, its births and deaths and the Fingertips download loaded
through the refresh, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bench.national import national_areas
from data.export import write_fingertips_csv
from data.refresh import refresh
from tests.data.published_benchmarks.team import (
    LOCAL,
    fingertips_rows,
)


@pytest.fixture
def team_store(store, tmp_path, request, store_snapshots):
    """Loaded once per module and backend; each test gets its own copy."""
    def load():
        areas = national_areas()
        areas.to_csv(tmp_path / "areas.csv", index=False)
        LOCAL.to_csv(tmp_path / "births_deaths_blackpool.csv", index=False)
        published = fingertips_rows(areas)
        write_fingertips_csv(published, tmp_path / "fingertips_92196.csv")
        for name in ("areas.csv", "births_deaths_blackpool.csv", "fingertips_92196.csv"):
            report = refresh(store, [tmp_path / name], user="team")
            assert report.result == "loaded", report.lines()
        return published

    published = store_snapshots.prepared(request, "team", store, load)
    return store, published.copy()
