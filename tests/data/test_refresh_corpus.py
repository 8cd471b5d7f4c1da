"""Every malformed file of the corpus, given to the refresh: refused with located problems,
a non-zero outcome, and the store exactly as it was (on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import select

from data.refresh import refresh
from data.sample import write_sample
from data.schema import area, indicator_value, raw_row

CORPUS = Path(__file__).resolve().parent / "malformed"
VALID = {"windows_1252_valid.csv", "utf16_no_bom_valid.csv"}
MALFORMED = sorted(p for p in CORPUS.glob("*.csv") if p.name not in VALID)


def _snapshot(engine) -> dict[str, pd.DataFrame]:
    tables = {"area": area, "raw_row": raw_row, "indicator_value": indicator_value}
    with engine.connect() as connection:
        return {name: pd.DataFrame(connection.execute(select(t)).all()) for name, t in tables.items()}


def test_the_corpus_is_large_enough():
    assert len(MALFORMED) >= 20


def test_every_malformed_file_is_refused_and_changes_nothing(store, tmp_path):
    files = {p.stem: p for p in write_sample(tmp_path / "sample", last_year=2024)}
    assert refresh(store, [files["areas"], files["births_deaths"]], user="tester").ok
    before = _snapshot(store)
    for path in MALFORMED:
        report = refresh(store, [path], user="tester")
        assert report.result == "refused", f"{path.name} was not refused"
        assert report.problems, path.name
        assert all(p.file.startswith(path.name) for p in report.problems), path.name
    # A refused load never writes, so one look after them all catches any change.
    after = _snapshot(store)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, obj=name)


def test_the_valid_files_of_the_corpus_load(store, tmp_path):
    files = {p.stem: p for p in write_sample(tmp_path / "sample", last_year=2024)}
    assert refresh(store, [files["areas"]], user="tester").ok
    for name in sorted(VALID):
        report = refresh(store, [CORPUS / name], user="tester")
        assert report.result == "loaded", report.lines()
