"""Load test: simulated analysts and board members against gunicorn (4 workers) on
PostgreSQL and Redis, against a trivial Dash app under the same load, in the same run.

    .venv/bin/python -m bench.load [--users 1,10,50,100] [--seconds 30] [--workers 4]
                                   [--years 15] [--regions CODE,...] [--areas-visited 6]
                                   [--sqlite] [--no-redis] [--keep DIR]

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
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import numpy as np
import requests

from bench.load_client import ANALYST, BOARD, TRENDS_CHART, MemorySampler, Views, run_visitors
from bench.measure import machine, ratio, table, verdict
from bench.national import national_areas, write_national
from bench.ui import AREA, load_store, national_files, page_bodies, request_body, trivial_app
from data.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
GOAL = 3.0


def __getattr__(name: str):
    # gunicorn serves the baseline as `bench.load:trivial_server`.
    if name == "trivial_server":
        return trivial_app().server
    raise AttributeError(name)


class Client:
    """The two calls bench.ui.page_bodies makes of a test client, over HTTP."""

    class Answer:
        def __init__(self, response: requests.Response) -> None:
            self.status_code, self.text = response.status_code, response.text
            self._response = response

        def get_json(self):
            return self._response.json()

    def __init__(self, base: str) -> None:
        self.base, self.session = base, requests.Session()

    def get(self, path: str) -> Answer:
        return self.Answer(self.session.get(self.base + path, timeout=300))

    def post(self, path: str, json: dict) -> Answer:
        return self.Answer(self.session.post(self.base + path, json=json, timeout=300))


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(target: str, workers: int, environment: dict):
    """gunicorn serving `target` on a free loopback port; yields (address, master pid)."""
    binary = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    port = _free_port()
    server = subprocess.Popen([binary, "-w", str(workers), "-b", f"127.0.0.1:{port}",
                               "--timeout", "300", target], cwd=ROOT, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn {target} exited with {server.returncode}")
            try:
                if requests.get(base + "/_dash-layout", timeout=30).ok:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)  # polling the port for readiness
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)


def build_views(settings: Settings, areas: list[str]) -> Views:
    """Every journey page's callback bodies per area, built in this process (so the servers
    start with empty caches)."""
    from app import create_app

    client = create_app(settings).server.test_client()
    pages = {}
    for area in areas:
        for path in {*ANALYST, *BOARD}:
            query = f"?area={area}" + ("&indicator=infant_mortality" if path == "/trends" else "")
            pages[(path, area)] = (query, page_bodies(client, path, query))
    return Views(pages=pages, areas=areas)


def visited_areas(regions: list[str] | None, count: int) -> list[str]:
    """`count` counties, unitary authorities and districts spread over the store, Manchester
    (bench.ui's area) first when it is in."""
    areas = national_areas(regions)
    local = areas.loc[areas["area_type"].isin(["county_ua", "district"]), "area_code"].tolist()
    chosen = [AREA] if AREA in local else []
    step = max(1, len(local) // max(1, count))
    chosen += [a for a in local[::step] if a not in chosen]
    return chosen[:count]


def _percentiles(seconds: list[float]) -> tuple[float, float, float]:
    if not seconds:
        return float("nan"), float("nan"), float("nan")
    p50, p95, p99 = np.percentile(seconds, [50, 95, 99]) * 1000
    return float(p50), float(p95), float(p99)


def _memory(sampler: MemorySampler) -> str:
    """Total worker memory (MB) at the start, a quarter, half, three quarters and the end."""
    if not sampler.samples:
        return "-"
    picks = [sampler.samples[round(f * (len(sampler.samples) - 1))] for f in (0, .25, .5, .75, 1)]
    return " ".join(f"{sum(mb):.0f}" for _t, mb in picks)


class MidwayLoad:
    """`python -m data load FILE` half-way through a run, in a thread; visitors keep going
    until a quarter-run after it has committed (`more`), so they see the new data too."""

    def __init__(self, environment: dict, file: Path, seconds: float) -> None:
        self.environment, self.file, self.seconds = environment, file, seconds
        self.finished: float | None = None
        self.took, self.ok, self.error = float("nan"), False, ""
        self.thread = threading.Thread(target=self._load, daemon=True)

    def _load(self) -> None:
        time.sleep(self.seconds / 2)  # half-way through the run is the point, not readiness
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "data", "load", str(self.file), "--user",
                               "bench"], cwd=ROOT, env=self.environment, capture_output=True,
                              text=True)
        self.took, self.ok, self.error = time.perf_counter() - start, done.returncode == 0, \
            done.stderr[-500:]
        self.finished = time.monotonic()

    def more(self) -> bool:
        return self.finished is None or time.monotonic() < self.finished + self.seconds / 4


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


def missing_servers(sqlite: bool, no_redis: bool) -> str | None:
    """What the run needs that this machine lacks, with the command that installs it."""
    import glob

    missing = [name for name, needed, found in (
        ("the PostgreSQL server binaries", not sqlite, glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        ("redis-server", not no_redis, shutil.which("redis-server"))) if needed and not found]
    if not missing:
        return None
    return (f"bench.load needs {' and '.join(missing)}: `bash scripts/setup.sh test` installs "
            "them; or pass --sqlite and --no-redis")


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
        old_period = _old_period(settings, views)
        if redis_url:  # every level starts with empty caches, as after a restart
            import redis as redis_client

            redis_client.Redis.from_url(redis_url).flushdb()
        with gunicorn("bench.load:trivial_server", args.workers, environment) as (base, pid), \
                MemorySampler(pid) as sampler:
            base_body = request_body(requests.get(base + "/_dash-dependencies").json()[0],
                                     {"in": ("in", {"value": "x"}), "out": ("out", {})})
            trivial = run_visitors(base, level, args.seconds, None, None, base_body)
        base_row = _row("trivial Dash app", level, trivial, None)
        memory_rows.append(["trivial Dash app", level, _memory(sampler)])
        midway = MidwayLoad(environment, newer[number], args.seconds)
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
              f"{midway.took:.1f} s (run {ours.elapsed:.0f} s); trends answers at the new data: "
              f"{ours.new_seen}; mixed old and new in one answer: {ours.mixed}; visitors "
              f"shown old data after new: {ours.went_back}"
              + ("" if midway.ok else f"\n    {midway.error}"), flush=True)
        if ours.errors:
            print("    errors: " + "; ".join(sorted(set(ours.errors)))[:600])
    print()
    print(table(["app", "users", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors",
                 "p95 vs trivial"], [r[:-1] for r in rows]))
    print()
    print("Workers' total resident memory (MB) at 0, 1/4, 1/2, 3/4 and the end of each run:")
    print(table(["app", "users", "MB over the run"], memory_rows))
    fifty = [r for r in rows if r[0] == "dashboard" and r[1] == 50]
    if fifty:
        print(f"\nGoal at 50 users, p95 within {GOAL:g}x the trivial app's with 0 errors: "
              f"{verdict(fifty[0][-1], GOAL)}, {fifty[0][7]} errors")
    return figures


def _old_period(settings: Settings, views: Views) -> str:
    """The trends chart's last period before the mid-run load."""
    from app import create_app

    client = create_app(settings).server.test_client()
    body = dict(views.pages[("/trends", views.areas[0])][1])[TRENDS_CHART]
    answer = client.post("/_dash-update-component", json=body).get_json()
    return answer["response"]["trends-chart"]["figure"]["layout"]["xaxis"]["categoryarray"][-1]


def _row(app: str, users: int, results, base_row: list | None) -> list:
    p50, p95, p99 = _percentiles(results.seconds)
    vs = ratio(p95, base_row[5]) if base_row else 1.0
    return [app, users, len(results.seconds), len(results.seconds) / results.elapsed, p50, p95, p99,
            len(results.errors), f"{vs:.2f}x", vs]


if __name__ == "__main__":
    main()
