"""Sample extracts written once per test session for the data tests (read-only: tests
that need a changed file write their own copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.sample import write_sample

SAMPLE_LAST_YEAR = 2025


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as the dashboard ships it, for the generator's own tests."""
    out = tmp_path_factory.mktemp("sample")
    write_sample(out, last_year=SAMPLE_LAST_YEAR)
    return out


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A sample ending in 2024, for the refresh tests: extract type -> file."""
    folder = tmp_path_factory.mktemp("sample-2024")
    return {path.stem: path for path in write_sample(folder, last_year=2024)}
