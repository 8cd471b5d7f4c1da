"""Disclosure control for child death review (CDOP) tables: small-count and secondary suppression.

Practice (what we could establish, and what we chose):

* Child death review data describe individual children. The design requires
  counts of 1 to ``k`` (default 4, configurable) to be suppressed in anything
  shown or downloaded, with secondary suppression so that a suppressed cell
  cannot be worked out from totals. NCMD's own published threshold could not
  be found in the stored sources; the default follows the project design.
* ONS does not suppress counts of registered deaths in its child mortality
  tables (e.g. the 2020 death cohort workbook, Table_3), but does not calculate
  rates below 3 deaths (":") and flags rates from 3 to 19 deaths as unreliable
  ("u"). That is a rate-reliability rule, not disclosure control.
* Zero is **not** suppressed by default: "no deaths" reveals nothing about an
  individual child. It can reveal something about a group (a zero beside a
  non-zero cell can show that every death in a row shared a characteristic),
  so ``suppress_zero=True`` treats zeros as small counts for tables where that
  matters.

Secondary suppression here is a documented heuristic (every table line that
holds a suppressed cell gets at least two, choosing the smallest non-zero
cells first), followed by an exact audit (``can_recover``) that adds further
suppression until no suppressed cell can be determined from the published
cells and the table's additive structure. It is not guaranteed to suppress the
minimum number of cells.

The protection rule, one table or many: a suppressed count is protected when a
reader cannot work it out, that is when the whole numbers it could be, given
everything published and every identity between the numbers, are at least two
(its feasible range, ``high - low`` after rounding inwards to whole numbers, is
at least 1). ``feasible_ranges`` computes that range across any number of tables
at once (the joint audit); ``unprotected`` applies the rule, with a wider
``protection`` available for stricter rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TOTAL = "Total"
# One wording for every hidden cell: notes that told small counts from their protectors
# would let a reader work the small ones out (cells 1 and 5 of a total 6, say).
PRIMARY_NOTE = ("Value suppressed for disclosure control: small counts, and counts from which "
                "they could be worked out, are hidden")
SECONDARY_NOTE = PRIMARY_NOTE


@dataclass(frozen=True)
class SuppressedTable:
    """Result of ``suppress_counts``.

    table: the counts with margins ("Total" row/column, or a "Total" entry for a
        1-D table) and NaN where suppressed (missing is missing).
    mask: True where suppressed, same shape as ``table``.
    notes: the reason for each suppressed cell, else None.
    full: the unsuppressed table with margins (for auditing; never publish it).
    lower_bound: smallest value a reader can infer a suppressed cell to have
        (1 when zeros are never suppressed, else 0).
    """

    table: pd.DataFrame | pd.Series
    mask: pd.DataFrame | pd.Series
    notes: pd.DataFrame | pd.Series
    full: pd.DataFrame | pd.Series
    lower_bound: int


def with_margins(table: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """Add a "Total" entry (1-D) or "Total" row and column (2-D)."""
    if isinstance(table, pd.Series):
        return pd.concat([table, pd.Series({TOTAL: table.sum()})])
    framed = table.copy()
    framed[TOTAL] = framed.sum(axis=1)
    framed.loc[TOTAL] = framed.sum(axis=0)
    return framed


def _grid(table: pd.DataFrame | pd.Series) -> np.ndarray:
    """The table (with margins) as a 2-D float array; a 1-D table becomes one row."""
    values = table.to_numpy(dtype="float64")
    return values.reshape(1, -1) if values.ndim == 1 else values


def _lines(shape: tuple[int, int]) -> list[list[tuple[int, int]]]:
    """Additive lines of a grid whose last row/column are margins: cells, total last.

    A 1-row grid is a 1-D table with its total: one line.
    """
    rows, cols = shape
    if rows == 1:
        return [[(0, j) for j in range(cols)]]
    lines = [[(i, j) for j in range(cols)] for i in range(rows)]
    lines += [[(i, j) for i in range(rows)] for j in range(cols)]
    return lines


def suppress_counts(
    table: pd.DataFrame | pd.Series, k: int = 4, *, suppress_zero: bool = False
) -> SuppressedTable:
    """Suppress small counts and enough other cells that none can be recovered.

    Method: primary suppression of counts 1..k (and 0 with ``suppress_zero``),
    totals included - a total is a count of children too;
    then secondary (complementary) suppression: while a table line (a row or
    column including its total, or the 1-D table with its total) holds exactly
    one suppressed cell, suppress the smallest other non-zero cell of that line
    (interior cells before totals); finally ``can_recover`` audits the table
    and, while any suppressed cell is still determined, the smallest eligible
    cell sharing a line with it is suppressed too.

    Citation: Hundepool A et al. Statistical Disclosure Control. Wiley; 2012,
    ch. 4 (cell suppression, complementary suppression and audit by linear
    programming); ONS, Review of the dissemination of health statistics:
    confidentiality guidance (2006).

    Args:
        table: counts without margins: a Series (1-D) or DataFrame (2-D) of
            whole numbers, no missing values.
        k: largest count that is suppressed (default 4).
        suppress_zero: also suppress zeros.

    Returns:
        ``SuppressedTable`` with the published table (margins added, NaN where
        suppressed), the mask, per-cell notes and the full table.
    """
    if not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k must be a whole number of 1 or more; got {k!r}")
    counts = table.to_numpy(dtype="float64")
    if np.isnan(counts).any():
        raise ValueError("table must not contain missing counts; suppress complete tables only")
    if (counts < 0).any() or (counts != np.round(counts)).any():
        raise ValueError("table must hold whole counts of zero or more")

    full = with_margins(table)
    grid = _grid(full)
    low = 0 if suppress_zero else 1
    primary = (grid >= low) & (grid <= k)
    margin = np.zeros_like(primary)
    margin[-1, :] = True
    if grid.shape[0] > 1:
        margin[:, -1] = True
    mask = primary.copy()
    eligible = (grid > 0) | suppress_zero
    lines = _lines(grid.shape)
    lower_bound = 0 if suppress_zero else 1

    _close_lines(mask, grid, eligible, margin, lines)
    for _ in range(grid.size):
        exposed = recoverable_cells(grid, mask, lower_bound) if not mask.all() else []
        if not exposed:
            break
        _protect(exposed[0], mask, grid, eligible, margin, lines)
        _close_lines(mask, grid, eligible, margin, lines)

    return _result(full, grid, mask, primary, k, low, lower_bound)


def _smallest(candidates: list[tuple[int, int]], grid, margin) -> tuple[int, int] | None:
    if not candidates:
        return None
    return min(candidates, key=lambda cell: (margin[cell], grid[cell], cell))


def _close_lines(mask, grid, eligible, margin, lines) -> None:
    """Give every line with exactly one suppressed cell a second one."""
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(mask[c] for c in line) == 1:
                pick = _smallest([c for c in line if not mask[c] and eligible[c]], grid, margin)
                if pick is None:  # nothing eligible: fall back to any published cell
                    pick = _smallest([c for c in line if not mask[c]], grid, margin)
                if pick is not None:
                    mask[pick] = True
                    changed = True


def _protect(cell, mask, grid, eligible, margin, lines) -> None:
    """Suppress the smallest eligible published cell sharing a line with ``cell``."""
    neighbours = [c for line in lines if cell in line for c in line if not mask[c]]
    pick = _smallest([c for c in neighbours if eligible[c]], grid, margin)
    pick = pick or _smallest(neighbours, grid, margin)
    if pick is None:
        # Nothing left to hide beside it: withhold the whole table rather than publish a
        # table from which a small count can be worked out.
        mask[:] = True
        return
    mask[pick] = True


def _result(full, grid, mask, primary, k, low, lower_bound) -> SuppressedTable:
    notes = np.full(grid.shape, None, dtype=object)
    notes[mask] = SECONDARY_NOTE
    notes[primary] = PRIMARY_NOTE.format(low=low, k=k)
    published = np.where(mask, np.nan, grid)
    if isinstance(full, pd.Series):
        return SuppressedTable(
            pd.Series(published[0], index=full.index), pd.Series(mask[0], index=full.index),
            pd.Series(notes[0], index=full.index), full, lower_bound)
    shape = {"index": full.index, "columns": full.columns}
    return SuppressedTable(pd.DataFrame(published, **shape), pd.DataFrame(mask, **shape),
                           pd.DataFrame(notes, **shape), full, lower_bound)


def recoverable_cells(table_with_margins, suppressed_mask, lower_bound: int = 0
                      ) -> list[tuple[int, int]]:
    """Suppressed cells whose value is determined by the published cells and the totals.

    Method (audit by linear programming): the suppressed cells are unknowns;
    every table line (row or column with its total; a 1-D table with its
    total) gives an equation "cells sum to the total" with the published cells
    substituted. Each unknown is minimised and maximised subject to those
    equations and unknown >= ``lower_bound`` (what a reader can assume, e.g. 1
    when zeros are always published). A cell whose minimum and maximum
    coincide (after rounding to whole counts) can be recovered - by
    subtraction or by any combination of the totals.

    Args:
        table_with_margins: the true counts with margins (last row/column, or
            last entry, are the totals), as from ``with_margins``.
        suppressed_mask: True where suppressed, same shape.
        lower_bound: the smallest value a reader may assume for a suppressed cell.

    Returns:
        (row, column) positions in the grid (row 0 for a 1-D table).
    """
    grid = _grid(table_with_margins) if not isinstance(table_with_margins, np.ndarray) \
        else np.atleast_2d(table_with_margins).astype(float)
    mask = np.atleast_2d(np.asarray(suppressed_mask, dtype=bool))
    if mask.shape != grid.shape:
        raise ValueError(f"mask shape {mask.shape} does not match table shape {grid.shape}")
    unknowns = [tuple(cell) for cell in np.argwhere(mask)]
    if not unknowns:
        return []
    position = {cell: n for n, cell in enumerate(unknowns)}
    equations, targets = [], []
    for line in _lines(grid.shape):
        *cells, total = line
        row = np.zeros(len(unknowns))
        constant = 0.0
        for cell, sign in [(c, 1.0) for c in cells] + [(total, -1.0)]:
            if cell in position:
                row[position[cell]] += sign
            else:
                constant += sign * grid[cell]
        if row.any():
            equations.append(row)
            targets.append(-constant)
    from scipy.optimize import linprog  # only audits need the solver

    a_eq, b_eq = np.array(equations), np.array(targets)
    bounds = [(lower_bound, None)] * len(unknowns)
    exposed = []
    for n, cell in enumerate(unknowns):
        objective = np.zeros(len(unknowns))
        objective[n] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if low.status == 0 and high.status == 0 and \
                np.ceil(low.fun - 1e-7) >= np.floor(-high.fun + 1e-7):
            exposed.append(cell)
    return exposed


def can_recover(table_with_margins, suppressed_mask, lower_bound: int = 0) -> bool:
    """True if any suppressed cell can be worked out from the published cells and totals.

    See ``recoverable_cells`` for the method (exact audit by linear programming).
    """
    return bool(recoverable_cells(table_with_margins, suppressed_mask, lower_bound))


def feasible_ranges(equalities, targets, hidden, at_least,
                    wanted=None) -> tuple[np.ndarray, np.ndarray]:
    """Smallest and largest value a reader can give each hidden number, from all tables at once.

    Method (joint audit by linear programming; Hundepool et al. 2012, section 4.3):
    the unknowns are non-negative counts of records of each kind (cells). Every
    published number, and every identity between numbers (a table's cells add up to
    its total; two tables count the same records), is an equation
    ``equalities @ cells == targets``. Every hidden number is ``hidden[h] @ cells`` and a
    reader may assume it is at least ``at_least[h]`` (1 where the rules never hide a
    zero). Each hidden number is minimised and maximised over that polytope with HiGHS.
    Cells fixed at zero by a published zero are removed first, and each hidden number
    is solved on the connected part of the system it belongs to, which keeps the
    programmes small. The linear relaxation can only widen a range compared with whole
    numbers, the usual choice in cell-suppression audits (tau-argus does the same).

    Args:
        equalities: (m, n) array or scipy sparse matrix over the n cells.
        targets: (m,) right-hand sides: the published values, 0 for identities.
        hidden: (h, n) array or sparse matrix, one row per hidden number.
        at_least: (h,) lower bounds a reader may assume for the hidden numbers.
        wanted: (h,) booleans, the hidden numbers to bound (default all); the others
            still constrain the system through ``at_least``.

    Returns:
        (low, high) arrays of length h; high is inf when nothing bounds the number;
        NaN for numbers not wanted.

    Raises:
        ValueError if the system has no solution (the equations contradict the data).
    """
    from scipy import sparse
    from scipy.optimize import linprog  # only audits need the solver

    equal = sparse.csr_matrix(equalities, dtype=float)
    hidden_rows = sparse.csr_matrix(hidden, dtype=float)
    targets = np.asarray(targets, dtype=float)
    at_least = np.asarray(at_least, dtype=float)
    free = _free_cells(equal, targets)
    equal, hidden_rows = equal[:, free], hidden_rows[:, free]
    part = _components(sparse.vstack([equal, hidden_rows]).tocsr(), free.sum())
    low, high = np.full(hidden_rows.shape[0], np.nan), np.full(hidden_rows.shape[0], np.nan)
    solved: dict[tuple, tuple[float, float]] = {}
    chosen = np.ones(hidden_rows.shape[0], bool) if wanted is None else np.asarray(wanted, bool)
    for h in np.flatnonzero(chosen):
        row = hidden_rows.getrow(h)
        signature = (tuple(row.indices), tuple(np.round(row.data, 9)))
        if signature not in solved:
            solved[signature] = _range(row, equal, targets, hidden_rows, at_least, part,
                                       linprog)
        low[h], high[h] = solved[signature]
    return low, high


def _free_cells(equal, targets) -> np.ndarray:
    """Cells not fixed at zero by a published zero (a row of non-negative coefficients
    whose target is 0)."""
    fixed = np.zeros(equal.shape[1], dtype=bool)
    coefficients = equal.tocsr()
    for r in np.flatnonzero(np.isclose(targets, 0.0)):
        start, end = coefficients.indptr[r], coefficients.indptr[r + 1]
        if end > start and (coefficients.data[start:end] > 0).all():
            fixed[coefficients.indices[start:end]] = True
    return ~fixed


def _components(rows, n: int) -> np.ndarray:
    """Connected part of each cell: cells sharing a row are connected."""
    from scipy.sparse.csgraph import connected_components

    incidence = (rows != 0).astype(float)
    linked = (incidence.T @ incidence).tocsr()
    return connected_components(linked, directed=False)[1] if n else np.zeros(0, int)


def _range(row, equal, targets, wanted, at_least, part, linprog) -> tuple[float, float]:
    if row.nnz == 0:
        return 0.0, 0.0
    cells = np.isin(part, np.unique(part[row.indices]))
    eq_rows = np.flatnonzero(np.asarray(abs(equal[:, cells]).sum(axis=1)).ravel() > 0)
    ub_rows = np.flatnonzero(np.asarray(abs(wanted[:, cells]).sum(axis=1)).ravel() > 0)
    a_eq, b_eq = equal[eq_rows][:, cells], targets[eq_rows]
    a_ub, b_ub = -wanted[ub_rows][:, cells], -at_least[ub_rows]
    objective = row[:, cells].toarray().ravel()
    ends = []
    for sign in (1.0, -1.0):
        result = linprog(sign * objective, A_ub=a_ub if len(ub_rows) else None,
                         b_ub=b_ub if len(ub_rows) else None,
                         A_eq=a_eq if len(eq_rows) else None, b_eq=b_eq if len(eq_rows) else None,
                         bounds=(0, None), method="highs")
        if result.status == 3 and sign < 0:
            ends.append(np.inf)
        elif result.status != 0:
            raise ValueError(f"the audit's equations have no solution ({result.message})")
        else:
            ends.append(sign * result.fun)
    return ends[0], ends[1]


def unprotected(low, high, protection: int = 1) -> np.ndarray:
    """True where a hidden number's feasible range holds fewer than ``protection + 1``
    whole numbers (``protection=1``: the project's rule, it can be worked out exactly)."""
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    return (np.floor(high + 1e-7) - np.ceil(low - 1e-7)) < protection
