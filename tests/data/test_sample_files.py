"""Every sample file: the design's exact columns, whole-number counts, readable by our readers.

The synthetic national Fingertips file has its own tests (test_sample_national.py); here
it is only checked to be written and readable."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from data.sample import SAMPLE_FILES, write_sample

LAST_YEAR = 2025

# Design §3, "Extract types", written out here independently of the generator.
DESIGN_COLUMNS = {
    "areas": ["area_code", "area_name", "area_type", "parent_code"],
    "births_deaths": [
        "area_code", "year", "live_births", "stillbirths", "infant_deaths", "neonatal_deaths",
        "postneonatal_deaths", "term_births_weight_known", "term_low_birth_weight",
    ],
    "satod": ["area_code", "period", "maternities", "smokers", "non_smokers", "status_unknown"],
    "breastfeeding": [
        "area_code", "period", "births_first_feed_known", "first_feed_breastmilk",
        "infants_due_review", "totally_breastfed", "partially_breastfed", "not_breastfed",
        "status_unknown",
    ],
    "deprivation": [
        "area_code", "year", "imd_quintile", "live_births", "infant_deaths", "neonatal_deaths",
        "postneonatal_deaths", "stillbirths",
    ],
    "cdop": [
        "case_id", "area_code", "date_of_death", "age_at_death_days", "sex", "ethnic_group",
        "imd_quintile", "birth_weight_grams", "gestation_weeks", "category", "expected",
        "modifiable_factors", "notified_date", "review_closed_date", "factor_smoking",
        "factor_co_sleeping", "factor_safeguarding", "factor_alcohol_drugs",
        "factor_domestic_abuse", "factor_maternal_obesity", "factor_consanguinity",
    ],
    "action_plan": [
        "plan", "priority", "priority_title", "objective", "action", "outcome", "lead",
        "partners", "reporting", "indicator", "area_code", "target_value", "target_period",
        "target_direction", "baseline_period", "deep_dive_date", "due_date", "status",
        "progress_note",
    ],
    "booking": [
        "area_code", "period", "bookings", "smokers_at_booking", "non_smokers_at_booking",
        "smoking_unknown_at_booking", "bmi_30_or_over", "bmi_under_30", "bmi_unknown",
        "booked_by_10_weeks", "booked_after_10_weeks", "gestation_unknown",
    ],
    "conceptions": [
        "area_code", "year", "age_group", "conceptions", "female_population", "maternities",
        "abortions",
    ],
    "births_deaths_ethnicity": ["area_code", "year", "ethnic_group", "live_births", "infant_deaths"],
}  # fmt: skip
TEXT_COLUMNS = {
    "area_code", "area_name", "area_type", "parent_code", "period", "case_id", "date_of_death",
    "sex", "ethnic_group", "expected", "modifiable_factors", "notified_date",
    "review_closed_date", "age_group", *(c for c in DESIGN_COLUMNS["cdop"] if c.startswith("factor_")),
    *(c for c in DESIGN_COLUMNS["action_plan"] if c not in ("priority", "target_value")),
}  # fmt: skip
SUPPRESSION_MARKERS = {"", "*"}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = write_sample(tmp_path_factory.mktemp("sample"), last_year=LAST_YEAR)
    files = {name: path for name, path in zip(SAMPLE_FILES, paths, strict=True)}
    assert files.pop("fingertips").name == "fingertips_synthetic_national.csv"
    return files


def _records(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_one_file_per_extract_type(written: dict[str, Path]) -> None:
    assert set(written) == set(DESIGN_COLUMNS)
    assert {p.name for p in written.values()} == {f"{name}.csv" for name in DESIGN_COLUMNS}


@pytest.mark.parametrize("name", list(DESIGN_COLUMNS))
def test_exact_design_columns(written: dict[str, Path], name: str) -> None:
    header, rows = _records(written[name])
    assert header == DESIGN_COLUMNS[name]
    assert rows and all(len(row) == len(header) for row in rows)


@pytest.mark.parametrize("name", list(DESIGN_COLUMNS))
def test_counts_are_whole_numbers_or_markers(written: dict[str, Path], name: str) -> None:
    header, rows = _records(written[name])
    numeric = [i for i, column in enumerate(header) if column not in TEXT_COLUMNS]
    for row in rows:
        for i in numeric:
            assert row[i] in SUPPRESSION_MARKERS or row[i].isdigit(), (name, header[i], row)


def test_files_use_lf_and_utf8(written: dict[str, Path]) -> None:
    for path in written.values():
        data = path.read_bytes()
        assert b"\r" not in data
        data.decode("utf-8")


def test_default_last_year_is_the_last_full_year() -> None:
    from datetime import date

    from data.sample import default_last_year

    assert default_last_year(date(2026, 11, 21)) == 2025
    assert default_last_year(date(2027, 1, 1)) == 2026


def test_every_file_passes_the_readers(written: dict[str, Path]) -> None:
    readers = pytest.importorskip("data.readers")
    if not hasattr(readers, "read_extract"):
        pytest.skip("data.readers.read_extract is not available yet")
    for name, path in written.items():
        extract = readers.read_extract(path)
        assert extract.source == name, path.name
        assert extract.problems == [], [str(p) for p in extract.problems[:5]]
        table = extract.tables[name]
        _, rows = _records(path)
        assert len(table) == len(rows)
