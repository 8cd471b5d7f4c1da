"""Helpers shared by the sample tables: parent totals, weights and CSV writing."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from indicators.names import AREA_CODE, ENGLAND

from .geography import NORTH_WEST, REGIONS, north_west_codes
from .profiles import PROFILES

Row = dict[str, object]


def add_parent_totals(leaf_rows: list[Row], keys: Sequence[str], counts: Sequence[str]) -> list[Row]:
    """Add North West rows (sum of its authorities) and England rows (sum of regions).

    `keys` are the columns besides area_code that identify a row (e.g. year).
    Regional and national figures are complete sums, as an official return is.
    """
    nw = _sum_over(leaf_rows, set(north_west_codes()), NORTH_WEST, keys, counts)
    region_rows = [r for r in leaf_rows if r[AREA_CODE] in {c for c, _ in REGIONS}] + nw
    england = _sum_over(region_rows, {c for c, _ in REGIONS}, ENGLAND, keys, counts)
    return leaf_rows + nw + england


def _sum_over(
    rows: Iterable[Row], members: set[str], parent: str, keys: Sequence[str], counts: Sequence[str]
) -> list[Row]:
    totals: dict[tuple, Row] = {}
    for row in rows:
        if row[AREA_CODE] not in members:
            continue
        key = tuple(row[k] for k in keys)
        total = totals.setdefault(key, {AREA_CODE: parent, **dict(zip(keys, key, strict=True))})
        for column in counts:
            total[column] = int(total.get(column, 0)) + int(row[column])
    return list(totals.values())


def weighted_mean(values: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return sum(values[code] * weights[code] for code in weights) / total


def births_weights(codes: Iterable[str]) -> dict[str, float]:
    return {code: float(PROFILES[code].births_2019) for code in codes}


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> Path:
    """Write rows with exactly `columns`, LF line ends; None becomes an empty cell."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
    return path
