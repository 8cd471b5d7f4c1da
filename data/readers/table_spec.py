"""What an extract type is made of: its columns (kind, whether required, header
spellings accepted), its key and its rules across a row; and the two builders the
per-family spec modules write their tables with."""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules import RowRule


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # a key of cells.KINDS
    required: bool = True  # the column must be in the header
    blank_ok: bool = True  # a cell may be blank (numbers: missing with a note)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    rules: tuple[RowRule, ...] = ()
    # column groups of which a file may leave out a whole block (breastfeeding)
    blocks: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    # the key rows are stored under, when it differs from the one checked for duplicates
    # (action plans store a short reference to the action's text, not the text)
    stored_key: tuple[str, ...] = ()
    # dates and periods may lie years ahead (a plan's targets and due dates), so the
    # readers' "no later than a year from today" rule does not apply
    looks_ahead: bool = False

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def column(name: str, kind: str, *aliases: str, required: bool = True,
           blank_ok: bool = True) -> ColumnSpec:
    """A column (by default required in the header, blank cells allowed)."""
    return ColumnSpec(name, kind, required, blank_ok, aliases)


def key_column(name: str, kind: str, *aliases: str) -> ColumnSpec:
    """A key column: required in the header and never blank."""
    return ColumnSpec(name, kind, True, False, aliases)


AREA_CODE_COLUMN = key_column("area_code", "code", "areacode", "code", "gss_code", "area", "la_code",
                  "lad_code", "utla_code", "geography_code")
