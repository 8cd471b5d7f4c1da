"""Sample extracts written once per test session for the data tests (read-only: tests
that need a changed file write their own copy)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data.sample import write_sample

SAMPLE_LAST_YEAR = 2025
NORTH_WEST = "E12000002"


def local_area_codes(areas: pd.DataFrame) -> set[str]:
    """The areas of the sample's local extracts: England, the regions and the North West's
    authorities (the area list itself holds every upper-tier authority of England)."""
    local = (areas["area_type"] != "county_ua") | (areas["parent_code"] == NORTH_WEST)
    return set(areas.loc[local, "area_code"])


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as the dashboard ships it, for the generator's own tests."""
    out = tmp_path_factory.mktemp("sample")
    write_sample(out, last_year=SAMPLE_LAST_YEAR)
    return out


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
