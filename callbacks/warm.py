"""Page views worked out after a load, before visitors ask for them: the warm-up.

The refresh (`data.precompute`) stores what the pages read, but it cannot build the pages
themselves: `data` never imports the callbacks. So each server process, when it sees a data
version it has not warmed (at start, and within `POLL_SECONDS` of a load committed by any
process), offers to warm it. One process across every worker and server wins the claim (a
row of the precomputed table, `Precomputed.claim`); it replays the first view of every page
for the areas most wanted (those with their own extracts, then those this server's visitors
viewed lately, `callbacks.recent_areas`, then England, the regions and the rest) through its
own Flask client, as the browser would ask (and, for the areas with their own extracts,
builds the board pack as HTML and PDF), and adds each callback output and query result it
had to compute to that version's precomputed rows, area by area, within the time budget.
From then on the first view of those pages in any worker, after any restart, is a read. A
visitor who arrives before the warm-up reaches their area computes their view as before; a
load during the warm-up ends it (its rows would belong to an old version).

The warm-up runs in a child process at a lower priority (`start`), so it never holds the
serving process's interpreter lock and the kernel serves visitors first.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from dash import Dash
from sqlalchemy.exc import SQLAlchemyError

from callbacks import board_pack, overview, recent_areas
from callbacks.context import AppContext
from callbacks.pages import PAGES
from callbacks.replay import page_bodies, post
from data import precompute
from data.queries import cache
from data.settings import BACKGROUND_NICENESS, Settings

log = logging.getLogger(__name__)
POLL_SECONDS = 5.0
# Long enough for every area's pages at national scale (327 areas at about 3 s each on a
# 2-core machine) in the low-priority child: after that every first view is a read.
WARM_SECONDS = 1800.0
# A claim this long past its budget, with its warm-up not finished, was cut short (its server
# stopped): another process takes it over. The margin covers the child's start and the
# area it was in when the budget ran out (seconds to a minute on a busy machine).
CLAIM_GRACE_SECONDS = 120.0


@dataclass
class WarmReport:
    areas: int
    areas_left: int
    rows: int
    seconds: float


def budget_of(settings: Settings) -> float:
    """The seconds a warm-up may spend: the deployment's DASHBOARD_WARM_SECONDS; else its
    DASHBOARD_PRECOMPUTE_SECONDS; else WARM_SECONDS, unless the refresh's default budget
    (`data.precompute.BUDGET_SECONDS`, read here so that a process that changed it, as the
    tests do, has its children follow) is 0: precomputing is off."""
    if settings.warm_seconds is not None:
        return settings.warm_seconds
    if settings.precompute_seconds is not None:
        return settings.precompute_seconds
    return WARM_SECONDS if precompute.BUDGET_SECONDS > 0 else 0.0


def _pages() -> list[str]:
    # The data page is replayed too, as a visitor not signed in: its sign-in form is never
    # kept, but the parts it keeps per version (its tables) are the same for everyone.
    return [page.path for page in PAGES]


def area_order(engine, viewed: list[str]) -> tuple[list[str], list[str]]:
    """(areas with their own extracts, then every other area) with, right after the first
    group, the `viewed` codes that are areas of the store (`callbacks.recent_areas`)."""
    own, others = precompute.area_order(engine)
    known = set(others)
    wanted = [code for code in dict.fromkeys(viewed) if code in known]
    first = set(wanted)
    return own, wanted + [code for code in others if code not in first]


def warm(app: Dash, context: AppContext, budget_seconds: float | None = None,
         areas: list[str] | None = None, claimed: tuple | None = None,
         viewed: list[str] | None = None) -> WarmReport | None:
    """Claim the store's current data version and warm it (see the module's docstring),
    for `areas` in that order (default: the most wanted first, the areas with their own
    extracts, then the `viewed` ones, then the rest); None when the store keeps no
    precomputed results, the budget is 0, or another process claimed the version first.
    `claimed`: a version the caller has claimed already (the server's watching thread).
    Only what this process computes is stored: it starts with nothing kept, as a child does."""
    engine = context.engine
    kept = cache.precomputed(engine)
    budget = budget_of(context.settings) if budget_seconds is None else budget_seconds
    if kept is None or budget <= 0:
        return None
    version = claimed or cache.data_version(engine)
    if claimed is None and not kept.claim(engine, version):
        return None
    start, client, paths = time.perf_counter(), app.server.test_client(), _pages()
    own, others = area_order(engine, viewed or [])
    areas = [*own, *others] if areas is None else areas
    done = rows = 0
    for code in areas:  # the most wanted area always, then as many as the budget allows
        with cache.recording() as computed:
            for path in paths:
                for _label, body in page_bodies(client, path, f"?area={code}"):
                    post(client, body)
            if code in own:
                _board_pack(context, code)
        rows += kept.add(engine, version, computed)
        done += 1
        if time.perf_counter() - start > budget or cache.data_version(engine) != version:
            break
    kept.finish(engine, version)
    return WarmReport(done, len(areas) - done, rows, time.perf_counter() - start)


def _board_pack(context: AppContext, code: str) -> None:
    """The board pack of an area with its own extracts (its board's), as HTML and PDF: the
    charts' images and the printing are seconds a pack."""
    chain, frame = overview.summary(context, code)
    board_pack.pack_html(context, chain, frame)
    try:
        board_pack.pack_pdf(context, chain, frame)
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:  # no Chromium here
        log.warning("warm-up: no PDF board pack for %s: %s", code, error)


def start(context: AppContext, create_app: Callable[..., Dash]) -> threading.Thread | None:
    """Warm every new data version from this server process, for as long as it runs; nothing
    when precomputing is off (`DASHBOARD_PRECOMPUTE_SECONDS=0`). A thread watches the
    version; the warm-up itself runs in a child process at a lower priority (`BACKGROUND_NICENESS`),
    with an app of its own built by `create_app`, so visitors' requests come first and
    never wait for it on this process's interpreter lock."""
    budget = budget_of(context.settings)
    if budget <= 0:
        return None
    thread = threading.Thread(target=_watch, args=(context, create_app, budget), name="warm-up",
                              daemon=True)
    thread.start()
    return thread


def _watch(context: AppContext, create_app: Callable[..., Dash], budget: float) -> None:
    done: tuple | None = None  # the last version warmed, here or by another process
    pause = threading.Event()  # never set: the wait is the poll's interval
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no forked threads
    while True:
        try:
            version = cache.data_version(context.engine)
            kept = cache.precomputed(context.engine)
            # The claim is made here, so only the one server that wins it starts a child.
            if version != done and kept is None:
                done = version
            elif version != done and kept.claim(context.engine, version,
                                                stale_after=budget + CLAIM_GRACE_SECONDS):
                child = spawn.Process(target=_warm_in_child,
                                      args=(create_app, context.settings, budget, version,
                                            recent_areas.latest()),
                                      name="warm-up", daemon=True)
                child.start()
                child.join()
                done = version
            elif version != done and kept.finished(context.engine, version):
                done = version
            # else another process is warming it: look again, and take over if it stops
        except Exception:  # a warm-up that fails leaves the pages to compute as before
            log.exception("warm-up failed")
        pause.wait(POLL_SECONDS)


def _warm_in_child(create_app: Callable[..., Dash], settings: Settings, budget: float,
                   version: tuple, viewed: list[str]) -> None:
    os.nice(BACKGROUND_NICENESS)
    app = create_app(settings, warm_up=False)
    try:
        report = warm(app, app.dashboard_context, budget, claimed=version, viewed=viewed)
    except SQLAlchemyError as error:  # e.g. a load holding SQLite's write lock past the timeout
        log.warning("warm-up stopped: %s", error)
        return
    if report is not None:
        log.warning("warm-up: %d areas' first views (%d results) in %.1f s; %d areas left",
                    report.areas, report.rows, report.seconds, report.areas_left)
