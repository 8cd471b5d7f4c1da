"""Page views worked out after a load, before visitors ask for them: the warm-up.

The refresh (`data.precompute`) stores what the pages read, but it cannot build the pages
themselves: `data` never imports the callbacks. So each server process, when it sees a data
version it has not warmed (at start, and within `POLL_SECONDS` of a load committed by any
process), offers to warm it. One process across every worker and server wins the claim (a
row of the precomputed table, `Precomputed.claim`); it replays the first view of every page
for the areas most wanted (those with their own extracts, then England, the regions and
the rest: `data.precompute.area_order`) through its own Flask client, as the browser would
ask, and adds each callback output and query result it had to compute to that version's
precomputed rows, area by area, within the time budget. From then on the first view of
those pages in any worker, after any restart, is a read. A visitor who arrives before the
warm-up reaches their area computes their view as before; a load during the warm-up ends it
(its rows would belong to an old version).

Pages whose first view depends on the visitor (`view_cache.per_visitor`) are left out.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from dash import Dash

from callbacks.context import AppContext
from callbacks.pages import PAGES
from callbacks.replay import page_bodies, post
from data.precompute import BUDGET_SECONDS, area_order
from data.queries import cache

log = logging.getLogger(__name__)
POLL_SECONDS = 5.0


@dataclass
class WarmReport:
    areas: int
    areas_left: int
    rows: int
    seconds: float


def _pages() -> list[str]:
    return [page.path for page in PAGES if not getattr(page.layout, "per_visitor", False)]


def warm(app: Dash, context: AppContext, budget_seconds: float | None = None,
         areas: list[str] | None = None) -> WarmReport | None:
    """Claim the store's current data version and warm it (see the module's docstring),
    for `areas` in that order (default: the most wanted first); None when the store keeps no
    precomputed results, the budget is 0, or another process claimed the version first."""
    engine = context.engine
    kept = cache.precomputed(engine)
    budget = context.settings.precompute_seconds if budget_seconds is None else budget_seconds
    budget = BUDGET_SECONDS if budget is None else budget
    if kept is None or budget <= 0:
        return None
    version = cache.data_version(engine)
    if not kept.claim(engine, version):
        return None
    start, client, paths = time.perf_counter(), app.server.test_client(), _pages()
    if areas is None:
        own, others = area_order(engine)
        areas = [*own, *others]
    done = rows = 0
    for code in areas:  # the most wanted area always, then as many as the budget allows
        with cache.recording() as computed:
            for path in paths:
                for _label, body in page_bodies(client, path, f"?area={code}"):
                    post(client, body)
        rows += kept.add(engine, version, computed)
        done += 1
        if time.perf_counter() - start > budget or cache.data_version(engine) != version:
            break
    return WarmReport(done, len(areas) - done, rows, time.perf_counter() - start)


def start(app: Dash, context: AppContext) -> threading.Thread | None:
    """Warm every new data version in the background of this process, for as long as it
    runs; nothing when precomputing is off (`DASHBOARD_PRECOMPUTE_SECONDS=0`)."""
    if context.settings.precompute_seconds == 0:
        return None
    thread = threading.Thread(target=_watch, args=(app, context), name="warm-up", daemon=True)
    thread.start()
    return thread


def _watch(app: Dash, context: AppContext) -> None:
    seen: tuple | None = None
    pause = threading.Event()  # never set: the wait is the poll's interval
    while True:
        try:
            version = cache.data_version(context.engine)
            if version != seen:
                seen = version
                report = warm(app, context)
                if report is not None:
                    log.info("warmed %d areas' page views (%d rows) in %.1f s; %d areas left",
                             report.areas, report.rows, report.seconds, report.areas_left)
        except Exception:  # a warm-up that fails leaves the pages to compute as before
            log.exception("warm-up failed")
        pause.wait(POLL_SECONDS)
