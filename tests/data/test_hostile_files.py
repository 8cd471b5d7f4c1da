"""Hostile files made at test time (too large, or dated relative to today, to keep in the
corpus): many identical rows, a 10 MB cell, years ahead of today, an XLSX compression bomb,
UTF-16 without a byte-order mark, and a large file read a chunk at a time."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from data.readers import read_extract
from data.readers import tables as reader_tables
from data.readers.bounded import EXAMPLES
from data.readers.plausible import one_year_ahead

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
BIRTHS_HEADER = ("area_code,year,live_births,stillbirths,infant_deaths,neonatal_deaths,"
                 "postneonatal_deaths\n")


def test_ten_thousand_identical_rows_give_a_short_report(tmp_path):
    path = tmp_path / "births.csv"
    path.write_text(BIRTHS_HEADER + "E06000009,2021,1502,6,7,5,2\n" * 10_000, encoding="utf-8")
    problems = read_extract(path).problems
    assert len(problems) == EXAMPLES + 1
    assert sum(len(str(p)) for p in problems) < 10_000
    first = problems[0]
    assert (first.row, first.column, first.value) == (2, "area_code, year", "E06000009, 2021")
    assert first.expected == ("one row per area_code and year (the same key is also on row "
                              "3, 4, 5, 6, 7 and 9,994 more)")
    summary = problems[-1]
    assert summary.value.startswith("9,980 more row(s) with this problem")
    assert summary.expected == "one row per area_code and year"


def test_every_kind_of_problem_is_bounded(tmp_path):
    path = tmp_path / "births.csv"
    rows = "".join(f"E06000009,{1900 + i},-1,six,7,5,2\n" for i in range(100))
    path.write_text(BIRTHS_HEADER + rows, encoding="utf-8")
    problems = read_extract(path).problems
    by_column = {}
    for problem in problems:
        by_column.setdefault(problem.column, []).append(problem)
    assert set(by_column) == {"live_births", "stillbirths"}
    for column, found in by_column.items():
        assert len(found) == EXAMPLES + 1, column
        assert [p.row for p in found[:EXAMPLES]] == list(range(2, 2 + EXAMPLES))
        assert found[-1].value.startswith("80 more row(s)")


def test_a_ten_megabyte_cell_is_refused_with_its_row(tmp_path):
    path = tmp_path / "areas.csv"
    huge = "A" * (10 << 20)
    path.write_text("area_code,area_name,area_type,parent_code\n"
                    "E92000001,England,england,\n"
                    f"E12000002,{huge},region,E92000001\n", encoding="utf-8")
    problems = read_extract(path).problems
    assert [(p.row, p.column) for p in problems] == [(3, "area_name")]
    assert problems[0].expected == "at most 400 characters (this cell has 10,485,760)"
    assert len(str(problems[0])) < 400


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_text(tmp_path, encoding):
    path = tmp_path / "births.csv"
    path.write_bytes((EXAMPLES_DIR / "births_deaths.csv").read_text(encoding="utf-8")
                     .encode(encoding))
    extract = read_extract(path)
    assert extract.problems == []
    assert_frame_equal(extract.tables["births_deaths"],
                       read_extract(EXAMPLES_DIR / "births_deaths.csv").tables["births_deaths"])


def _births_for(year: int, tmp_path: Path) -> Path:
    path = tmp_path / f"births_{year}.csv"
    path.write_text(BIRTHS_HEADER + f"E06000009,{year},1502,6,7,5,2\n", encoding="utf-8")
    return path


def test_a_year_more_than_one_year_ahead_of_today_is_refused(tmp_path):
    this_year = date.today().year
    assert read_extract(_births_for(this_year + 1, tmp_path)).problems == []
    problems = read_extract(_births_for(this_year + 2, tmp_path)).problems
    limit = one_year_ahead(date.today()).isoformat()
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "year", str(this_year + 2))]
    assert problems[0].expected == f"a period starting no later than {limit} (one year from today)"


def test_the_limit_follows_the_date_given(tmp_path):
    path = _births_for(2031, tmp_path)
    assert read_extract(path, today=date(2030, 1, 1)).problems == []
    assert [p.column for p in read_extract(path, today=date(2029, 12, 31)).problems] == ["year"]


def test_financial_periods_and_dates_ahead_are_refused(tmp_path):
    today = date.today()
    ahead = today.year + 2
    satod = tmp_path / "satod.csv"
    satod.write_text("area_code,period,maternities,smokers,non_smokers,status_unknown\n"
                     f"E06000009,{ahead}/{(ahead + 1) % 100:02d},100,10,85,5\n", encoding="utf-8")
    assert [p.column for p in read_extract(satod).problems] == ["period"]
    cdop = tmp_path / "cdop.csv"
    lines = (EXAMPLES_DIR / "cdop.csv").read_text(encoding="utf-8").splitlines()[:2]
    cdop.write_text("\n".join([lines[0], lines[1].replace("2024-01-22", f"{ahead}-01-22")]) + "\n",
                    encoding="utf-8")
    problems = read_extract(cdop).problems
    assert [(p.row, p.column, p.value) for p in problems] == [
        (2, "review_closed_date", f"{ahead}-01-22")]


def _bomb(path: Path, unpacked: int) -> Path:
    """A workbook-shaped archive whose one sheet unpacks to ``unpacked`` bytes of blanks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b" " * (1 << 20)
            for _ in range(unpacked >> 20):
                sheet.write(block)
    return path


def test_an_xlsx_compression_bomb_is_refused_before_reading(tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", 64 << 20)
    assert path.stat().st_size < 1 << 20
    problems = read_extract(path).problems
    assert len(problems) == 1
    assert problems[0].value.startswith("a workbook that unpacks to 64 MB from 0.")
    assert "compression bomb" in problems[0].value
    assert "no part compressed more than 200 to 1" in problems[0].expected


def test_a_file_read_in_chunks_gives_the_same_table_and_problems(tmp_path, monkeypatch):
    rows = [f"E06000009,{1900 + i},{1000 + i},6,7,5,2\n" for i in range(95)]
    rows[40] = "E06000009,1940,-5,6,7,5,2\n"
    rows[77] = rows[3]  # the same key as a row in another chunk
    path = tmp_path / "births.csv"
    path.write_text(BIRTHS_HEADER + "".join(rows), encoding="utf-8")
    whole = read_extract(path)
    monkeypatch.setattr(reader_tables, "CHUNK_ROWS", 7)
    chunked = read_extract(path)
    assert_frame_equal(chunked.tables["births_deaths"], whole.tables["births_deaths"])
    assert chunked.problems == whole.problems
    assert [(p.row, p.column) for p in whole.problems] == [
        (5, "area_code, year"), (42, "live_births"), (79, "area_code, year")]


def test_a_parquet_file_read_in_batches_matches_its_csv(tmp_path, monkeypatch):
    monkeypatch.setattr("data.readers.files._HEAD_ROWS", 3)
    frame = pd.DataFrame({"area_code": ["E06000009"] * 60, "year": range(1950, 2010),
                          "live_births": 1500, "stillbirths": 6, "infant_deaths": 7,
                          "neonatal_deaths": 5, "postneonatal_deaths": 2})
    frame.to_parquet(tmp_path / "births.parquet")
    frame.to_csv(tmp_path / "births.csv", index=False)
    from_parquet = read_extract(tmp_path / "births.parquet")
    assert from_parquet.problems == []
    assert_frame_equal(from_parquet.tables["births_deaths"],
                       read_extract(tmp_path / "births.csv").tables["births_deaths"])


def test_a_refused_load_of_many_bad_rows_logs_a_short_message(store, sample_files, tmp_path):
    from data.load_log import history
    from data.refresh import refresh

    assert refresh(store, [sample_files["areas"]], user="tester").ok
    path = tmp_path / "births.csv"
    path.write_text(BIRTHS_HEADER + "E06000009,2021,1502,6,7,5,2\n" * 10_000
                    + "".join(f"E06999{i:03d},2021,1,0,0,0,0\n" for i in range(500)),
                    encoding="utf-8")
    report = refresh(store, [path], user="tester")
    assert report.result == "refused"
    assert len(report.lines()) == 1 + 2 * (EXAMPLES + 1)  # duplicates, unknown areas
    message = history(store).loc[0, "message"]
    assert len(message) < 20_000 and "9,980 more row(s)" in message
    assert "480 more row(s)" in message


def test_an_xlsx_sheet_read_past_its_first_rows_matches_its_csv(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setattr("data.readers.files._HEAD_ROWS", 3)
    rows = [BIRTHS_HEADER.strip().split(",")]
    rows += [["E06000009", 1900 + i, 1500 + i, 6, 7, 5, 2] for i in range(40)]
    book = openpyxl.Workbook()
    book.active.append(["A title row above the header"])
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "births.xlsx")
    (tmp_path / "births.csv").write_text(
        "\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    from_xlsx = read_extract(tmp_path / "births.xlsx")
    assert from_xlsx.problems == []
    expected = read_extract(tmp_path / "births.csv").tables["births_deaths"]
    assert_frame_equal(from_xlsx.tables["births_deaths"],
                       expected.assign(source_row=expected["source_row"] + 1))
