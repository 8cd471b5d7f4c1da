"""At load time our rates, computed from the counts of the ONS child mortality workbook, are
checked against the rates ONS printed beside them: the real workbook agrees to ONS's one
decimal everywhere; a copy with one printed rate changed loads all the same, with exactly
one note naming the area and both figures."""

from __future__ import annotations

import re
import shutil

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import select

from bench.national import national_areas
from data.readers import read_extract
from data.refresh import refresh
from data.schema import load

BLACKPOOL = "E06000009"
CHECKED = re.compile(r"rate printed by ONS as")


@pytest.fixture
def workbook(raw_dir):
    return raw_dir / "ons-child-mortality" / "EXAMPLE_cim2020deathcohortworkbook.xlsx"


def _printed(workbook) -> pd.DataFrame:
    """Table_3 as ONS printed it, read independently of our reader (header on row 7)."""
    table = pd.read_excel(workbook, sheet_name="Table_3", header=6, nrows=400, dtype=object)
    table.columns = [str(c).strip() for c in table.columns]
    return table.set_index("Area of usual residence (code)")


def _doctored(workbook, folder) -> tuple[object, float]:
    """A copy whose Blackpool infant mortality rate is printed 1.0 higher; the new figure."""
    copy = folder / "cim2020_doctored.xlsx"
    shutil.copy(workbook, copy)
    book = openpyxl.load_workbook(copy)
    sheet = book["Table_3"]
    header = [str(c.value).strip() for c in sheet[7]]
    column = header.index("Infant mortality rate") + 1
    row = next(r for r in range(8, sheet.max_row + 1) if sheet.cell(r, 1).value == BLACKPOOL)
    changed = float(sheet.cell(row, column).value) + 1.0
    sheet.cell(row, column).value = changed
    book.save(copy)
    return copy, changed


def test_the_real_workbook_agrees_with_ons_printed_rates(workbook):
    extract = read_extract(workbook)
    assert not extract.problems
    assert [n for n in extract.notes if CHECKED.search(n)] == []
    # the check is real: ONS printed these rates, to one decimal, for many areas
    printed = pd.to_numeric(_printed(workbook)["Infant mortality rate"], errors="coerce")
    assert printed.notna().sum() > 250


def test_one_changed_printed_rate_gives_exactly_one_note_and_still_loads(
        store, workbook, tmp_path):
    copy, changed = _doctored(workbook, tmp_path)
    counts = _printed(workbook).loc[BLACKPOOL]
    ours = counts["Infant deaths"] / counts["Live births"] * 1000  # 5 / 1480, per 1,000
    expected = (f"Table_3: Blackpool ({BLACKPOOL}) infant mortality rate printed by ONS as "
                f"{changed:.1f}, computed from its counts as {ours:.2f} per 1,000")

    notes = [n for n in read_extract(copy).notes if CHECKED.search(n)]
    assert notes == [expected]

    national_areas().to_csv(tmp_path / "areas.csv", index=False)
    assert refresh(store, [tmp_path / "areas.csv"], user="team").result == "loaded"
    report = refresh(store, [copy], user="team")
    assert report.result == "loaded", report.lines()  # a note, not a refusal
    assert [n for n in report.notes if CHECKED.search(n)] == [f"{copy.name}: {expected}"]
    with store.connect() as connection:
        message = connection.execute(select(load.c.message).order_by(load.c.id.desc())).first()[0]
    assert f"{copy.name}: {expected}" in message  # kept in the load's history
