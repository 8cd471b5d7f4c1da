"""Benchmark: recomputing the whole catalogue at national scale against reading the same
rows from the store, in the same run.

Issue: "recomputing the whole catalogue at national scale (every English county/UA and
district, 15 years), against reading the same rows from the store in the same run.
Goal: at most 2x."

    .venv/bin/python -m bench.catalogue [--tables ...] [--years 15] [--repeat 3] [--postgres]

The national files are loaded once with the refresh; then, on the same store,
`compute_indicator_values(raw, areas)` on the stored raw tables is timed against
`pandas.read_sql` of the whole `indicator_value` table (the baseline). Times are the
fastest of `--repeat` runs. The figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, select

from bench import step_timing
from bench.measure import Postgres, machine, ratio, table, timed, verdict
from bench.national import TABLES, csv_rows, write_national
from data import queries
from data.indicator_store import read_areas
from data.raw_rows import read_raw_tables
from data.refresh import refresh
from data.schema import indicator_value
from data.settings import Settings
from data.store import make_engine, upgrade
from indicators.engine import compute_indicator_values

GOAL = 2.0
DEFAULT_TABLES = "births_deaths,satod,deprivation,breastfeeding"


def load_store(url: str, paths: dict[str, Path], instance: Path) -> tuple[Engine, float]:
    """A fresh store at `url` holding the files; the engine and the refresh's seconds."""
    engine = make_engine(Settings(database_url=url, instance_dir=instance))
    upgrade(engine)
    seconds, report = timed(refresh, engine, list(paths.values()), user="bench")
    if report.result != "loaded":
        raise RuntimeError("refresh did not load the benchmark files:\n" + "\n".join(report.lines()[:20]))
    return engine, seconds


def read_stored_values(engine: Engine) -> pd.DataFrame:
    """The baseline: every indicator_value row, as one query."""
    with engine.connect() as connection:
        return pd.read_sql(select(indicator_value), connection)


def catalogue_pass(engine: Engine, repeat: int = 1) -> dict:
    """Time the whole catalogue's computation against reading its stored rows.

    Returns the fastest seconds of each, the frames of the last run, and the time to read
    the raw tables the computation starts from (not part of either side).
    """
    with engine.connect() as connection:
        raw_seconds, raw = timed(read_raw_tables, connection)
        areas = read_areas(connection)
    compute, read = [], []
    for _ in range(repeat):  # alternate, so a busy spell on the machine hits both sides
        seconds, computed = timed(compute_indicator_values, raw, areas)
        compute.append(seconds)
        seconds, stored = timed(read_stored_values, engine)
        read.append(seconds)
    ids = sorted(stored["indicator_id"].unique())
    per_indicator, _ = timed(lambda: [queries.indicator_values(engine, i, category_type=None)
                                      for i in ids])
    return {"compute_seconds": min(compute), "read_seconds": min(read), "raw_seconds": raw_seconds,
            "queries_seconds": per_indicator, "all_compute": compute, "all_read": read,
            "computed": computed, "stored": stored, "raw_rows": {k: len(v) for k, v in raw.items()}}


def engine_steps(engine: Engine) -> list[tuple]:
    """One more computation with timers around the engine's steps: where its time goes."""
    with engine.connect() as connection:
        raw, areas = read_raw_tables(connection), read_areas(connection)
    timer = step_timing.install(modules=("indicators.engine",))
    try:
        seconds, _ = timed(compute_indicator_values, raw, areas)
    finally:
        timer.restore()
    return step_timing.breakdown(timer, seconds, rest="other (concatenation, glue)")


def _report(backend: str, load_seconds: float, result: dict) -> list[str]:
    times = ratio(result["compute_seconds"], result["read_seconds"])
    computed, stored = result["computed"], result["stored"]
    return [
        f"\n== {backend} ==",
        f"store loaded by the refresh in {load_seconds:.2f} s: {len(stored):,} indicator values "
        f"of {stored['indicator_id'].nunique()} indicators; raw rows "
        + ", ".join(f"{k} {v:,}" for k, v in result["raw_rows"].items()),
        table(["side", "seconds", "x baseline"], [
            ["baseline: read_sql of indicator_value", result["read_seconds"], 1.0],
            ["compute_indicator_values(raw, areas)", result["compute_seconds"], times],
            ["(for information) read raw tables back", result["raw_seconds"],
             ratio(result["raw_seconds"], result["read_seconds"])],
            ["(for information) data.queries, each indicator", result["queries_seconds"],
             ratio(result["queries_seconds"], result["read_seconds"])],
        ]),
        f"goal compute <= {GOAL:g}x reading the rows: {verdict(times, GOAL)}",
        "seconds of each run: compute " + ", ".join(f"{s:.2f}" for s in result["all_compute"])
        + "; read " + ", ".join(f"{s:.2f}" for s in result["all_read"]),
        f"rows computed {len(computed):,}, rows read {len(stored):,}"
        + ("" if len(computed) == len(stored) else "  <-- DIFFERENT"),
    ]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.catalogue", description=__doc__.split("\n")[0])
    parser.add_argument("--tables", default=DEFAULT_TABLES,
                        help=f"comma-separated extract tables besides areas, of {', '.join(TABLES)}")
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--regions", default=None, help="comma-separated region codes (default all)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", action="store_true", help="also measure on a PostgreSQL server")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    tables = [t for t in args.tables.split(",") if t]
    regions = args.regions.split(",") if args.regions else None
    with tempfile.TemporaryDirectory(prefix="bench-catalogue-") as scratch:
        paths = write_national(Path(scratch) / "files", tables, years=args.years, regions=regions)
        rows = csv_rows(paths)
        print(f"Catalogue benchmark on {machine()}")
        print(f"files: {sum(rows.values()):,} rows in all ("
              + ", ".join(f"{n} {c:,}" for n, c in rows.items()) + f"), {args.years} years")
        backends = [("SQLite", f"sqlite:///{scratch}/store.sqlite")]
        server = Postgres() if args.postgres else None
        try:
            if server:
                backends.append(("PostgreSQL", server.fresh_url("catalogue")))
            for backend, url in backends:
                engine, load_seconds = load_store(url, paths, Path(scratch) / "instance")
                for line in _report(backend, load_seconds, catalogue_pass(engine, args.repeat)):
                    print(line)
                if backend == "SQLite":  # the computation is the same on every backend
                    print("\nwhere the computation's time goes (one more run, with timers):")
                    print(table(step_timing.BREAKDOWN_HEADERS, engine_steps(engine)))
                engine.dispose()
        finally:
            if server:
                server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
