"""Deterministic synthetic sample extracts for demonstrations and tests.

`write_sample(out_dir)` writes one CSV per extract type with the canonical
columns of design §3. The figures are invented, drawn with a fixed seed around
realistic national, regional and local levels; the area codes and names are real
(ONS 2023 geography).
"""

from __future__ import annotations

from pathlib import Path

from ._tables import write_csv
from .births_deaths import COLUMNS as BIRTHS_DEATHS_COLUMNS
from .births_deaths import build_births_deaths
from .geography import AREAS_COLUMNS, areas_rows
from .targets import default_last_year

__all__ = ["default_last_year", "write_sample"]


def write_sample(out_dir: Path, last_year: int | None = None) -> list[Path]:
    """Write the sample extracts into `out_dir` (created if needed); return the paths.

    `last_year` is the last calendar year covered (default: the last full year
    before today). For a given `last_year` the files are byte-identical run to run.
    """
    year = default_last_year() if last_year is None else last_year
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        write_csv(out_dir / "areas.csv", AREAS_COLUMNS, areas_rows()),
        write_csv(out_dir / "births_deaths.csv", BIRTHS_DEATHS_COLUMNS, build_births_deaths(year)),
    ]
