"""Benchmark: the dashboard's pages at national scale against trivial Dash work, same run.

Issue: "each page's server-side callback time (median and 95th percentile over ~30 calls)
against a trivial Dash callback (returns its input) measured in the same run: print the
ratio of 95th percentiles (goal: within 2x); and time to first drawn chart in headless
Chromium against an empty Dash page with one dcc.Graph of a trivial figure."

    .venv/bin/python -m bench.ui [--years 15] [--regions E12000002,...] [--repeat 30]
                                 [--cold-repeat 5] [--browser-repeat 10] [--no-browser]
                                 [--keep DIR]

Server side: every callback a page view sets off (the router that renders the page, the
URL-sync callback, and the page's own callbacks that fire on load) is called through
Flask's test client with the JSON body Dash's renderer sends, the control values taken
from the page the router returned. Pages keep query results and callback outputs per
data version, so repeated calls measure a view between loads; a second table empties
every cache before each call, the first view after a load. Browser side: from navigation
start (performance.now()) until a MutationObserver sees the first plotted trace inside the
chart. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.dash_requests import page_bodies, post, request_body
from bench.measure import machine, table
from bench.ui_browser import DEFINITIONS_PAGE, browser_rows, browser_times, browser_unavailable
from bench.ui_server import FIRST_VIEW_GOAL, GOAL, VIEW, server_side, summarise, trivial_app
from bench.ui_store import AREA, build_store, load_store, national_files

# the names other benchmarks and the smoke test take from here
__all__ = ["AREA", "VIEW", "build_store", "load_store", "main", "national_files", "page_bodies",
           "post", "request_body", "server_side", "summarise", "trivial_app"]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.ui", description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--regions", default=None, help="comma-separated region codes (default all)")
    parser.add_argument("--repeat", type=int, default=30, help="calls of each callback")
    parser.add_argument("--cold-repeat", type=int, default=5,
                        help="calls of each callback with every cache emptied first")
    parser.add_argument("--browser-repeat", type=int, default=10, help="page loads of each side")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--keep", type=Path, default=None,
                        help="build the store here and keep it (reused when it exists)")
    parser.add_argument("--areas", type=int, default=0, metavar="N",
                        help="instead: the page views at 1x, 5x and 10x synthetic small areas, "
                        "N of them at 10x (bench.scale), server side only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    """Print the tables; return the figures (for the smoke test)."""
    args = _arguments(argv)
    regions = args.regions.split(",") if args.regions else None
    if args.areas:
        from bench.scale import ui_series

        return ui_series(args.areas, args.years, regions, args.repeat, args.cold_repeat)
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as scratch:
        folder = args.keep or Path(scratch)
        start, reused = time.perf_counter(), (folder / "store.sqlite").exists()
        settings, rows = build_store(folder, args.years, regions)
        print(f"Dashboard pages benchmark on {machine()}")
        print(f"store: {sum(rows.values()):,} extract rows (" + ", ".join(
            f"{n} {c:,}" for n, c in rows.items()) + f"), {args.years} years, "
            + ("reused" if reused else f"built in {time.perf_counter() - start:.1f} s")
            + f"; area {AREA}")
        warm_rows, cold_rows, warmed_rows, samples = server_side(settings, args.repeat,
                                                                args.cold_repeat)
        headers = ["page | callback", "median ms", "p95 ms", "p95 x trivial",
                   f"goal: each callback's p95 <= {GOAL:g}x trivial"]
        print(f"\n== server side: Dash callbacks through Flask's test client, {args.repeat} calls "
              "each, interleaved (results kept per data version, as between loads) ==")
        print(table(headers, warm_rows))
        print(f"\n== server side, first view after a load: every cache emptied before each call, "
              f"{args.cold_repeat} calls each ==")
        first = [*headers[:-1], f"goal: each callback's p95 <= {FIRST_VIEW_GOAL:g}x trivial"]
        print(table(first, cold_rows))
        print(f"\n== server side, first view after a load and the warm-up (callbacks.warm, "
              f"{samples['warm-up'][0]:.1f} s for {AREA}'s pages): every cache emptied before "
              f"each call, {args.cold_repeat} calls each ==")
        print(table(first, warmed_rows))
        figures = {"server": {k: summarise(v) for k, v in samples.items()}}
        unavailable = None if args.no_browser else browser_unavailable()
        if unavailable:
            print(f"\n== headless Chromium: skipped, {unavailable} ==")
        elif not args.no_browser:
            from app import create_app

            times = browser_times(create_app(settings), trivial_app(), f"/trends?area={AREA}",
                                  args.browser_repeat, {"definitions": DEFINITIONS_PAGE})
            figures["browser"] = times
            print(f"\n== headless Chromium: navigation start to the first drawn trace (the "
                  f"definitions page: its chosen indicator), {args.browser_repeat} loads each, "
                  "alternating ==")
            print(table(["page", "median ms", "p95 ms", "median x baseline", "p95 x baseline",
                         "goal"], browser_rows(times)))
    return figures


if __name__ == "__main__":
    main()
