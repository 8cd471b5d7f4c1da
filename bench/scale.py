"""Ten times the areas: the refresh and the page views at 1x, 5x and 10x synthetic small
areas, and how fast each grows (`bench.refresh --areas N`, `bench.ui --areas N`).

N is the number of synthetic small areas at 10x (`bench.national.with_small_areas`, e.g.
7,000 ward-sized areas under the counties/UAs); 1x has N/10 and 5x N/2, each on top of
the real national geography (327 areas). The growth exponent is the least-squares slope of
log(figure) against log(number of areas): 1 is linear, 0 flat. Every size also measures
its baseline (read_csv + to_sql of the same files; a trivial Dash callback), so each
figure is a ratio in the same run. Figures are printed, never asserted.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench.measure import machine, ratio, run_child, table
from bench.national import csv_rows, write_national

FACTORS = (1, 5, 10)


def small_area_counts(areas: int) -> list[int]:
    """Small areas at 1x, 5x and 10x, when 10x has `areas` of them."""
    return [max(1, round(areas * f / FACTORS[-1])) for f in FACTORS]


def growth_exponent(sizes: Sequence[float], values: Sequence[float]) -> float:
    """Least-squares slope of log(value) on log(size): how a figure grows with the size."""
    pairs = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if s > 0 and v > 0]
    if len(pairs) < 2:
        return float("nan")
    x, y = np.array(pairs).T
    return float(np.polyfit(x, y, 1)[0])


def _fastest(runs: list[dict]) -> dict:
    return {**min(runs, key=lambda r: r["seconds"]), "peak_mb": max(r["peak_mb"] for r in runs),
            "import_mb": max(r["import_mb"] for r in runs)}


def refresh_series(areas: int, tables: Sequence[str], years: int, regions: list[str] | None,
                   repeat: int) -> dict:
    """The refresh (SQLite, its own child process each run) and read_csv + to_sql at each
    size; prints the table and the exponents, returns the figures."""
    print(f"Refresh at 1x, 5x and 10x the small areas on {machine()}; {years} years of "
          f"{', '.join(tables)}; fastest of {repeat}")
    rows, sizes, figures = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        for factor, count in zip(FACTORS, small_area_counts(areas), strict=True):
            paths = write_national(Path(scratch) / f"x{factor}", tables, years=years,
                                   regions=regions, small_areas=count)
            counts, files = csv_rows(paths), [str(p) for p in paths.values()]
            ours, base = [], []
            for run in range(repeat):
                base.append(run_child("bench.baseline", [
                    f"sqlite:///{scratch}/b{factor}-{run}.sqlite", *files]))
                ours.append(run_child("bench.refresh", [
                    "--child", f"sqlite:///{scratch}/r{factor}-{run}.sqlite", *files]))
            mine, plain = _fastest(ours), _fastest(base)
            above = mine["peak_mb"] - mine["import_mb"]
            figures.append({"factor": factor, "areas": counts["areas"], "rows": sum(counts.values()),
                            "seconds": mine["seconds"], "peak_mb": mine["peak_mb"],
                            "above_imports_mb": above, "baseline_seconds": plain["seconds"],
                            "baseline_peak_mb": plain["peak_mb"]})
            sizes.append(counts["areas"])
            rows.append([f"{factor}x", counts["areas"], sum(counts.values()), mine["seconds"],
                         plain["seconds"], ratio(mine["seconds"], plain["seconds"]),
                         mine["peak_mb"], above, ratio(mine["peak_mb"], plain["peak_mb"])])
            print(f"  {factor}x done: {counts['areas']:,} areas, {mine['seconds']:.1f} s", flush=True)
    print(table(["size", "areas", "extract rows", "refresh s", "baseline s", "time x baseline",
                 "peak MB", "MB above imports", "peak x baseline"], rows))
    exponents = {
        "refresh time": growth_exponent(sizes, [f["seconds"] for f in figures]),
        "baseline time": growth_exponent(sizes, [f["baseline_seconds"] for f in figures]),
        "refresh peak memory": growth_exponent(sizes, [f["peak_mb"] for f in figures]),
        "refresh memory above imports": growth_exponent(sizes, [f["above_imports_mb"] for f in figures]),
    }
    _print_exponents(exponents, "refresh time and memory")
    return {"sizes": figures, "exponents": exponents}


def _print_exponents(exponents: dict[str, float], goal_of: str) -> None:
    print("\ngrowth exponent (slope of log figure on log areas; 1 = linear, 0 = flat):")
    print(table(["figure", "exponent"], [[k, v] for k, v in exponents.items()]))
    print(f"goal: {goal_of} no worse than linear (exponent <= 1)")


def ui_series(areas: int, years: int, regions: list[str] | None, repeat: int,
              cold_repeat: int) -> dict:
    """bench.ui's server-side page views for one area at each size, warm and first view
    after a load, against the trivial callback; prints the table and the exponents."""
    from bench.ui import AREA, VIEW, build_store, server_side, summarise
    from data.queries import cache

    print(f"Page views for one area ({AREA}) at 1x, 5x and 10x the small areas on {machine()}; "
          f"{years} years; {repeat} calls each (first view: {cold_repeat})")
    sizes, per_size = [], []
    with tempfile.TemporaryDirectory(prefix="bench-scale-ui-") as scratch:
        for factor, count in zip(FACTORS, small_area_counts(areas), strict=True):
            cache.clear()  # one store's results must not answer for the next
            settings, counts = build_store(Path(scratch) / f"x{factor}", years, regions,
                                           small_areas=count)
            *_tables, samples = server_side(settings, repeat, cold_repeat)
            sizes.append(counts["areas"])
            per_size.append(samples)
            print(f"  {factor}x done: {counts['areas']:,} areas, "
                  f"{sum(counts.values()):,} extract rows", flush=True)
    cache.clear()
    pages = [k for k in per_size[0] if k.endswith(VIEW) and not k.startswith(("cold ", "warmed "))]
    rows, exponents = [], {}
    for prefix, base_key, kind in (("", "baseline", "repeated"), ("cold ", "cold baseline", "first")):
        for page in pages:
            medians = [summarise(s[prefix + page])[0] for s in per_size]
            vs = [ratio(summarise(s[prefix + page])[1], summarise(s[base_key])[1]) for s in per_size]
            label = f"{kind}: {page.split(' | ')[0]}"
            exponents[label] = growth_exponent(sizes, medians)
            rows.append([label, *medians, *vs, exponents[label]])
    headers = ["view (all its callbacks)", *(f"{f}x median ms" for f in FACTORS),
               *(f"{f}x p95 x trivial" for f in FACTORS), "exponent"]
    print(f"\nareas at each size: {', '.join(f'{f}x {n:,}' for f, n in zip(FACTORS, sizes, strict=True))}")
    print(table(headers, rows))
    print("(p95 x trivial: the view's p95 over one trivial callback's p95 at the same size; "
          "exponent: of the medians)")
    print("goal: a one-area page view does not grow with the number of areas (exponent near 0)")
    return {"areas": sizes, "exponents": exponents, "rows": rows}
