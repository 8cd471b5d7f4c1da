"""Verification: the linear-programming audit that checks the suppression rules.

Not on any production path: tests and audits use it to confirm that no hidden count can
be worked out from what is published (the rule stated in `indicators.disclosure`). The
unknowns are the hidden cells; every additive identity is an equation; each unknown is
minimised and maximised with HiGHS (scipy). `recoverable_cells` audits one table (1-D
or 2-D with margins); `feasible_ranges` audits many tables at once.

Citation: Hundepool A et al. Statistical Disclosure Control. Wiley; 2012, ch. 4 (audit
of cell suppression by linear programming).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


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
    from scipy import sparse

    programme = _Programme(sparse.csr_matrix(np.reshape(equations, (-1, len(unknowns)))),
                           np.array(targets), sparse.csr_matrix((0, len(unknowns))),
                           np.zeros(0), lower_bound)
    exposed = []
    for n, cell in enumerate(unknowns):
        objective = np.zeros(len(unknowns))
        objective[n] = 1.0
        ends = programme.range(objective)
        if ends is not None and np.ceil(ends[0] - 1e-7) >= np.floor(ends[1] + 1e-7):
            exposed.append(cell)
    return exposed


class _Programme:
    """One linear system (a_eq x = b_eq, a_low x >= low, x >= floor) minimised and maximised
    for many objectives with HiGHS, each solve starting from the last one's basis."""

    def __init__(self, a_eq, b_eq, a_low, low, floor: float) -> None:
        import highspy
        from scipy import sparse

        self.highspy = highspy
        self.solver = highspy.Highs()
        self.solver.setOptionValue("output_flag", False)
        self.solver.setOptionValue("presolve", "off")  # keep the basis between solves
        self.n = a_eq.shape[1]
        self.solver.addVars(self.n, np.full(self.n, float(floor)),
                            np.full(self.n, highspy.kHighsInf))
        rows = sparse.vstack([a_eq, a_low]).tocsr()
        if rows.shape[0]:
            upper = np.concatenate([b_eq, np.full(len(low), highspy.kHighsInf)])
            self.solver.addRows(rows.shape[0], np.concatenate([b_eq, low]).astype(float),
                                upper.astype(float), rows.nnz, rows.indptr[:-1].astype(np.int32),
                                rows.indices.astype(np.int32), rows.data.astype(float))

    def _solve(self):
        """Run from the last basis; when that ends without a verdict (HiGHS answers
        kUnknown for some degenerate systems warm-started with presolve off), solve again
        from scratch with presolve, then go back to warm starts."""
        status = self.highspy.HighsModelStatus
        self.solver.run()
        found = self.solver.getModelStatus()
        if found in (status.kOptimal, status.kInfeasible, status.kUnbounded,
                     status.kUnboundedOrInfeasible):
            return found
        self.solver.clearSolver()
        self.solver.setOptionValue("presolve", "on")
        try:
            self.solver.run()
            return self.solver.getModelStatus()
        finally:
            self.solver.setOptionValue("presolve", "off")

    def range(self, objective: np.ndarray) -> tuple[float, float] | None:
        """(least, greatest) of objective @ x over the system (greatest inf when unbounded);
        None when the system has no solution."""
        status, sense = self.highspy.HighsModelStatus, self.highspy.ObjSense
        self.solver.changeColsCost(self.n, np.arange(self.n, dtype=np.int32),
                                   np.asarray(objective, dtype=float))
        ends = []
        for direction in (sense.kMinimize, sense.kMaximize):
            self.solver.changeObjectiveSense(direction)
            found = self._solve()
            if found == status.kOptimal:
                # counts: round off the simplex's last-digit noise (1e-12), so that a
                # range of exactly one whole number reads as 1, never 0.9999999999
                ends.append(round(self.solver.getInfo().objective_function_value, 6))
            elif direction == sense.kMaximize and found in (status.kUnbounded,
                                                            status.kUnboundedOrInfeasible):
                ends.append(np.inf)
            elif found == status.kInfeasible:
                return None
            else:
                raise RuntimeError(f"the audit's solver stopped: {found}")
        return ends[0], ends[1]


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

    equal = sparse.csr_matrix(equalities, dtype=float)
    hidden_rows = sparse.csr_matrix(hidden, dtype=float)
    targets = np.asarray(targets, dtype=float)
    at_least = np.asarray(at_least, dtype=float)
    free = _free_cells(equal, targets)
    equal, hidden_rows = equal[:, free], hidden_rows[:, free]
    part = _components(sparse.vstack([equal, hidden_rows]).tocsr(), free.sum())
    low, high = np.full(hidden_rows.shape[0], np.nan), np.full(hidden_rows.shape[0], np.nan)
    solved: dict[tuple, tuple[float, float]] = {}
    programmes: dict[tuple, tuple[np.ndarray, _Programme]] = {}
    chosen = np.ones(hidden_rows.shape[0], bool) if wanted is None else np.asarray(wanted, bool)
    for h in np.flatnonzero(chosen):
        row = hidden_rows.getrow(h)
        signature = (tuple(row.indices), tuple(np.round(row.data, 9)))
        if signature not in solved:
            solved[signature] = _range(row, equal, targets, hidden_rows, at_least, part,
                                       programmes)
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


def _range(row, equal, targets, wanted, at_least, part, programmes) -> tuple[float, float]:
    """The range of one hidden number over the connected parts of the system it touches
    (one programme per set of parts, reused for every number in them)."""
    if row.nnz == 0:
        return 0.0, 0.0
    parts = tuple(np.unique(part[row.indices]))
    if parts not in programmes:
        cells = np.isin(part, parts)
        eq_rows = np.flatnonzero(np.asarray(abs(equal[:, cells]).sum(axis=1)).ravel() > 0)
        ub_rows = np.flatnonzero(np.asarray(abs(wanted[:, cells]).sum(axis=1)).ravel() > 0)
        programmes[parts] = cells, _Programme(equal[eq_rows][:, cells], targets[eq_rows],
                                              wanted[ub_rows][:, cells], at_least[ub_rows], 0.0)
    cells, programme = programmes[parts]
    ends = programme.range(row[:, cells].toarray().ravel())
    if ends is None:
        raise ValueError("the audit's equations have no solution")
    return ends


def unprotected(low, high, protection: int = 1) -> np.ndarray:
    """True where a hidden number's feasible range holds fewer than ``protection + 1``
    whole numbers (``protection=1``: the project's rule, it can be worked out exactly)."""
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    return (np.floor(high + 1e-7) - np.ceil(low - 1e-7)) < protection
