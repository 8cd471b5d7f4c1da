"""Header rows: two columns that mean the same thing (`Stillbirths` beside `stillbirths`,
`Birth Weight Grams` beside `birth_weight_grams`, `births` beside `live_births`) are refused,
naming both, rather than one of them silently winning."""

from __future__ import annotations

from .extract import Problem
from .sources import TableSpec, normalise_header, spellings


def column_letter(position: int) -> str:
    """Spreadsheet column letters for a 0-based position: 0 -> A, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def same_meaning_columns(spec: TableSpec, header: list[str], file: str,
                         header_row: int | None) -> list[Problem]:
    """One problem per canonical column that more than one header cell names."""
    lookup = spellings(spec)
    found: dict[str, list[tuple[int, str]]] = {}
    for position, cell in enumerate(header):
        if canonical := lookup.get(normalise_header(cell)):
            found.setdefault(canonical, []).append((position, cell))
    problems = []
    for canonical, cells in found.items():
        if len(cells) < 2:
            continue
        named = " and ".join(f"column {column_letter(p)} ({cell!r})" for p, cell in cells)
        problems.append(Problem(
            file, header_row, canonical, ", ".join(cell for _, cell in cells),
            f"one column for {canonical}: {named} both mean {canonical}; "
            "remove or rename all but one"))
    return problems
