"""Fixtures for the statistics tests: where the shared reference data lives.

Reference files are read in place from ../shared/data/raw (never copied into the
repository). Without them the reference tests cannot prove anything, so they fail
loudly rather than skip.
"""

from pathlib import Path

import pytest

RAW = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "raw"
PHE_METHODS = RAW / "phe-indicator-methods"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"reference data not found at {path}; see ../shared/data/raw/SOURCES.md")
    return path


@pytest.fixture(scope="session")
def phe_methods_dir() -> Path:
    """PHEindicatormethods' own expected results (GPL-3 test fixtures)."""
    return _require(PHE_METHODS)


@pytest.fixture(scope="session")
def ons_child_mortality_workbook() -> Path:
    """ONS Child mortality (death cohort) tables, England and Wales, 2020."""
    return _require(RAW / "ons-child-mortality" / "EXAMPLE_cim2020deathcohortworkbook.xlsx")
