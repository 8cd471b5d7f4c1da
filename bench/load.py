"""Load test: simulated analysts and board members against gunicorn (4 workers) on
PostgreSQL and Redis, against a trivial Dash app under the same load, in the same run.

    .venv/bin/python -m bench.load [--users 1,10,50,100] [--seconds 30] [--workers 4]
                                   [--years 15] [--regions CODE,...] [--areas-visited 6]
                                   [--sqlite] [--no-redis] [--keep DIR] [--warm-seconds N]
                                   [--load-priority background|normal]

For each number of users, the trivial app (bench.ui.trivial_app: the page, its layout and
dependencies, and a callback that returns its input) is loaded for the same time by as many
visitors, then the dashboard (bench.load_client). Half-way through each dashboard run the
births and deaths extract is loaded again, one year further each time, through the command
line (`python -m data load`), as the intelligence team would; the visitors check every trends
answer: its chart and its table at the same data, and no visitor shown the old data after
the new. Printed: throughput, p50/p95/p99, errors, the answers that mixed data, the
workers' memory over the run. Figures are printed, never asserted (the issue's goal: at 50
users the dashboard's p95 within 3x the trivial app's, with 0 errors).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import numpy as np
import pandas as pd
import requests

from bench.dash_requests import request_body
from bench.load_client import MemorySampler, run_visitors
from bench.load_servers import MidwayLoad, gunicorn, missing_servers
from bench.load_views import build_views, last_trends_period, visited_areas, warm_after_load
from bench.measure import machine, ratio, table, verdict
from bench.national import write_national
from bench.ui_server import trivial_app
from bench.ui_store import load_store, national_files
from data.settings import Settings

GOAL = 3.0
BREAKDOWN_ROWS = 12


def __getattr__(name: str):
    # gunicorn serves the baseline as `bench.load:trivial_server`.
    if name == "trivial_server":
        return trivial_app().server
    raise AttributeError(name)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--users", default="1,10,50,100", help="concurrent visitors, e.g. 1,10,50")
    parser.add_argument("--seconds", type=float, default=30, help="run time at each number of users")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--regions", default=None, help="comma-separated region codes (smaller run)")
    parser.add_argument("--areas-visited", type=int, default=6)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument("--no-redis", action="store_true", help="each worker its own cache")
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in DIR")
    parser.add_argument("--warm-seconds", type=float, default=None,
                        help="the warm-up's budget before the first level (default: the "
                        "deployment's, DASHBOARD_WARM_SECONDS, every area at national scale)")
    parser.add_argument("--load-priority", choices=["background", "normal"], default="background",
                        help="the mid-run load's CPU priority (`python -m data load --priority`); "
                        "normal: not starved by the visitors, a shorter run (the smoke test)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    args = _arguments(argv)
    missing = missing_servers(args.sqlite, args.no_redis)
    if missing:
        print(missing)
        return {}
    regions = args.regions.split(",") if args.regions else None
    levels = [int(n) for n in args.users.split(",")]
    with ExitStack() as stack:
        folder = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="imd-load-")))
        folder.mkdir(parents=True, exist_ok=True)
        return _run(args, stack, folder, regions, levels)


def _run(args, stack: ExitStack, folder: Path, regions, levels: list[int]) -> dict:
    from tests.pg_server import PostgresServer
    from tests.redis_server import RedisServer

    redis_url = None
    if not args.no_redis:
        redis = RedisServer().start()
        stack.callback(redis.stop)
        redis_url = redis.url
    print(f"bench.load: {machine()}; {args.workers} gunicorn workers on "
          f"{'SQLite' if args.sqlite else 'PostgreSQL'}{'' if args.no_redis else ' and Redis'}; "
          f"{args.seconds:g} s at each of {levels} users")
    # The sample's action plan is left out: today's validation refuses it (long actions,
    # due dates over a year ahead), so the plan pages show their "no plan" view.
    paths = national_files(folder / "files", args.years, regions, extras=("cdop",))
    rows: list[list] = []
    memory_rows: list[list] = []
    figures: dict = {}
    breakdowns: list[str] = []
    if args.sqlite:
        url = f"sqlite:///{folder / 'store.sqlite'}"
    else:
        postgres = PostgresServer().start()
        stack.callback(postgres.stop)
        url = postgres.create_database("load")
    settings = Settings(database_url=url, instance_dir=folder)
    start = time.perf_counter()
    load_store(settings, paths)
    print(f"  store loaded in {time.perf_counter() - start:.1f} s", flush=True)
    print("  " + warm_after_load(settings, args.warm_seconds), flush=True)
    views = build_views(settings, visited_areas(regions, args.areas_visited))
    environment = {**os.environ, "DATABASE_URL": url, "DASHBOARD_INSTANCE_DIR": str(folder)}
    environment.pop("REDIS_URL", None)
    if redis_url:
        environment["REDIS_URL"] = redis_url
    # Each level's mid-run load takes births and deaths one year further (a load adds or
    # replaces periods, so going back a year would leave the newest one shown).
    newer = [write_national(folder / f"newer-{n}", ("births_deaths",), years=args.years,
                            last_year=2024 + n, regions=regions)["births_deaths"]
             for n in range(len(levels))]
    for number, level in enumerate(levels):
        old_period = last_trends_period(settings, views)
        if redis_url:  # every level starts with empty caches, as after a restart
            import redis as redis_client

            redis_client.Redis.from_url(redis_url).flushdb()
        with gunicorn("bench.load:trivial_server", args.workers, environment) as (base, pid), \
                MemorySampler(pid) as sampler:
            base_body = request_body(requests.get(base + "/_dash-dependencies").json()[0],
                                     {"in": ("in", {"value": "x"}), "out": ("out", {})})
            trivial = run_visitors(base, level, args.seconds, None, None, base_body)
        base_row = _row("trivial Dash app", level, trivial, None)
        print(f"  {level} users, trivial app: the client used {_client_share(trivial)} of a core",
              flush=True)
        memory_rows.append(["trivial Dash app", level, _memory(sampler)])
        midway = MidwayLoad(environment, newer[number], args.seconds, args.load_priority)
        with gunicorn("app:server", args.workers, environment) as (base, pid), \
                MemorySampler(pid) as sampler:
            midway.thread.start()
            ours = run_visitors(base, level, args.seconds, views, old_period, more=midway.more,
                                since=lambda m=midway: m.finished)
            midway.thread.join()
        memory_rows.append(["dashboard", level, _memory(sampler)])
        rows += [base_row, _row("dashboard", level, ours, base_row)]
        figures[level] = {"trivial": trivial, "dashboard": ours, "load_ok": midway.ok}
        print(f"  {level} users: mid-run load {'committed' if midway.ok else 'FAILED'} in "
              f"{midway.took:.1f} s (run {ours.elapsed:.0f} s); the client used "
              f"{_client_share(ours)} of a core; trends answers at the new data: "
              f"{ours.new_seen}; mixed old and new in one answer: {ours.mixed}; visitors "
              f"shown old data after new: {ours.went_back}"
              + ("" if midway.ok else f"\n    {midway.error}"), flush=True)
        if ours.errors:
            print("    errors: " + "; ".join(sorted(set(ours.errors)))[:600])
        breakdowns.append(_breakdown(level, ours))
    print()
    print(table(["app", "users", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors",
                 "p95 vs trivial"], [r[:-1] for r in rows]))
    print()
    print("Workers' total resident memory (MB) at 0, 1/4, 1/2, 3/4 and the end of each run:")
    print(table(["app", "users", "MB over the run"], memory_rows))
    for text in breakdowns:
        print("\n" + text)
    fifty = [r for r in rows if r[0] == "dashboard" and r[1] == 50]
    if fifty:
        print(f"\nGoal at 50 users, p95 within {GOAL:g}x the trivial app's with 0 errors: "
              f"{verdict(fifty[0][-1], GOAL)}, {fifty[0][7]} errors")
    return figures


def _percentiles(seconds: list[float]) -> tuple[float, float, float]:
    if not seconds:
        return float("nan"), float("nan"), float("nan")
    p50, p95, p99 = np.percentile(seconds, [50, 95, 99]) * 1000
    return float(p50), float(p95), float(p99)


def _breakdown(users: int, results, top: int = BREAKDOWN_ROWS) -> str:
    """The dashboard's requests that took the most of the visitors' waiting, by kind (a page,
    Dash's layout or dependencies, or one callback of a page)."""
    frame = pd.DataFrame({"kind": results.kinds, "seconds": results.seconds})
    total = frame["seconds"].sum()
    grouped = frame.groupby("kind")["seconds"]
    summary = pd.DataFrame({
        "requests": grouped.size(), "share": grouped.sum() / total if total else 0.0,
        "p50": grouped.median() * 1000, "p95": grouped.quantile(0.95) * 1000,
        "longest": grouped.max() * 1000}).sort_values("share", ascending=False).head(top)
    rows = [[kind, int(r.requests), f"{r.share:.1%}", r.p50, r.p95, r.longest]
            for kind, r in summary.iterrows()]
    return (f"Dashboard at {users} users: the {top} kinds of request with the largest share of "
            "the total waiting\n" + table(["request", "requests", "share of waiting", "p50 ms",
                                            "p95 ms", "max ms"], rows))


def _client_share(results) -> str:
    """The visitors' own CPU (this process, a core at most for its threads, which hold the
    interpreter lock in turn) as a share of one core over the run."""
    return f"{results.client_cpu / results.elapsed:.0%}" if results.elapsed else "-"


def _memory(sampler: MemorySampler) -> str:
    """Total worker memory (MB) at the start, a quarter, half, three quarters and the end."""
    if not sampler.samples:
        return "-"
    picks = [sampler.samples[round(f * (len(sampler.samples) - 1))] for f in (0, .25, .5, .75, 1)]
    return " ".join(f"{sum(mb):.0f}" for _t, mb in picks)


def _row(app: str, users: int, results, base_row: list | None) -> list:
    p50, p95, p99 = _percentiles(results.seconds)
    vs = ratio(p95, base_row[5]) if base_row else 1.0
    return [app, users, len(results.seconds), len(results.seconds) / results.elapsed, p50, p95, p99,
            len(results.errors), f"{vs:.2f}x", vs]


if __name__ == "__main__":
    main()
