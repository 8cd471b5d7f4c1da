"""Deterministic synthetic sample extracts for demonstrations and tests.

`write_sample(out_dir)` writes one CSV per extract type with the canonical
columns of design §3. The figures are invented, drawn with a fixed seed around
realistic national, regional and local levels; the area codes and names are real
(ONS 2023 geography).

Beside the local extracts (England, the regions and the North West's authorities) it
writes a synthetic national file in Fingertips' download format for England, the regions
and all upper-tier authorities (`fingertips_national`), which differs from the local
counts where `national.PUBLISHED_DIFFERENCES` says.
"""

from __future__ import annotations

from pathlib import Path

from . import (
    action_plan,
    births_deaths,
    booking,
    breastfeeding,
    cdop,
    conceptions,
    deprivation,
    ethnicity,
    geography,
    satod,
)
from ._tables import write_csv
from .fingertips_national import write_national
from .targets import default_last_year

__all__ = ["SAMPLE_FILES", "default_last_year", "write_sample"]

# File name for each extract type, in the order they are written (and best loaded).
SAMPLE_FILES = {
    "areas": "areas.csv",
    "births_deaths": "births_deaths.csv",
    "satod": "satod.csv",
    "breastfeeding": "breastfeeding.csv",
    "deprivation": "deprivation.csv",
    "cdop": "cdop.csv",
    "fingertips": "fingertips_synthetic_national.csv",
    "action_plan": "action_plan.csv",
    "booking": "booking.csv",
    "conceptions": "conceptions.csv",
    "births_deaths_ethnicity": "births_deaths_ethnicity.csv",
}


def write_sample(out_dir: Path, last_year: int | None = None) -> list[Path]:
    """Write the sample extracts into `out_dir` (created if needed); return the paths in
    SAMPLE_FILES order.

    `last_year` is the last calendar year covered (default: the last full year
    before today); financial years run up to the one starting in `last_year`.
    For a given `last_year` the files are byte-identical run to run.
    """
    year = default_last_year() if last_year is None else last_year
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    births = births_deaths.build_births_deaths(year)
    tables = {
        "areas": (geography.AREAS_COLUMNS, geography.areas_rows()),
        "births_deaths": (births_deaths.COLUMNS, births),
        "satod": (satod.COLUMNS, satod.build_satod(year)),
        "breastfeeding": (breastfeeding.COLUMNS, breastfeeding.build_breastfeeding(year)),
        "deprivation": (deprivation.COLUMNS, deprivation.build_deprivation(year, births)),
        "cdop": (cdop.COLUMNS, cdop.build_cdop(year, births)),
        "action_plan": (action_plan.COLUMNS, action_plan.build_action_plan(year)),
        "booking": (booking.COLUMNS, booking.build_booking(year)),
        "conceptions": (conceptions.COLUMNS, conceptions.build_conceptions(year)),
        "births_deaths_ethnicity": (ethnicity.COLUMNS, ethnicity.build_ethnicity(year, births)),
    }
    written = {
        name: write_csv(out_dir / SAMPLE_FILES[name], columns, rows)
        for name, (columns, rows) in tables.items()
    }
    # The national file is made from the local ones, so written last; returned in SAMPLE_FILES order.
    local = {name: tables[name][1]
             for name in ("births_deaths", "satod", "breastfeeding", "conceptions")}
    written["fingertips"] = write_national(out_dir / SAMPLE_FILES["fingertips"], local, year)
    return [written[name] for name in SAMPLE_FILES]
