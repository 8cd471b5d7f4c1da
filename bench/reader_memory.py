"""Benchmark: peak memory (and time) of reading and checking a large CDOP extract, against
pandas reading the same file.

Issue 10: "a 2-million-row CDOP file peaks at 7.5 GB from the command line (the reader
does not stream)"; deliver: "readers stream or chunk large files within a memory budget
(report peak memory for a 2-million-row CDOP file against pandas reading the same file)".

    .venv/bin/python -m bench.reader_memory [--rows 2000000] [--keep DIR]

Each side runs in a fresh child process and reports its own peak resident memory (VmHWM,
imports included) and wall-clock time. The baseline is `pandas.read_csv(path)` with its
own type inference; our side is `data.readers.read_extract(path, "cdop")`: every cell
checked, converted, rules and duplicate keys checked. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.measure import emit, machine, peak_mb, ratio, run_child, table

_AREAS = ["E06000009", "E08000003", "E06000008", "E08000012", "E10000017", "E06000001"]
_ETHNIC = ["White British", "Pakistani", "Indian", "Black African", "Mixed", "Not stated"]
_FACTORS = ("factor_smoking", "factor_co_sleeping", "factor_safeguarding",
            "factor_alcohol_drugs", "factor_domestic_abuse", "factor_maternal_obesity",
            "factor_consanguinity")


def write_cdop(path: Path, rows: int, seed: int = 10) -> Path:
    """A valid CDOP extract of ``rows`` synthetic reviews (distinct case ids, dates in
    order), written a million rows at a time."""
    rng = np.random.default_rng(seed)
    step = 1_000_000
    for start in range(0, rows, step):
        n = min(step, rows - start)
        death = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 5 * 365, n), "D")
        notified = death + pd.to_timedelta(rng.integers(0, 30, n), "D")
        closed = notified + pd.to_timedelta(rng.integers(30, 400, n), "D")
        frame = pd.DataFrame({
            "case_id": [f"CD-{i:08d}" for i in range(start, start + n)],
            "area_code": rng.choice(_AREAS, n),
            "date_of_death": death.strftime("%Y-%m-%d"),
            "age_at_death_days": rng.integers(0, 365, n),
            "sex": rng.choice(["Male", "Female"], n),
            "ethnic_group": rng.choice(_ETHNIC, n),
            "imd_quintile": rng.integers(1, 6, n),
            "birth_weight_grams": rng.integers(400, 4800, n),
            "gestation_weeks": rng.integers(22, 43, n),
            "category": rng.integers(1, 11, n),
            "expected": rng.choice(["Y", "N"], n),
            "modifiable_factors": rng.choice(["Y", "N", "Insufficient information"], n),
            "notified_date": notified.strftime("%Y-%m-%d"),
            "review_closed_date": closed.strftime("%Y-%m-%d"),
            **{name: rng.choice(["Y", "N"], n) for name in _FACTORS},
        })
        frame.to_csv(path, mode="w" if start == 0 else "a", header=start == 0, index=False)
    return path


def _child(side: str, path: Path) -> None:
    start = time.perf_counter()
    if side == "pandas":
        rows = len(pd.read_csv(path))
        problems = 0
    else:
        from data.readers import read_extract

        extract = read_extract(path, "cdop")
        rows, problems = len(extract.tables.get("cdop", [])), len(extract.problems)
    emit({"seconds": time.perf_counter() - start, "peak_mb": peak_mb(), "rows": rows,
          "problems": problems})


def compare(rows: int, folder: Path) -> dict:
    path = write_cdop(folder / "cdop.csv", rows)
    base = run_child("bench.reader_memory", ["--child", "pandas", str(path)])
    ours = run_child("bench.reader_memory", ["--child", "reader", str(path)])
    return {"file_mb": path.stat().st_size / 2**20, "pandas": base, "reader": ours}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reader_memory")
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the generated file in")
    parser.add_argument("--child", nargs=2, metavar=("SIDE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        result = compare(args.rows, folder)
    base, ours = result["pandas"], result["reader"]
    if ours["problems"] or ours["rows"] != base["rows"]:
        print(f"the reader refused the file or lost rows: {ours}", file=sys.stderr)
        return 1
    print(f"CDOP extract: {args.rows:,} rows, {result['file_mb']:,.0f} MB; {machine()}")
    print(table(["side", "seconds", "peak MB"], [
        ["pandas.read_csv (baseline)", round(base["seconds"], 1), round(base["peak_mb"])],
        ["read_extract (checked)", round(ours["seconds"], 1), round(ours["peak_mb"])],
    ]))
    print(f"peak memory ratio (reader / pandas): {ratio(ours['peak_mb'], base['peak_mb']):.2f}x")
    print(f"time ratio (reader / pandas): {ratio(ours['seconds'], base['seconds']):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
