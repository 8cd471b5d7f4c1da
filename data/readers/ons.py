"""The ONS "Child mortality (death cohort) tables" workbook.

Table_3 (live births, stillbirths, neonatal, postneonatal and infant deaths by area
of usual residence, one year) becomes ``births_deaths`` rows; Table_21 (England by
IMD decile, several years) becomes ``ons_imd_decile`` rows. The sheets have title
rows above the header, upper-case names, trailing spaces, ONS codes (':' 'u' 'z')
and a combined code ("K04000001, J99000001") for England, Wales and elsewhere.
Only English areas of the dashboard's hierarchy are kept: the rest (Wales, the
combined rows, metropolitan counties E11) are left out with a note.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.names import AREA_CODE, AREA_NAME, ENGLAND, VALUE_NOTE

from .extract import Extract, Problem
from .files import sheet_names, workbook_sheets
from .ons_rates import PRINTED_RATES, printed_rate_notes
from .sheets import Sheet, Unreadable
from .sources import BIRTHS_DEATHS, ONS_IMD_DECILE, normalise_header
from .tables import checked_table

AREA_SHEET, DECILE_SHEET = "Table_3", "Table_21"
_KEPT_PREFIXES = ("E92", "E12", "E06", "E07", "E08", "E09", "E10")
PRINTED = "printed_"
_COUNTS = {"live_births": "live_births", "stillbirths": "stillbirths",
           "neonatal_deaths": "neonatal_deaths", "postneonatal_deaths": "postneonatal_deaths",
           "infant_deaths": "infant_deaths"}


def is_ons_workbook(path: Path) -> bool:
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return False
    try:
        names = set(sheet_names(path))
    except Unreadable:
        return False
    return {AREA_SHEET, DECILE_SHEET} <= names


def _header(sheet: Sheet, first_column: str, sheet_name: str
            ) -> tuple[int, int, list[str], dict[int, str]]:
    """The header among the first 30 rows, found by its first cell: its index in the
    sheet's rows, its row number, its cells and the count columns it holds; LookupError
    (naming the sheet) when there is none."""
    for index, (header_row, cells) in enumerate(sheet.rows[:30]):
        if cells and normalise_header(cells[0]) == first_column:
            return index, header_row, cells, _columns(cells)
    raise LookupError(sheet_name)


def _title_year(sheet: Sheet) -> str:
    """The year in a title such as 'Table 3: ... numbers and rates, 2020[note 3]'."""
    title = sheet.rows[0][1][0] if sheet.rows else ""
    years = re.findall(r"\b(?:19|20)\d{2}\b", re.sub(r"\[note \d+\]", "", title))
    return years[-1] if years else ""


def _columns(header: list[str]) -> dict[int, str]:
    """Position -> canonical name for the count columns, by their ONS header."""
    positions = {}
    for position, cell in enumerate(header):
        name = normalise_header(cell)
        if name in _COUNTS:
            positions[position] = _COUNTS[name]
    return positions


def _missing_sheet(file: str, name: str) -> Problem:
    return Problem(file, None, None, f"no usable {name} sheet",
                   f"the ONS child mortality workbook with its {name} sheet and header row")


def _area_code(cells: list[str], single: set[str]) -> tuple[str | None, str | None]:
    """The row's area code, or None to leave it out. A combined code such as
    "E06000052, E06000053" (Cornwall and Isles of Scilly) is filed under its first
    code, as Fingertips does, with a note, unless that code has a row of its own."""
    codes = [c.strip().upper() for c in (cells[0] if cells else "").split(",") if c.strip()]
    if not codes or not codes[0].startswith(_KEPT_PREFIXES):
        return None, None
    if len(codes) == 1:
        return codes[0], None
    if codes[0] in single or not all(c.startswith(_KEPT_PREFIXES) for c in codes):
        return None, None
    name = cells[1].strip() if len(cells) > 1 else ""
    return codes[0], f"Value for {name} combined ({', '.join(codes)})"


def _area_rows(sheet: Sheet) -> tuple[pd.DataFrame, int, list[str], list[str]]:
    index, header_row, header, counts = _header(sheet, "area_of_usual_residence_code", AREA_SHEET)
    # ONS's printed rates, kept (prefixed) to check ours against them (read_into)
    counts.update({p: PRINTED + name for p, name in enumerate(map(normalise_header, header))
                   if name in PRINTED_RATES})
    year = _title_year(sheet)
    rows = sheet.rows[index + 1:]
    single = {cells[0].strip().upper() for _, cells in rows if cells}
    records, left_out = [], Counter()
    for number, cells in rows:
        code, note = _area_code(cells, single)
        if code is None:
            left_out[cells[0].strip()[:3] if cells and cells[0].strip() else "(blank)"] += 1
            continue
        record = {AREA_CODE: code, "year": year, "source_row": number, VALUE_NOTE: note,
                  PRINTED + AREA_NAME: cells[1].strip() if len(cells) > 1 else code}
        record.update({name: cells[p] if p < len(cells) else "" for p, name in counts.items()})
        records.append(record)
    notes = [f"{AREA_SHEET}: left out {n} row(s) with area code {prefix}... (outside England's "
             "area hierarchy)" for prefix, n in sorted(left_out.items())]
    return pd.DataFrame(records, dtype=object), header_row, header, notes


def _decile_rows(sheet: Sheet) -> tuple[pd.DataFrame, int, list[str], list[str]]:
    index, header_row, header, counts = _header(sheet, "year", DECILE_SHEET)
    names = [normalise_header(c) for c in header]
    imd = names.index("imd") if "imd" in names else 1
    records, totals = [], 0
    for number, cells in sheet.rows[index + 1:]:
        decile = cells[imd] if imd < len(cells) else ""
        if decile.lower() == "total":  # England totals: the sum of the deciles
            totals += 1
            continue
        record = {AREA_CODE: ENGLAND, "year": cells[0], "imd_decile": decile,
                  "source_row": number}
        record.update({name: cells[p] if p < len(cells) else "" for p, name in counts.items()})
        records.append(record)
    notes = [f"{DECILE_SHEET}: left out {totals} 'Total' row(s) (the sum of the deciles)"]
    return pd.DataFrame(records, dtype=object), header_row, header, notes


def read_into(extract: Extract, path: Path) -> None:
    """Fill ``extract`` with the workbook's births_deaths and ons_imd_decile tables."""
    file = path.name
    sheets = workbook_sheets(path, {AREA_SHEET, DECILE_SHEET})
    for name, build, spec in ((AREA_SHEET, _area_rows, BIRTHS_DEATHS),
                              (DECILE_SHEET, _decile_rows, ONS_IMD_DECILE)):
        if name not in sheets:
            extract.problems.append(_missing_sheet(file, name))
            continue
        try:
            raw, header_row, header, notes = build(sheets[name])
        except LookupError:
            extract.problems.append(_missing_sheet(file, name))
            continue
        if raw.empty:
            extract.problems.append(Problem(file, header_row, None, f"{name}: no data rows",
                                            "at least one data row below the header row"))
            continue
        raw["source_row"] = raw["source_row"].astype(np.int64)
        printed = raw.filter(like=PRINTED).rename(columns=lambda c: c.removeprefix(PRINTED))
        raw = raw.drop(columns=[PRINTED + c for c in printed.columns])
        table, problems = checked_table(raw, spec, f"{file} [{name}]", header_row, header)
        extract.tables[spec.name] = table
        extract.problems.extend(problems)
        extract.notes.extend(notes)
        if not problems and not printed.empty:
            extract.notes.extend(printed_rate_notes(table, printed, name))
