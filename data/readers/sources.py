"""The extract types of design section 3, gathered from the spec modules by family
(specs_mortality, specs_maternity, specs_context; the building blocks in table_spec),
and the header matching that recognises which type a file is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .specs_context import ACTION_PLAN, FINGERTIPS, NEIGHBOURS
from .specs_maternity import BOOKING, BREASTFEEDING, CONCEPTIONS, SATOD
from .specs_mortality import (
    AREAS,
    BIRTHS_DEATHS,
    BIRTHS_DEATHS_ETHNICITY,
    CDOP,
    DEPRIVATION,
    ONS_IMD_DECILE,
)
from .table_spec import ColumnSpec, TableSpec

__all__ = ["ACTION_PLAN", "AREAS", "BIRTHS_DEATHS", "BIRTHS_DEATHS_ETHNICITY", "BOOKING",
           "BREASTFEEDING", "CDOP",
           "CONCEPTIONS", "ColumnSpec", "DEPRIVATION", "FINGERTIPS", "KEY_COLUMNS", "NEIGHBOURS",
           "ONS_IMD_DECILE", "SATOD", "SOURCE_TYPES", "TABLES", "TableSpec", "closest_source",
           "column_names", "detect_source", "normalise_header", "spellings"]

TABLES: dict[str, TableSpec] = {spec.name: spec for spec in (
    AREAS, BIRTHS_DEATHS, SATOD, BREASTFEEDING, DEPRIVATION, CDOP, FINGERTIPS, ONS_IMD_DECILE,
    ACTION_PLAN, NEIGHBOURS, BOOKING, CONCEPTIONS, BIRTHS_DEATHS_ETHNICITY)}

SOURCE_TYPES = ("areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop",
                "fingertips", "ons_child_mortality", "action_plan", "neighbours", "booking",
                "conceptions", "births_deaths_ethnicity")

KEY_COLUMNS: dict[str, list[str]] = {name: list(spec.stored_key or spec.key)
                                     for name, spec in TABLES.items()}


def normalise_header(text: str) -> str:
    """'Lower CI 95.0 limit' -> 'lower_ci_95_0_limit'; 'AreaCode' -> 'areacode'."""
    return "_".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def spellings(spec: TableSpec) -> dict[str, str]:
    """Every accepted header spelling (normalised) -> its canonical column."""
    lookup: dict[str, str] = {}
    for column in spec.columns:
        for spelling in (column.name, *column.aliases):
            lookup.setdefault(normalise_header(spelling), column.name)
    return lookup


def column_names(spec: TableSpec, header: Iterable[str]) -> dict[str, str]:
    """Map each header cell the spec knows to its canonical column (first match wins)."""
    lookup = spellings(spec)
    found: dict[str, str] = {}
    for cell in header:
        canonical = lookup.get(normalise_header(cell))
        if canonical and canonical not in found.values():
            found[cell] = canonical
    return found


def _required_present(spec: TableSpec, names: set[str]) -> bool:
    required = {c.name for c in spec.columns if c.required}
    for block in spec.blocks:  # a file may leave out a whole block, but not all of them
        required -= set(block)
    if spec.blocks and not any(set(block) <= names for block in spec.blocks):
        return False
    return required <= names


def _detectable() -> list[tuple[str, TableSpec]]:
    """The extract types a header can be recognised as, in SOURCE_TYPES order (the ONS
    workbook has no single header, so its reader recognises it)."""
    return [(name, TABLES[name]) for name in SOURCE_TYPES if name in TABLES]


def detect_source(header: Iterable[str]) -> str | None:
    """The extract type whose required columns are all in ``header``; when several
    fit, the one that recognises most columns. None if no type fits, or a tie."""
    header = list(header)
    scores: dict[str, int] = {}
    for name, spec in _detectable():
        names = set(column_names(spec, header).values())
        if _required_present(spec, names):
            scores[name] = len(names)
    if not scores:
        return None
    best = max(scores.values())
    winners = [name for name, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def closest_source(header: Iterable[str]) -> str | None:
    """For a header that fits no type exactly: the one type whose required columns
    it mostly has (at least half, and more than any other type), so that the missing
    columns can be named. None if no type is that close."""
    header = list(header)
    shares: dict[str, float] = {}
    for name, spec in _detectable():
        required = {c.name for c in spec.columns if c.required}
        found = set(column_names(spec, header).values()) & required
        shares[name] = len(found) / len(required)
    best = max(shares.values(), default=0.0)
    winners = [name for name, share in shares.items() if share == best]
    return winners[0] if best >= 0.5 and len(winners) == 1 else None
