"""The joint disclosure audit of child death review outputs, searched by hypothesis: its
ranges agree with the one-table audit, and no hidden count can be worked out from every
output (the engine's rows for each area and its aggregate, the page's tables and counts
for each financial year) read together, by linear programming."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.disclosure.records import infant_records
from indicators.disclosure.tables import with_margins
from indicators.disclosure.verify import feasible_ranges, recoverable_cells, unprotected
from tests.indicators.child_death_audit.cases import (
    BLACKBURN,
    BURNLEY,
    CHORLEY,
    audit,
    engine_rows,
    exposed,
    record,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=4), min_size=1, max_size=3)
       .filter(lambda rows: len({len(r) for r in rows}) == 1), st.data())
def test_joint_ranges_agree_with_the_one_table_audit(rows, data):
    size = np.atleast_2d(with_margins(_counts(rows)).to_numpy()).size
    hidden = data.draw(st.lists(st.booleans(), min_size=size, max_size=size))
    _check_agreement(rows, hidden, data.draw(st.sampled_from([0, 1])))


def test_a_degenerate_system_the_warm_started_solver_cannot_settle_is_solved_afresh():
    # Found by the search above: HiGHS, warm-started with presolve off, ended this one
    # without a verdict (kUnknown), and the audit stopped.
    _check_agreement([[0, 0, 1], [0, 1, 0]], [True, True, False, True, True, True, False,
                                              False, True, True, False, True], 0)


def _counts(rows: list[list[int]]) -> pd.DataFrame | pd.Series:
    return pd.DataFrame(rows) if len(rows) > 1 else pd.Series(rows[0])


def _check_agreement(rows: list[list[int]], hidden: list[bool], lower: int) -> None:
    counts = _counts(rows)
    full = with_margins(counts)
    grid = np.atleast_2d(full.to_numpy(dtype=float))
    mask = np.array(hidden, dtype=bool).reshape(grid.shape)
    truth = np.atleast_2d(counts.to_numpy(dtype=float))
    n_rows, n_cols = truth.shape

    def row_of(i: int, j: int) -> np.ndarray:  # any grid cell as a sum of interior cells
        cell = np.zeros(truth.shape)
        rows_ = range(n_rows) if i == grid.shape[0] - 1 and grid.shape[0] > 1 else [i]
        cols = range(n_cols) if j == n_cols else [j]
        for r in rows_:
            for c in cols:
                cell[r, c] = 1
        return cell.ravel()

    cells = [(i, j) for i in range(grid.shape[0]) for j in range(grid.shape[1])]
    shown = [c for c in cells if not mask[c]]
    hidden = [c for c in cells if mask[c]]
    if not hidden or any(grid[c] < lower for c in hidden):
        return
    low, high = feasible_ranges(np.array([row_of(*c) for c in shown]).reshape(-1, truth.size),
                                [grid[c] for c in shown], np.array([row_of(*c) for c in hidden]),
                                [lower] * len(hidden))
    joint = {c for c, bad in zip(hidden, unprotected(low, high), strict=True) if bad}
    assert joint == set(recoverable_cells(full, mask.reshape(np.shape(full)), lower))


AREA_CODES = [BLACKBURN, BURNLEY, CHORLEY]
START = date(2021, 1, 1)


@st.composite
def record_sets(draw) -> pd.DataFrame:
    n = draw(st.integers(0, 30))
    rows = []
    for i in range(n):
        died = START + timedelta(days=draw(st.integers(0, 3 * 365)))
        notified = died + timedelta(days=draw(st.integers(0, 40)))
        closed = notified + timedelta(days=draw(st.integers(0, 800)))
        rows.append(record(
            i, draw(st.sampled_from(AREA_CODES)), died=died.isoformat(),
            closed=None if closed > date(2024, 3, 31) else closed.isoformat(),
            category=draw(st.sampled_from([8, 8, 8, 7, 7, 10, 10, 9, 1, 5])),
            modifiable=draw(st.sampled_from(["Y", "N", "N", "Insufficient information", None])),
            notified_date=notified.isoformat(),
            age_at_death_days=draw(st.sampled_from([0, 3, 20, 40, 200, 364, 800])),
            imd_quintile=draw(st.sampled_from([1, 1, 2, 5, None])),
            ethnic_group=draw(st.sampled_from(["White", "White", "Mixed", ""])),
            expected=draw(st.sampled_from(["Y", "N"])),
            factor_smoking=draw(st.sampled_from(["Y", "N", ""])),
            factor_co_sleeping=draw(st.sampled_from(["Y", "N", "N"])),
        ))
    return pd.DataFrame(rows, columns=list(record(0)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_sets(), st.sampled_from([2, 4]))
def test_no_hidden_count_can_be_worked_out_from_all_outputs_together(cdop, k):
    if infant_records(cdop).empty:
        return
    result = audit(cdop, engine_rows(cdop, k), k=k)
    assert exposed(result).empty, exposed(result).to_string()
