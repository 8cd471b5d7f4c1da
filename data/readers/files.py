"""Turn a CSV, XLSX or Parquet file into rows of text cells, numbered as the user sees them.

Every format goes through the same text form so that the same data gives the same
frame whatever it was saved as. Files that cannot be read raise :class:`Unreadable`
carrying a plain description, which the caller turns into one located problem.
"""

from __future__ import annotations

import csv
import functools
import zipfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from .csv_detect import CSV_EXPECTED, binary_description, csv_delimiter, looks_binary, text_encoding
from .sheets import Row, Sheet, Unreadable, cell_text

# stop reading a worksheet after this many blank rows: some workbooks report a
# million formatted but empty rows
_BLANK_RUN_LIMIT = 200
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}


def read_sheets(path: Path) -> Iterator[Sheet]:
    """Yield the file's tables (one for CSV and Parquet, one per worksheet for XLSX)."""
    suffix = path.suffix.lower()
    if suffix in _EXCEL_SUFFIXES:
        yield from _xlsx_sheets(path)
    elif suffix in _PARQUET_SUFFIXES:
        yield _parquet_sheet(path)
    else:
        yield _csv_sheet(path)


# enough rows for the header search; the rest are read from the file as they are used
_HEAD_ROWS = 50
# a cell larger than this stops the CSV reader; smaller oversized cells are refused with
# their row by the cell checks
_CSV_FIELD_LIMIT = 64 << 20


def _csv_rows(path: Path, encoding: str, delimiter: str, skip: int = 0) -> Iterator[Row]:
    """Non-blank records of the file, numbered, after the first ``skip`` non-blank ones."""
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        number, seen = 0, 0
        try:
            for number, record in enumerate(reader, start=1):
                cells = [cell.strip() for cell in record]
                if any(cells):
                    seen += 1
                    if seen > skip:
                        yield number, cells
        except csv.Error as error:
            raise Unreadable(f"unreadable CSV ({error})", CSV_EXPECTED, row=number + 1) from error


def _csv_sheet(path: Path) -> Sheet:
    with path.open("rb") as handle:
        head = handle.read(65536)
        blank = not head.strip() and not handle.read(1 << 20).strip()
    if blank:
        raise Unreadable("an empty file", "a header row naming the columns, then one row per record")
    if described := binary_description(head, path):
        raise Unreadable(*described)
    encoding = text_encoding(path, head)
    with path.open(encoding=encoding, newline="") as handle:
        text = handle.read(65536)
    if looks_binary(text):
        raise Unreadable("binary data, not text", CSV_EXPECTED)
    delimiter = csv_delimiter(text)
    rows = []
    for row in _csv_rows(path, encoding, delimiter):
        rows.append(row)
        if len(rows) == _HEAD_ROWS:
            return Sheet(None, rows, lambda: _csv_rows(path, encoding, delimiter, _HEAD_ROWS))
    return Sheet(None, rows)


# A workbook is a ZIP archive: its declared sizes say how much it unpacks to before any
# of it is read (zipfile never unpacks more than a member declares).
_XLSX_MAX_UNPACKED = 1 << 30
_XLSX_MAX_RATIO = 200
_XLSX_RATIO_FROM = 32 << 20  # small parts (styles, empty sheets) compress very well


def check_not_a_bomb(path: Path) -> None:
    """Refuse a workbook that would unpack to far more than any real extract."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not an archive: openpyxl says the file is not a readable workbook
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    inflated = [m for m in members if m.file_size > _XLSX_RATIO_FROM
                and m.file_size > _XLSX_MAX_RATIO * max(m.compress_size, 1)]
    if unpacked > _XLSX_MAX_UNPACKED or inflated:
        raise Unreadable(
            f"a workbook that unpacks to {unpacked / 2**20:,.0f} MB from {packed / 2**20:,.1f} MB "
            "(a compression bomb, or far more than any extract)",
            f"an .xlsx workbook that unpacks to at most {_XLSX_MAX_UNPACKED >> 20:,} MB, no part "
            f"compressed more than {_XLSX_MAX_RATIO} to 1; or the data saved as CSV")


def _open_workbook(path: Path):
    import openpyxl  # imported here: only XLSX files need it

    check_not_a_bomb(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise Unreadable("a file that is not a readable Excel workbook",
                         "an .xlsx workbook, or a CSV file named .csv") from error


def _xlsx_sheets(path: Path, wanted: set[str] | None = None, whole: bool = False
                 ) -> Iterator[Sheet]:
    """Each worksheet's first rows, the rest read again from the file when asked for
    (``whole``: every row now, for readers that need the sheet at once)."""
    workbook = _open_workbook(path)
    try:
        for position, worksheet in enumerate(workbook.worksheets):
            if wanted is None or worksheet.title.strip() in wanted:
                rows = list(islice(_worksheet_rows(worksheet), None if whole else _HEAD_ROWS))
                more = None
                if not whole and len(rows) == _HEAD_ROWS:
                    more = functools.partial(_rows_after, path, position, _HEAD_ROWS)
                yield Sheet(worksheet.title.strip(), rows, more)
    finally:
        workbook.close()


def _rows_after(path: Path, position: int, skip: int) -> Iterator[Row]:
    workbook = _open_workbook(path)
    try:
        yield from islice(_worksheet_rows(workbook.worksheets[position]), skip, None)
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
    """The named worksheets of a workbook, whole, by trimmed name."""
    return {sheet.name: sheet for sheet in _xlsx_sheets(path, wanted, whole=True)}


def _worksheet_rows(worksheet) -> Iterator[Row]:
    blank_run = 0
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(value) for value in values]
        if any(cells):
            yield number, cells
            blank_run = 0
        else:
            blank_run += 1
            if blank_run >= _BLANK_RUN_LIMIT:
                break


def _parquet_rows(path: Path, skip: int = 0) -> Iterator[Row]:
    """The header (as row 1), then the non-blank rows, a record batch at a time."""
    import pyarrow.parquet as pq  # imported here: only Parquet files need it

    try:
        parquet = pq.ParquetFile(path)
        rows = (row for row in _parquet_records(parquet) if any(row[1]))
        for position, row in enumerate(rows):
            if position >= skip:
                yield row
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise Unreadable("a file that is not a readable Parquet file",
                         "a Parquet file, or a CSV file named .csv") from error


def _parquet_records(parquet) -> Iterator[Row]:
    # numbered as if it were a sheet with its header on row 1
    yield 1, [str(name).strip() for name in parquet.schema_arrow.names]
    number = 1
    for batch in parquet.iter_batches(batch_size=50_000):
        for record in batch.to_pandas().astype(object).itertuples(index=False):
            number += 1
            yield number, [cell_text(value) for value in record]


def _parquet_sheet(path: Path) -> Sheet:
    rows = []
    for row in _parquet_rows(path):
        rows.append(row)
        if len(rows) == _HEAD_ROWS:
            return Sheet(None, rows, lambda: _parquet_rows(path, _HEAD_ROWS))
    return Sheet(None, rows)
