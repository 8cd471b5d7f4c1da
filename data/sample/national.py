"""Synthetic counts for every upper-tier authority in England, behind the sample's
national Fingertips file.

North West authorities keep the local extracts' counts, except for the deliberate
differences in `PUBLISHED_DIFFERENCES` (what a real national publication and a local
extract disagree about). Authorities in other regions share out their region's supplied
totals (so each region is still exactly the sum of its authorities), in proportion to a
size and a local level drawn once per authority: some are big, some small, some worse,
some better. The North West and England totals include the differences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from indicators.names import AREA_CODE, ENGLAND
from indicators.periods import financial_year_label

from ._rng import rng_for
from ._tables import Row
from .geography import NORTH_WEST
from .upper_tier import UPPER_TIER_AUTHORITIES


@dataclass(frozen=True)
class PublishedDifference:
    """A count the synthetic national file gives differently from the local extract."""

    area_code: str
    table: str  # the local extract's table
    years_before_last: int  # the calendar or financial year: last year minus this
    changes: tuple[tuple[str, int], ...]  # column, amount added in the national file
    why: str

    def period(self, last_year: int) -> int | str:
        year = last_year - self.years_before_last
        return year if self.table == "births_deaths" else financial_year_label(year)


PUBLISHED_DIFFERENCES: tuple[PublishedDifference, ...] = (
    PublishedDifference("E08000003", "births_deaths", 2,
                        (("infant_deaths", 2), ("postneonatal_deaths", 2)),
                        "Manchester: two post-neonatal deaths registered late, after the local "
                        "extract was taken, are in the national count"),
    PublishedDifference("E06000009", "births_deaths", 1, (("live_births", -18),),
                        "Blackpool: 18 births the national residence coding files under a "
                        "neighbouring authority"),
    PublishedDifference("E08000011", "satod", 1, (("smokers", -15), ("status_unknown", 15)),
                        "Knowsley: 15 maternities the provider revised from smoker to status "
                        "not known in its national return"),
    PublishedDifference("E10000017", "breastfeeding", 0,
                        (("infants_due_review", 30), ("not_breastfed", 30)),
                        "Lancashire: 30 late 6-8 week reviews (not breastfed) reached the "
                        "national return only"),
)

# column, what bounds it (None: unbounded), what it is shared in proportion to. Columns
# left out are the remainder of the others, so every row keeps its extract's rules.
Arrays = dict[str, np.ndarray]
_Split = tuple[str, Callable[[Arrays], np.ndarray] | None, Callable[[Arrays], np.ndarray]]
_SPLITS: dict[str, tuple[Sequence[_Split], Callable[[Arrays], None]]] = {
    "births_deaths": ((
        ("live_births", None, lambda a: a["size"]),
        ("stillbirths", None, lambda a: a["live_births"] * a["imr"] ** 0.6),
        ("infant_deaths", lambda a: a["live_births"], lambda a: a["live_births"] * a["imr"]),
        ("neonatal_deaths", lambda a: a["infant_deaths"], lambda a: a["infant_deaths"]),
        ("term_births_weight_known", lambda a: a["live_births"], lambda a: a["live_births"]),
        ("term_low_birth_weight", lambda a: a["term_births_weight_known"],
         lambda a: a["term_births_weight_known"] * a["imr"] ** 0.5),
    ), lambda a: a.update(postneonatal_deaths=a["infant_deaths"] - a["neonatal_deaths"])),
    "satod": ((
        ("maternities", None, lambda a: a["size"]),
        ("smokers", lambda a: a["maternities"], lambda a: a["maternities"] * a["smoking"]),
        ("non_smokers", lambda a: a["maternities"] - a["smokers"],
         lambda a: a["maternities"] - a["smokers"]),
    ), lambda a: a.update(status_unknown=a["maternities"] - a["smokers"] - a["non_smokers"])),
    "breastfeeding": ((
        ("births_first_feed_known", None, lambda a: a["size"]),
        ("first_feed_breastmilk", lambda a: a["births_first_feed_known"],
         lambda a: a["births_first_feed_known"] * a["breastfeeding"]),
        ("infants_due_review", None, lambda a: a["size"]),
        ("totally_breastfed", lambda a: a["infants_due_review"],
         lambda a: a["infants_due_review"] * a["breastfeeding"]),
        ("partially_breastfed", lambda a: a["infants_due_review"] - a["totally_breastfed"],
         lambda a: a["infants_due_review"] * a["breastfeeding"]),
        ("not_breastfed",
         lambda a: a["infants_due_review"] - a["totally_breastfed"] - a["partially_breastfed"],
         lambda a: a["infants_due_review"] - a["totally_breastfed"] - a["partially_breastfed"]),
    ), lambda a: a.update(status_unknown=a["infants_due_review"] - a["totally_breastfed"]
                          - a["partially_breastfed"] - a["not_breastfed"])),
    # under-18 conceptions only (the one with a Fingertips ID), patterned like infant deaths
    "conceptions": ((
        ("female_population", None, lambda a: a["size"] * 1.45),
        ("conceptions", lambda a: a["female_population"],
         lambda a: a["female_population"] * a["imr"]),
        ("maternities", lambda a: a["conceptions"], lambda a: a["conceptions"]),
    ), lambda a: a.update(abortions=a["conceptions"] - a["maternities"])),
}
# Spread of the authorities' own levels around their region's (log-normal sigma).
_SPREAD = {"imr": 0.25, "smoking": 0.35, "breastfeeding": 0.12}


def share(total: int, weights: np.ndarray, capacity: np.ndarray | None,
          rng: np.random.Generator) -> np.ndarray:
    """`total` shared at random in proportion to `weights`, no part above its capacity."""
    parts = np.zeros(len(weights), dtype=np.int64)
    room = np.full(len(weights), total, dtype=np.int64) if capacity is None else capacity
    if total > room.sum():
        raise ValueError(f"cannot share {total} among capacities summing to {room.sum()}")
    while (left := total - int(parts.sum())) > 0:
        open_ = (room - parts) > 0
        p = np.where(open_, np.maximum(weights, 1e-9), 0.0)
        parts += np.minimum(rng.multinomial(left, p / p.sum()), room - parts)
    return parts


def _character(code: str) -> dict[str, float]:
    rng = rng_for("national", "character", code)
    base = 9_000 if code.startswith("E10") else 2_600  # counties are several UAs in size
    out = {"size": float(np.exp(rng.normal(np.log(base), 0.45)))}
    out.update({name: float(np.exp(rng.normal(0.0, sigma))) for name, sigma in _SPREAD.items()})
    return out


def _split_region(table: str, row: Row, codes: list[str], key: str) -> list[Row]:
    splits, finish = _SPLITS[table]
    traits = [_character(code) for code in codes]
    arrays: Arrays = {name: np.array([t[name] for t in traits]) for name in traits[0]}
    rng = rng_for("national", table, row[AREA_CODE], row[key])
    for column, bound, weight in splits:
        capacity = None if bound is None else bound(arrays).astype(np.int64)
        arrays[column] = share(int(row[column]), weight(arrays), capacity, rng)
    finish(arrays)
    columns = [c for c in row if c not in (AREA_CODE, key)]
    return [{AREA_CODE: code, key: row[key], **{c: int(arrays[c][n]) for c in columns}}
            for n, code in enumerate(codes)]


def national_rows(table: str, local: list[Row], key: str, last_year: int) -> list[Row]:
    """Rows for England, every region and every upper-tier authority for one table of
    the sample (`local`: its rows), with the published differences applied."""
    local = [{c: (None if v == "*" else v) for c, v in row.items()} for row in local
             if not (isinstance(row[key], str) and " Q" in row[key])]  # years, not quarters
    by_region: dict[str, list[str]] = {}
    for code, _, region in UPPER_TIER_AUTHORITIES:
        by_region.setdefault(region, []).append(code)
    kept = {ENGLAND, NORTH_WEST, *by_region[NORTH_WEST], *by_region}
    rows = [dict(row) for row in local if row[AREA_CODE] in kept]
    for row in local:
        if row[AREA_CODE] in by_region and row[AREA_CODE] != NORTH_WEST:
            rows += _split_region(table, row, by_region[row[AREA_CODE]], key)
    _apply_differences(rows, table, key, last_year)
    return sorted(rows, key=lambda r: (r[AREA_CODE], str(r[key])))


def _apply_differences(rows: list[Row], table: str, key: str, last_year: int) -> None:
    for difference in (d for d in PUBLISHED_DIFFERENCES if d.table == table):
        period = difference.period(last_year)
        for code in (difference.area_code, NORTH_WEST, ENGLAND):
            row = next(r for r in rows if r[AREA_CODE] == code and r[key] == period)
            for column, amount in difference.changes:
                row[column] = int(row[column]) + amount
