"""Turn a CSV, XLSX or Parquet file into rows of text cells, numbered as the user sees them.

Every format goes through the same text form so that the same data gives the same
frame whatever it was saved as. Files that cannot be read raise :class:`Unreadable`
carrying a plain description, which the caller turns into one located problem.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

# stop reading a worksheet after this many blank rows: some workbooks report a
# million formatted but empty rows
_BLANK_RUN_LIMIT = 200
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}
_CSV_EXPECTED = "a CSV text file (UTF-8 or Windows-1252) with a header row"


class Unreadable(Exception):
    """The file as a whole cannot be read; ``value`` says what it is, ``expected`` what it should be."""

    def __init__(self, value: str, expected: str, row: int | None = None) -> None:
        super().__init__(value)
        self.value, self.expected, self.row = value, expected, row


@dataclass
class Sheet:
    """Non-blank rows of one table: (row number as the user sees it, cells as text)."""

    name: str | None
    rows: list[tuple[int, list[str]]]


def cell_text(value: object) -> str:
    """One cell as trimmed text; whole floats lose their '.0' so 12.0 and 12 agree."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return cell_text(value.item())
    return str(value).strip()


def read_sheets(path: Path) -> Iterator[Sheet]:
    """Yield the file's tables (one for CSV and Parquet, one per worksheet for XLSX)."""
    suffix = path.suffix.lower()
    if suffix in _EXCEL_SUFFIXES:
        yield from _xlsx_sheets(path)
    elif suffix in _PARQUET_SUFFIXES:
        yield _parquet_sheet(path)
    else:
        yield _csv_sheet(path)


def _describe_binary(head: bytes, path: Path) -> tuple[str, str] | None:
    """Name a non-text file by its first bytes, or None if it may be text."""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            names = []
        if any(name.startswith("xl/") for name in names):
            return ("an Excel workbook (.xlsx) with a .csv name",
                    f"{_CSV_EXPECTED}; save it as CSV, or name it .xlsx")
        return "a ZIP archive", f"{_CSV_EXPECTED}; unzip it first"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-style Excel (.xls) workbook", f"{_CSV_EXPECTED} or an .xlsx workbook"
    if head.startswith(b"PAR1"):
        return "a Parquet file with a .csv name", f"{_CSV_EXPECTED}, or name it .parquet"
    if head.startswith(b"%PDF"):
        return "a PDF document", _CSV_EXPECTED
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data, not text", _CSV_EXPECTED
    return None


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise Unreadable("text in an unknown encoding", _CSV_EXPECTED) from error


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(2, len(sample) // 100)


def _delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first_line.count(sep) for sep in (",", "\t", ";")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _csv_sheet(path: Path) -> Sheet:
    data = path.read_bytes()
    if not data.strip():
        raise Unreadable("an empty file", "a header row naming the columns, then one row per record")
    if described := _describe_binary(data[:65536], path):
        raise Unreadable(*described)
    text = _decode(data)
    if _looks_binary(text):
        raise Unreadable("binary data, not text", _CSV_EXPECTED)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            cells = [cell.strip() for cell in record]
            if any(cells):
                rows.append((number, cells))
    except csv.Error as error:
        raise Unreadable(f"unreadable CSV ({error})", _CSV_EXPECTED) from error
    return Sheet(None, rows)


def _open_workbook(path: Path):
    import openpyxl  # imported here: only XLSX files need it

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise Unreadable("a file that is not a readable Excel workbook",
                         "an .xlsx workbook, or a CSV file named .csv") from error


def _xlsx_sheets(path: Path, wanted: set[str] | None = None) -> Iterator[Sheet]:
    workbook = _open_workbook(path)
    try:
        for worksheet in workbook.worksheets:
            if wanted is None or worksheet.title.strip() in wanted:
                yield Sheet(worksheet.title.strip(), _worksheet_rows(worksheet))
    finally:
        workbook.close()


def sheet_names(path: Path) -> list[str]:
    """A workbook's sheet names, trimmed (ONS names carry trailing spaces)."""
    workbook = _open_workbook(path)
    try:
        return [name.strip() for name in workbook.sheetnames]
    finally:
        workbook.close()


def workbook_sheets(path: Path, wanted: set[str]) -> dict[str, Sheet]:
    """The named worksheets of a workbook, by trimmed name."""
    return {sheet.name: sheet for sheet in _xlsx_sheets(path, wanted)}


def _worksheet_rows(worksheet) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    blank_run = 0
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(value) for value in values]
        if any(cells):
            rows.append((number, cells))
            blank_run = 0
        else:
            blank_run += 1
            if blank_run >= _BLANK_RUN_LIMIT:
                break
    return rows


def _parquet_sheet(path: Path) -> Sheet:
    try:
        frame = pd.read_parquet(path)
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise Unreadable("a file that is not a readable Parquet file",
                         "a Parquet file, or a CSV file named .csv") from error
    # numbered as if it were a sheet with its header on row 1
    rows = [(1, [str(column).strip() for column in frame.columns])]
    for offset, record in enumerate(frame.astype(object).itertuples(index=False), start=2):
        cells = [cell_text(value) for value in record]
        if any(cells):
            rows.append((offset, cells))
    return Sheet(None, rows)
