"""What the refresh works out for the pages before its load becomes visible.

The costly parts of a page view that depend only on the data (the overview's rows and
spine-chart ranges per area, the child death review tables with their disclosure
suppression per area and year, the inequality rows and the simulated gap over time per
area) are computed inside the refresh's transaction, through the same memoised queries the
pages call, and stored with the data version the load commits
(`data.queries.precomputed`). Every value a job computes, the shared ones it reads on the
way included, is kept, so the pages' own keys are what is stored.

The work is bounded by a time budget (`jobs` gives the order): the areas whose own
extracts are loaded (a local team's: those with child death reviews) first, then England,
the regions and every other area; other years and other areas' simulations last. What the budget
leaves out is computed on first view, as before; the refresh's report says how far it got.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from data.queries import cache, core
from data.queries import child_deaths as deaths
from data.queries import inequalities as gaps
from data.queries.data_page import area_names
from data.queries.overview import area_chain, overview_values

# Refresh time the precompute may add, in seconds, at most; a deployment sets its own with
# DASHBOARD_PRECOMPUTE_SECONDS.
BUDGET_SECONDS = 30.0
# Within that, at most this share of the load's own time (reading, checking, storing and
# recomputing), but never under LEAST_SECONDS: a load then takes at most 1.5 times its own
# work (bench.refresh: within 2x the floor of writing the same rows), and the first seconds
# cover the shared lists and the areas with their own extracts. The servers' low-priority
# warm-up (callbacks.warm, DASHBOARD_WARM_SECONDS) works out every other area after the
# commit. None: the budget alone (tests that count the budget in jobs).
SHARE_OF_LOAD: float | None = 0.5
LEAST_SECONDS = 1.0
AREA_TYPE_ORDER = {"england": 0, "region": 1}


class InTransaction:
    """The refresh's connection standing in for an engine: the memoised queries read the
    rows the load has written but not yet committed."""

    def __init__(self, connection: Connection, engine: Engine) -> None:
        self.connection, self.dialect, self.url = connection, engine.dialect, engine.url

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        yield self.connection


@dataclass
class PrecomputeReport:
    rows: int
    jobs: int
    jobs_left: int
    seconds: float

    def note(self) -> str:
        left = f"; {self.jobs_left} left to the first view (time budget)" if self.jobs_left else ""
        return (f"precomputed {self.rows} page results ({self.jobs} jobs) in "
                f"{self.seconds:.1f} s{left}")


def area_order(engine: Engine) -> tuple[list[str], list[str]]:
    """(areas with their own extracts, then England, regions and the rest)."""
    own = deaths.cdop_area_codes(engine)
    frame = core.areas(engine)
    frame = frame.assign(rank=frame["area_type"].map(AREA_TYPE_ORDER).fillna(9))
    rest = frame.sort_values(["rank", "area_code"])["area_code"].tolist()
    return own, [code for code in rest if code not in set(own)]


def jobs(engine: Engine, small_count_max: int) -> Iterator[Callable[[], object]]:
    """The precompute list, most wanted first: what every page reads; each page's first
    view at its default period, the areas with their own extracts first; their gap
    simulations (seconds an area); their other review years; the other areas'
    simulations. The calls match the pages' own (same positional arguments), so their
    keys are the pages' keys."""
    for shared in (core.areas, core.indicator_choices, area_names, deaths.review_years,
                   deaths.cdop_area_codes, gaps.quintile_periods, gaps.quintile_area_codes):
        yield lambda shared=shared: shared(engine)
    own, others = area_order(engine)
    years = list(reversed(deaths.review_years(engine)))  # the page shows the newest first
    with_quintiles = set(gaps.quintile_area_codes(engine))
    periods = gaps.quintile_periods(engine)
    newest = periods["period_label"].iloc[0] if not periods.empty else None

    def first_view(code: str) -> Iterator[Callable[[], object]]:
        yield lambda: overview_values(engine, area_chain(engine, code))
        if code in own and years:
            yield lambda: deaths.published_review_tables(engine, code, years[0], small_count_max)
        if code in with_quintiles and newest is not None:
            yield lambda: _quintiles(engine, code, newest)

    def simulation(code: str) -> Iterator[Callable[[], object]]:
        if code in with_quintiles:
            yield lambda: gaps.gap_over_time(engine, code)

    for code in [*own, *others]:
        yield from first_view(code)
    for code in own:
        yield from simulation(code)
    for code in own:
        for year in years[1:]:
            yield lambda code=code, year=year: deaths.published_review_tables(
                engine, code, year, small_count_max)
    for code in others:
        yield from simulation(code)


def _quintiles(engine: Engine, code: str, period: str) -> None:
    rows = gaps.quintile_values(engine, code, period)
    if not rows.empty:
        gaps.overall_value(engine, code, period, rows["indicator_id"].iloc[0])


def budget_for(budget_seconds: float, load_seconds: float | None) -> float:
    """The seconds a load's precompute may take: `budget_seconds`, cut to SHARE_OF_LOAD of
    `load_seconds` (never under LEAST_SECONDS) when the load's own time is known."""
    if load_seconds is None or SHARE_OF_LOAD is None:
        return budget_seconds
    return min(budget_seconds, max(LEAST_SECONDS, SHARE_OF_LOAD * load_seconds))


def precompute(connection: Connection, engine: Engine, small_count_max: int = 4,
               budget_seconds: float | None = None, load_seconds: float | None = None
               ) -> PrecomputeReport | None:
    """Run the precompute list on the refresh's `connection` (after the load log's row is
    finished, so the version is the one the commit makes visible) and store the results,
    for `budget_seconds` (default: the deployment's, else BUDGET_SECONDS), cut to
    SHARE_OF_LOAD of `load_seconds` (the load's own time so far) when given; None when the
    store keeps no precomputed results (`cache.keep_precomputed`) or the budget is 0 (off)."""
    kept = cache.precomputed(engine)
    if kept is None:
        return None
    if budget_seconds is None:
        budget_seconds = BUDGET_SECONDS if kept.budget_seconds is None else kept.budget_seconds
    if budget_seconds <= 0:
        # off: not even the lists the job order itself reads are kept
        return None
    budget_seconds = budget_for(budget_seconds, load_seconds)
    start = time.perf_counter()
    view = InTransaction(connection, engine)
    version = cache.data_version(view)
    done = left = 0
    with cache.recording() as computed:
        for job in jobs(view, small_count_max):
            if time.perf_counter() - start > budget_seconds:
                left += 1
                continue
            job()
            done += 1
    rows = kept.write(connection, version, computed)
    return PrecomputeReport(rows, done, left, time.perf_counter() - start)
