"""Benchmark: a national-scale refresh against pandas doing the plainest job on the same files.

Issue: "a national-scale refresh (every English county/UA and district, 15 years of annual
births and deaths, quarterly smoking at delivery) against a baseline measured in the same
run: pandas reading the same files and writing the same rows with to_sql. Goal: the
refresh, validation included, within 3x the baseline's time and 2x its peak memory."

    .venv/bin/python -m bench.refresh [--tables births_deaths,satod] [--years 15]
                                      [--postgres] [--profile 25] [--keep DIR]

Each side runs in a fresh child process on a fresh database, and reports its own
wall-clock time (time.perf_counter, imports and schema creation excluded) and its own
peak resident memory (VmHWM, imports included). The figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from bench import step_timing
from bench.baseline import dump_stored_rows
from bench.measure import (
    Postgres,
    emit,
    machine,
    peak_mb,
    ratio,
    run_child,
    table,
    verdict,
)
from bench.national import PUBLISHED, TABLES, csv_rows, write_national
from data.refresh import refresh
from data.schema import indicator_value, raw_row
from data.settings import Settings
from data.store import make_engine, upgrade

TIME_GOAL, MEMORY_GOAL = 3.0, 2.0
FLOOR_GOAL = 2.0  # issue 16: the refresh within 2x the floor


def refresh_pass(paths: dict[str, Path], url: str, instance: Path) -> dict:
    """data.refresh.refresh of every file on a fresh, upgraded store; seconds and counts."""
    engine = make_engine(Settings(database_url=url, instance_dir=instance))
    start = time.perf_counter()
    upgrade(engine)
    upgrade_seconds = time.perf_counter() - start
    start = time.perf_counter()
    report = refresh(engine, list(paths.values()), user="bench")
    seconds = time.perf_counter() - start
    if not report.ok:
        raise RuntimeError("refresh refused the benchmark files:\n" + "\n".join(report.lines()[:20]))
    with engine.connect() as connection:
        raw = dict(connection.execute(
            select(raw_row.c.source, func.count()).group_by(raw_row.c.source)).all())
        values = connection.execute(select(func.count()).select_from(indicator_value)).scalar_one()
    engine.dispose()
    return {"seconds": seconds, "upgrade_seconds": upgrade_seconds, "result": report.result,
            "rows": report.rows, "raw_rows": raw, "values": values,
            "precompute": report.precomputed.note() if report.precomputed else "none"}


def _first_imports(before: set[str]) -> dict[str, int]:
    """Packages first imported while the refresh ran (their cost is in its time), by size."""
    counts = Counter(name.split(".")[0] for name in set(sys.modules) - before)
    return dict(counts.most_common())


def _child(url: str, files: list[str], profile_lines: int) -> None:
    import_mb, modules = peak_mb(), set(sys.modules)
    paths = {Path(f).stem: Path(f) for f in files}
    with tempfile.TemporaryDirectory() as instance:
        if profile_lines:
            profiler = cProfile.Profile()
            result = profiler.runcall(refresh_pass, paths, url, Path(instance))
            _print_profile(profiler, profile_lines)
        else:
            timer = step_timing.install()
            result = refresh_pass(paths, url, Path(instance))
            result["phases"] = step_timing.breakdown(timer, result["seconds"])
    emit({**result, "import_mb": import_mb, "peak_mb": peak_mb(), "imported": _first_imports(modules)})


def _print_profile(profiler: cProfile.Profile, lines: int) -> None:
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(lines)
        print(f"--- profile by {order} ---")
        print(out.getvalue())


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.refresh", description=__doc__.split("\n")[0])
    parser.add_argument("--tables", default="births_deaths,satod",
                        help="comma-separated extract tables besides areas, of "
                        f"{', '.join(TABLES + PUBLISHED)} (fingertips: a download of the "
                        "whole Child and Maternal Health profile)")
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--regions", default=None, help="comma-separated region codes (default all)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each side, alternating; the fastest is reported")
    parser.add_argument("--postgres", action="store_true", help="also measure on a PostgreSQL server")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also run the refresh under cProfile and print its N top functions")
    parser.add_argument("--keep", type=Path, default=None, help="write the files here and keep them")
    parser.add_argument("--areas", type=int, default=0, metavar="N",
                        help="instead: the refresh at 1x, 5x and 10x synthetic small areas, N of "
                        "them at 10x (bench.scale), on SQLite")
    parser.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _best(runs: list[dict]) -> dict:
    """The fastest run, carrying the highest peak memory seen in any run: on a shared
    machine the minimum time is the least disturbed one, and memory is not luck."""
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "peak_mb": max(r["peak_mb"] for r in runs),
            "import_mb": max(r["import_mb"] for r in runs), "all_seconds": [r["seconds"] for r in runs]}


def _measure(backend: str, url_for, files: list[str], repeat: int, profile: int,
             dump: Path) -> list[str]:
    base_runs, our_runs, floor_runs = [], [], []
    for _ in range(repeat):  # alternate, so a busy spell on the machine hits every side
        base_runs.append(run_child("bench.baseline", [url_for("baseline"), *files]))
        url = url_for("refresh")
        our_runs.append(run_child("bench.refresh", ["--child", url, *files]))
        if not floor_runs:  # the floor writes what the refresh stored
            dump_stored_rows(url, dump)
        floor_runs.append(run_child("bench.baseline", ["--floor", str(dump), url_for("floor"),
                                                       *files]))
    base, ours, floor = _best(base_runs), _best(our_runs), _best(floor_runs)
    time_x = ratio(ours["seconds"], base["seconds"])
    memory_x = ratio(ours["peak_mb"], base["peak_mb"])
    above_x = ratio(ours["peak_mb"] - ours["import_mb"], base["peak_mb"] - base["import_mb"])
    floor_x = ratio(ours["seconds"], floor["seconds"])
    floor_memory_x = ratio(ours["peak_mb"], floor["peak_mb"])
    lines = [f"\n== {backend} ==", table(
        ["side", "seconds", "peak MB", "MB after imports", "time x", "peak memory x",
         "time x floor", "peak memory x floor"],
        [["baseline: read_csv + to_sql", base["seconds"], base["peak_mb"], base["import_mb"], 1.0,
          1.0, ratio(base["seconds"], floor["seconds"]), ratio(base["peak_mb"], floor["peak_mb"])],
         ["floor: read_csv + the stored rows", floor["seconds"], floor["peak_mb"],
          floor["import_mb"], ratio(floor["seconds"], base["seconds"]),
          ratio(floor["peak_mb"], base["peak_mb"]), 1.0, 1.0],
         ["refresh (validation included)", ours["seconds"], ours["peak_mb"], ours["import_mb"],
          time_x, memory_x, floor_x, floor_memory_x]]),
        f"goal time <= {TIME_GOAL:g}x baseline: {verdict(time_x, TIME_GOAL)}",
        f"goal peak memory <= {MEMORY_GOAL:g}x baseline: {verdict(memory_x, MEMORY_GOAL)}",
        f"goal time <= {FLOOR_GOAL:g}x the floor: {verdict(floor_x, FLOOR_GOAL)}",
        "(the floor: read_csv of the same files, then to_sql of the rows the refresh stored "
        f"({', '.join(f'{k} {v:,}' for k, v in floor['rows'].items())}) into the same tables "
        "through the same engine and driver, computing nothing)",
        f"(memory above what each side's imports take: {above_x:.2f}x; schema upgrade, not "
        f"timed: {ours['upgrade_seconds']:.2f} s)",
        f"modules first imported during the refresh: {sum(ours['imported'].values())} ("
        + ", ".join(f"{k} {v}" for k, v in list(ours["imported"].items())[:8]) + ")",
        f"refresh: {ours['result']}, {ours['rows']:,} rows read; raw rows stored "
        f"{sum(ours['raw_rows'].values()):,}; indicator values {ours['values']:,}; baseline "
        f"wrote {sum(base['rows'].values()):,} rows",
        f"page results worked out in the refresh (included in its time): {ours['precompute']}",
        "seconds of each run: baseline " + ", ".join(f"{s:.2f}" for s in base["all_seconds"])
        + "; floor " + ", ".join(f"{s:.2f}" for s in floor["all_seconds"])
        + "; refresh " + ", ".join(f"{s:.2f}" for s in ours["all_seconds"]),
        "\nwhere the refresh's time goes (fastest run):",
        table(step_timing.BREAKDOWN_HEADERS, ours["phases"])]
    if profile:
        url = url_for("profile")
        lines += run_child("bench.refresh", ["--profile", str(profile), "--child", url, *files])["output"]
    return lines


def main(argv: list[str] | None = None) -> dict | None:
    args = _arguments(argv)
    if args.child:
        _child(args.child[0], args.child[1:], args.profile)
        return
    tables = [t for t in args.tables.split(",") if t]
    regions = args.regions.split(",") if args.regions else None
    if args.areas:
        from bench.scale import refresh_series

        return refresh_series(args.areas, tables, args.years, regions, args.repeat)
    with tempfile.TemporaryDirectory(prefix="bench-refresh-") as scratch:
        folder = args.keep or Path(scratch) / "files"
        paths = write_national(folder, tables, years=args.years, regions=regions)
        rows = csv_rows(paths)
        files = [str(p) for p in paths.values()]
        print(f"National refresh benchmark on {machine()}")
        print(f"files: {sum(rows.values()):,} rows in all ("
              + ", ".join(f"{n} {c:,}" for n, c in rows.items()) + f"), {args.years} years")
        counter = iter(range(1, 1000))
        sqlite_url = lambda side: f"sqlite:///{scratch}/{side}-{next(counter)}.sqlite"  # noqa: E731
        for line in _measure("SQLite", sqlite_url, files, args.repeat, args.profile,
                             Path(scratch) / "stored-sqlite"):
            print(line)
        if args.postgres:
            server = Postgres()
            try:
                for line in _measure("PostgreSQL", server.fresh_url, files, args.repeat,
                                     args.profile, Path(scratch) / "stored-postgres"):
                    print(line)
            finally:
                server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
