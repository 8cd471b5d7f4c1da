"""The same data saved as CSV, XLSX or Parquet (and in different encodings and line
endings) gives the same frame."""

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from data.readers import read_extract

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SOURCES = ["areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop",
           "fingertips"]


def _rows(source: str) -> list[list[str]]:
    with (EXAMPLES / f"{source}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _as_excel_value(text: str) -> object:
    """What Excel would store for a typed-in cell: numbers as numbers."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text or None


def write_xlsx(path: Path, rows: list[list[str]], title_rows: int = 0) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for number in range(title_rows):
        sheet.append([f"Title line {number + 1} of an exported report"] if number else [])
    for row in rows:
        sheet.append([_as_excel_value(cell) for cell in row])
    book.save(path)
    return path


def write_parquet(path: Path, source: str) -> Path:
    # pandas' own type inference: numbers become int/float columns, markers keep text
    pd.read_csv(EXAMPLES / f"{source}.csv").to_parquet(path)
    return path


def _table(path: Path, source: str) -> pd.DataFrame:
    extract = read_extract(path)
    assert extract.problems == [], [str(p) for p in extract.problems]
    assert extract.source == source
    return extract.tables[source]


@pytest.mark.parametrize("source", SOURCES)
def test_csv_xlsx_and_parquet_give_the_same_frame(source, tmp_path):
    from_csv = _table(EXAMPLES / f"{source}.csv", source)
    from_xlsx = _table(write_xlsx(tmp_path / f"{source}.xlsx", _rows(source)), source)
    from_parquet = _table(write_parquet(tmp_path / f"{source}.parquet", source), source)
    assert_frame_equal(from_xlsx, from_csv)
    assert_frame_equal(from_parquet, from_csv)


def test_title_rows_above_the_header_are_skipped(tmp_path):
    from_csv = _table(EXAMPLES / "births_deaths.csv", "births_deaths")
    path = write_xlsx(tmp_path / "births.xlsx", _rows("births_deaths"), title_rows=4)
    from_xlsx = _table(path, "births_deaths")
    assert from_xlsx["source_row"].tolist() == [6, 7, 8, 9]  # header on row 5
    expected = from_csv.assign(source_row=from_csv["source_row"] + 4)
    assert_frame_equal(from_xlsx, expected)


def test_title_rows_in_a_csv_too(tmp_path):
    text = (EXAMPLES / "satod.csv").read_text(encoding="utf-8")
    path = tmp_path / "satod.csv"
    path.write_text("Smoking at time of delivery,,,,,\nExtracted 2024-07-01,,,,,\n" + text,
                    encoding="utf-8")
    table = _table(path, "satod")
    assert table["source_row"].tolist() == [4, 5, 6, 7]


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8-sig", "\n"), ("utf-8", "\r\n"), ("utf-8-sig", "\r\n"),
     ("cp1252", "\r\n"), ("utf-16", "\r\n")],
)
def test_encodings_and_line_endings(encoding, newline, tmp_path):
    rows = _rows("areas")
    rows[3][1] = "Blackpool \u2013 Fylde Coast"  # an en dash: not ASCII in any of these
    path = tmp_path / "areas.csv"
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator=newline).writerows(rows)
    table = _table(path, "areas")
    assert table.loc[2, "area_name"] == "Blackpool \u2013 Fylde Coast"
    assert table.columns[0] == "area_code"  # the BOM does not stick to the first header
    assert len(table) == len(rows) - 1


def test_quoted_line_breaks_and_semicolons(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text('area_code;area_name;area_type;parent_code\r\n'
                    'E92000001;"England\n(whole country)";England;\r\n'
                    'E12000002;"North West";Region;E92000001\r\n', encoding="utf-8")
    table = _table(path, "areas")
    assert table["area_name"].tolist() == ["England\n(whole country)", "North West"]
    assert table["source_row"].tolist() == [2, 3]


def test_headers_in_other_spellings(tmp_path):
    path = tmp_path / "births.csv"
    path.write_text("Area Code,Calendar Year,Live Births,Still births,Infant deaths,"
                    "Neonatal deaths,Post-neonatal deaths\nE06000009,2021,1502,6,7,5,2\n",
                    encoding="utf-8")
    table = _table(path, "births_deaths")
    assert table.loc[0, ["live_births", "postneonatal_deaths"]].tolist() == [1502, 2]
