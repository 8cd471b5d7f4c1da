"""Sample extracts written once per test session for the data tests (read-only: tests
that need a changed file write their own copy)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data.refresh import refresh

SAMPLE_LAST_YEAR = 2025
NORTH_WEST = "E12000002"


def local_area_codes(areas: pd.DataFrame) -> set[str]:
    """The areas of the sample's local extracts: England, the regions and the North West's
    authorities (the area list itself holds every upper-tier authority of England)."""
    local = (areas["area_type"] != "county_ua") | (areas["parent_code"] == NORTH_WEST)
    return set(areas.loc[local, "area_code"])


@pytest.fixture(scope="session")
def sample_dir(sample_stores) -> Path:
    """The sample as the dashboard ships it, for the generator's own tests: the run's copy
    ending in SAMPLE_LAST_YEAR (written once for every worker; read-only)."""
    return sample_stores.files(SAMPLE_LAST_YEAR)["areas"].parent


@pytest.fixture(scope="session")
def sample_files(sample_stores) -> dict[str, Path]:
    """A sample ending in 2024, for the refresh tests: extract type -> file."""
    return sample_stores.files(2024)


@pytest.fixture(scope="session")
def births(sample_dir: Path) -> pd.DataFrame:
    """The sample's births and deaths as written."""
    return pd.read_csv(sample_dir / "births_deaths.csv", dtype={"area_code": str})


@pytest.fixture(scope="session")
def areas(sample_dir: Path) -> pd.DataFrame:
    """The sample's area table as written, every cell text."""
    return pd.read_csv(sample_dir / "areas.csv", dtype=str, keep_default_na=False)


@pytest.fixture
def births_store(store, sample_files, request, store_snapshots):
    """`store` holding the 2024 sample's areas and births and deaths as loaded by the
    refresh (user "t"): loaded once per module and backend, then restored for each test
    (tests/support/snapshots.py), so each test still changes only its own store."""
    def load() -> None:
        assert refresh(store, [sample_files["areas"], sample_files["births_deaths"]], user="t").ok

    store_snapshots.prepared(request, "births", store, load)
    return store
