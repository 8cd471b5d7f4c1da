"""Which raw tables each indicator's values are computed from, for an incremental refresh.

One place, derived from the catalogue: an indicator reads its own `source_table`, the
national tables the engine blends into that table's counts (`ons_counts`: ONS's area
table is read as a `births_deaths` extract, its IMD deciles as `deprivation`), the
Fingertips download when it has a Fingertips ID (`published`), and what a family of counts
borrows from another table (the SUDI rate of `child_deaths` takes its live births from
`births_deaths`). A load that changes only some raw tables need recompute only the
indicators that read one of them; the values of the others stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterable

from indicators.catalogue import CATALOGUE
from indicators.catalogue.model import Indicator
from indicators.engine.provenance import FINGERTIPS, ONS_AREAS, ONS_DECILES

# Raw tables a source table's counts also read (engine modules named above).
ALSO_READS: dict[str, frozenset[str]] = {
    "births_deaths": frozenset({ONS_AREAS}),
    "deprivation": frozenset({ONS_DECILES}),
    "cdop": frozenset({"births_deaths"}),
}


def tables_read(indicator: Indicator) -> frozenset[str]:
    """The raw tables `indicator`'s values can change with."""
    tables = {indicator.source_table, *ALSO_READS.get(indicator.source_table, ())}
    if indicator.fingertips_id is not None:
        tables.add(FINGERTIPS)
    return frozenset(tables)


def dependency_map() -> dict[str, frozenset[str]]:
    """Raw table -> the ids of the catalogue's indicators that read it."""
    readers: dict[str, set[str]] = {}
    for indicator in CATALOGUE:
        for table in tables_read(indicator):
            readers.setdefault(table, set()).add(indicator.id)
    return {table: frozenset(ids) for table, ids in readers.items()}


def affected_indicators(changed_tables: Iterable[str]) -> frozenset[str]:
    """Ids of the indicators a change to `changed_tables` can alter."""
    readers = dependency_map()
    return frozenset(i for table in changed_tables for i in readers.get(table, ()))


def tables_needed(indicator_ids: Iterable[str]) -> frozenset[str]:
    """Every raw table the engine must read to compute `indicator_ids` exactly."""
    by_id = {indicator.id: indicator for indicator in CATALOGUE}
    return frozenset(t for i in indicator_ids for t in tables_read(by_id[i]))
