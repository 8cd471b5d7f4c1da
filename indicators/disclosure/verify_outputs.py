"""Verification of every child death review number the app can show, all taken together.

Not on any production path: tests (and an analyst who wants proof) run it.

A reader may combine any published numbers - the indicator engine's rows (reviews,
modifiable factors, categories, factors, the SUDI rate by calendar year of death, for
each area and its aggregates) and the child deaths page's tables (every breakdown,
notified and reviewed counts, for each financial year) - into any linear combination.
The audit writes each of those numbers as a sum over record-level cells and bounds every
hidden one by linear programming (`indicators.disclosure.verify.feasible_ranges`).

Cells. A review record is described by its area, the financial year its review closed
(or "open"), its calendar year of death, the financial year it was notified, whether it
is category 10, and one value per breakdown (category, modifiable factors, each factor
flag, age band, quintile, ethnicity, expected). Published numbers never cross two
breakdowns, so the cells are a core table (area, closed, died, notified, category 10 or
not) and one table per breakdown (area, closed, value) tied to the core by "they count
the same reviews" (and the category table's category 10 to the core's). Because the
breakdowns meet only in (area, closed year), any set of these tables that agree on those
totals comes from some set of records (a decomposable model), so nothing a reader could
deduce from records is lost. A reader is also given what every extract obeys: death
before notification before closure (the readers' rules), as structural zeros.

A reader may assume a hidden count is at least 1 where the rules never hide a zero
(never more than its true value). The protection rule is the project's: every small count
(1 to k) that is hidden must keep at least two possible whole numbers (see
`indicators.disclosure`); partners (hidden to protect small counts) and hidden
zeros need no protection of their own, the usual convention of cell suppression.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from indicators.disclosure.across import BY_CATEGORY, SUDI, PublishedTable
from indicators.disclosure.page_tables import NOTIFIED, REVIEWED, breakdowns
from indicators.disclosure.records import SUDI_LABEL as CATEGORY_10
from indicators.disclosure.tables import TOTAL
from indicators.disclosure.verify import feasible_ranges, unprotected

OPEN, NONE = "open", "none"


@dataclass(frozen=True)
class PageOutput:
    """What the child deaths page shows for one area and financial year."""

    area: str
    period: str
    tables: list[PublishedTable]
    counts: pd.Series  # notified and reviewed, NaN where hidden


class _Cells:
    """Cell keys -> column numbers, with each cell's true count."""

    def __init__(self) -> None:
        self.column: dict[tuple, int] = {}
        self.true: list[float] = []

    def add(self, key: tuple, true: float) -> None:
        if key not in self.column:
            self.column[key] = len(self.true)
            self.true.append(float(true))

    def row(self, keys: Iterable[tuple], sign: float = 1.0) -> dict[int, float]:
        return {self.column[k]: sign for k in keys if k in self.column}


def audit_child_death_outputs(records: pd.DataFrame, engine_values: pd.DataFrame,
                              pages: Iterable[PageOutput], parents: Mapping[str, str],
                              k: int, *, protection: int = 1) -> pd.DataFrame:
    """Feasible range of every hidden child death number, all outputs taken together.

    Args:
        records: `indicators.disclosure.records.infant_records` of the whole extract.
        engine_values: indicator_value rows (other indicators are ignored).
        pages: every page output to take into account.
        parents: area code -> parent code, for the engine's aggregated areas.
        k: counts 1..k are small: those are the hidden counts that must stay protected.
        protection: whole numbers, beyond one, that must remain possible.

    Returns:
        One row per hidden small count (1..k): source, name, area, period, category,
        field, value (true), low, high, protected.

    Raises:
        ValueError naming a published number whose value the cells do not reproduce.
    """
    pages = list(pages)
    closed = _labels(records["closed_year"], pages, engine_values, calendar=False)
    died = _labels(records["died_year"], [], engine_values, calendar=True)
    notified = _labels(records["notified_year"], pages, pd.DataFrame(), calendar=False)
    cells, core = _core_cells(records, closed, died, notified)
    breakdowns = _breakdown_cells(cells, records, closed)
    equations = _identities(cells, core, breakdowns, closed)
    numbers = [*_engine_numbers(cells, core, engine_values, parents, records),
               *_page_numbers(cells, core, pages)]
    truth = np.array(cells.true)
    rows, values, shown, at_least = [], [], [], []
    for name, row, is_shown, published, lower in numbers:
        true = sum(truth[c] * a for c, a in row.items())
        if published is not None and not np.isclose(published, true):
            raise ValueError(f"{name}: published {published} but the records give {true}")
        rows.append(row)
        values.append(true)
        shown.append(is_shown)
        at_least.append(min(lower, true))
    shown, values = np.array(shown, dtype=bool), np.array(values)
    # The sensitive cells are the small counts (the primary suppressions): a partner, a
    # hidden zero or a share's hidden denominator (yes + no, a sum of hidden cells) may be
    # worked out, as long as no small count can.
    small = np.array([number[0][-1] == "count" for number in numbers]) & (values >= 1) \
        & (values <= k)
    matrix = _matrix(rows, len(truth))
    equalities = sparse.vstack([_matrix(equations, len(truth)), matrix[shown]])
    targets = np.concatenate([np.zeros(len(equations)), values[shown]])
    low, high = feasible_ranges(equalities, targets, matrix[~shown], np.array(at_least)[~shown],
                                wanted=small[~shown])
    wanted = small[~shown]
    names = [number[0] for number, s in zip(numbers, ~shown & small, strict=True) if s]
    out = pd.DataFrame(names, columns=["source", "name", "area", "period", "category", "field"])
    out["value"], out["low"], out["high"] = values[~shown & small], low[wanted], high[wanted]
    out["protected"] = ~unprotected(out["low"], out["high"], protection)
    return out


def _labels(record_labels: pd.Series, pages: list[PageOutput], values: pd.DataFrame,
            calendar: bool) -> list:
    labels = set(record_labels.dropna())
    labels |= {p.period for p in pages}
    if not values.empty:
        rows = values[values["indicator_id"].str.startswith("cdop_")]
        sudi = rows["indicator_id"].eq(SUDI)
        chosen = rows.loc[sudi if calendar else ~sudi, "period_label"]
        labels |= {int(p) for p in chosen} if calendar else set(chosen)
    return sorted(int(x) for x in labels) if calendar else sorted(labels)


def _start(label: str) -> int:
    return int(str(label)[:4])


def _possible(s, y, q) -> bool:
    """Death, notification and closure in that order (the extract readers' rules)."""
    if y != NONE and q != NONE and _start(q) < y - 1:
        return False
    if s != OPEN and q != NONE and _start(s) < _start(q):
        return False
    return s == OPEN or y == NONE or _start(s) >= y - 1


def _core_cells(records, closed, died, notified) -> tuple[_Cells, dict]:
    """The core cells, indexed three ways: by (area, closed year), by (area, year of death)
    for reviewed category-10 deaths (the SUDI count), by (area, notified year)."""
    cells = _Cells()
    is_open = records["closed_year"].isna()
    keys = pd.DataFrame({
        "area": records["area_code"], "s": records["closed_year"].where(~is_open, OPEN),
        "y": records["died_year"].astype(object).where(records["died_year"].notna(), NONE),
        "q": records["notified_year"].where(records["notified_year"].notna(), NONE),
        "ten": ~is_open & records["category"].eq(CATEGORY_10)})
    true = keys.groupby(list(keys.columns)).size() if len(keys) else pd.Series(dtype=int)
    years = [*died, *([NONE] if (keys["y"] == NONE).any() else [])]
    notes = [*notified, *([NONE] if (keys["q"] == NONE).any() else [])]
    core = {"closed": {}, "sudi": {}, "notified": {}}
    for area in sorted(keys["area"].unique()):
        for s in [*closed, OPEN]:
            for y in years:
                for q in notes:
                    for ten in ((False,) if s == OPEN else (False, True)):
                        key = ("core", area, s, y, q, ten)
                        count = true.get((area, s, y, q, ten), 0)
                        if not (count or _possible(s, y, q)):
                            continue
                        cells.add(key, count)
                        core["closed"].setdefault((area, s), []).append(key)
                        core["notified"].setdefault((area, q), []).append(key)
                        if ten:
                            core["sudi"].setdefault((area, y), []).append(key)
    return cells, core


def _breakdown_cells(cells: _Cells, records: pd.DataFrame, closed: list) -> dict:
    """(area, table key) -> the values the page lists for it; cells for every closed year."""
    lists = {}
    for area, own in records.groupby("area_code"):
        done = own["closed_year"].notna()
        for breakdown in breakdowns(own):
            lists[(area, breakdown.key)] = breakdown.order
            true = breakdown.words[done].groupby(own.loc[done, "closed_year"]).value_counts()
            for s in closed:
                for value in breakdown.order:
                    cells.add(("breakdown", area, breakdown.key, s, value),
                              true.get((s, value), 0))
    return lists


def _identities(cells, core, breakdowns, closed) -> list[dict[int, float]]:
    """Each breakdown counts the same reviews as the core; its category 10 the core's."""
    equations = []
    for (area, key), values in breakdowns.items():
        for s in closed:
            reviews = cells.row(core["closed"].get((area, s), []), -1.0)
            equations.append({**reviews, **cells.row(
                [("breakdown", area, key, s, v) for v in values])})
            if key == "category":
                tens = cells.row([k for k in core["closed"].get((area, s), []) if k[-1]], -1.0)
                equations.append({**tens, **cells.row(
                    [("breakdown", area, key, s, CATEGORY_10)])})
    return equations


def _reviews(core, areas, s) -> list[tuple]:
    return [k for a in areas for k in core["closed"].get((a, s), [])]


def _engine_numbers(cells, core, values, parents, records):
    """(name, row, shown, published value to check or None, reader's lower bound) for
    every count and review-count denominator of the engine's child death rows. A value
    (with its limits) gives its count and denominator away, so it counts as showing them."""
    own = set(records["area_code"])
    rows = values[values["indicator_id"].str.startswith("cdop_")]
    sudi_hidden = rows[rows["indicator_id"].eq(SUDI)].groupby("area_code")["count"].apply(
        lambda c: bool(c.isna().all()))
    for row in rows.itertuples(index=False):
        areas = [row.area_code] if row.area_code in own else sorted(
            a for a in own if parents.get(a) == row.area_code)
        if not areas:
            continue
        name = ("engine", row.indicator_id, row.area_code, row.period_label, row.category)
        count, denominator = _engine_definition(cells, core, row, areas)
        by_value = pd.notna(row.value)
        whole_series = row.indicator_id == SUDI and sudi_hidden.get(row.area_code, False)
        yield ((*name, "count"), count, pd.notna(row.count) or by_value,
               row.count if pd.notna(row.count) else None, 0.0 if whole_series else 1.0)
        if denominator is not None:
            yield ((*name, "denominator"), denominator, pd.notna(row.denominator) or by_value,
                   row.denominator if pd.notna(row.denominator) else None, 0.0)


def _engine_definition(cells, core, row, areas):
    s, indicator = row.period_label, row.indicator_id

    def breakdown(key, words):
        return cells.row([("breakdown", a, key, s, w) for a in areas for w in words])

    if indicator == SUDI:
        return cells.row([k for a in areas for k in core["sudi"].get((a, int(s)), [])]), None
    total = cells.row(_reviews(core, areas, s))
    if indicator == "cdop_infant_reviews":
        return total, None
    if indicator == BY_CATEGORY:
        return breakdown("category", [row.category]), total
    key = "modifiable" if indicator == "cdop_infant_modifiable" else \
        "factor_" + indicator.removeprefix("cdop_factor_")
    return breakdown(key, ["Yes"]), breakdown(key, ["Yes", "No"])


def _page_numbers(cells, core, pages):
    for page in pages:
        reviews = cells.row(_reviews(core, [page.area], page.period))
        for table in page.tables:
            for value in table.shown.index:
                row = reviews if value == TOTAL else \
                    cells.row([("breakdown", page.area, table.key, page.period, value)])
                hidden = bool(table.hidden[value])
                yield (("page", table.key, page.area, page.period, value, "count"), row,
                       not hidden, None if hidden else float(table.shown[value]),
                       float(table.lower_bound))
        for word, row in ((REVIEWED, reviews), (NOTIFIED, cells.row(
                core["notified"].get((page.area, page.period), [])))):
            published = page.counts.get(word)
            yield (("page", "notified", page.area, page.period, word, "count"), row,
                   pd.notna(published), None if pd.isna(published) else float(published), 1.0)


def _matrix(rows: list[dict[int, float]], n: int) -> sparse.csr_matrix:
    data, indices, indptr = [], [], [0]
    for row in rows:
        indices.extend(row.keys())
        data.extend(row.values())
        indptr.append(len(indices))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), n))
