"""Benchmark: the board pack (HTML and PDF) for one area, against one chart image, same run.

Issue: "board pack generated in under 2 s (images rendered once per data version and
reused), under 300 kB, and also available as a print-ready PDF."

    .venv/bin/python -m bench.board_pack [--years 15] [--regions E12000002,...] [--repeat 5]
                                         [--keep DIR]

The store is bench.ui's (national-scale extracts plus the sample's child death reviews).
In one process, after the image server has started (its start is printed on its own):
the baseline renders one trivial chart as SVG; "nothing cached" empties every cache and
builds the pack; "first after a load" empties every cache, runs the overview's own query
(the page the button is on has done so) and builds the pack, rendering its two images;
"again" builds it at the same data version, as the next board member's download does;
the PDF is printed from the pack.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import plotly.graph_objects as go

from bench.measure import machine, ratio, table
from bench.ui import AREA, build_store
from callbacks import board_pack
from callbacks.context import AppContext
from callbacks.overview import summary
from data.queries import cache
from data.store import make_engine
from layouts.pack_render import figure_svg, start_image_server

GOAL_SECONDS = 2.0
GOAL_BYTES = 300_000


def _seconds(function) -> tuple[float, object]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def measure(context: AppContext, area: str, repeat: int) -> dict[str, list[float] | int]:
    """Seconds of each side over `repeat` rounds, interleaved, and the sizes in bytes."""
    start_seconds, _ = _seconds(lambda: (start_image_server(), figure_svg(go.Figure())))
    trivial = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2]))
    out: dict = {"image server start": [start_seconds], "baseline": [], "html cold": [],
                 "html first": [], "html again": [], "pdf first": [], "pdf again": []}

    def build():
        chain, frame = summary(context, area)
        return board_pack.pack_html(context, chain, frame)

    def pdf():
        chain, frame = summary(context, area)
        return board_pack.pack_pdf(context, chain, frame)

    for _ in range(repeat):
        out["baseline"].append(_seconds(lambda: figure_svg(trivial))[0])
        cache.clear()
        out["html cold"].append(_seconds(build)[0])
        cache.clear()
        summary(context, area)  # the overview page's own view, before its button is pressed
        seconds, html_text = _seconds(build)
        out["html first"].append(seconds)
        out["html again"].append(_seconds(build)[0])
        seconds, pdf_bytes = _seconds(pdf)
        out["pdf first"].append(seconds)
        out["pdf again"].append(_seconds(pdf)[0])
    out["html bytes"] = len(html_text.encode("utf-8"))
    out["pdf bytes"] = len(pdf_bytes)
    return out


def _within(seconds: float, goal: float) -> str:
    return (f"met ({seconds:.2f} s < {goal:g} s)" if seconds < goal
            else f"MISSED ({seconds:.2f} s >= {goal:g} s)")


def rows(figures: dict) -> list[list]:
    base = statistics.median(figures["baseline"])
    result = [["baseline: one trivial chart as SVG", base * 1000, 1.0, "", ""]]
    for key, label, size in (
            ("html cold", "HTML pack, nothing cached (queries and 2 images)", "html bytes"),
            ("html first", "HTML pack, first after a load, from the overview (2 images)",
             "html bytes"),
            ("html again", "HTML pack again, same data version (images reused)", "html bytes"),
            ("pdf first", "PDF, first (Chromium prints the pack)", "pdf bytes"),
            ("pdf again", "PDF again, same data version", "pdf bytes")):
        median = statistics.median(figures[key])
        goal = _within(median, GOAL_SECONDS) if key.startswith("html") else ""
        size_note = f"{figures[size] / 1000:,.0f} kB" + (
            f" ({'met' if figures[size] < GOAL_BYTES else 'MISSED'} < 300 kB)"
            if size == "html bytes" else "")
        result.append([label, median * 1000, ratio(median, base), goal, size_note])
    return result


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.board_pack",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--regions", default=None, help="comma-separated region codes (default all)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None,
                        help="build the store here and keep it (reused when it exists)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    """Print the table; return the figures (for the smoke test)."""
    args = _arguments(argv)
    regions = args.regions.split(",") if args.regions else None
    with tempfile.TemporaryDirectory(prefix="bench-pack-") as scratch:
        settings, extract_rows = build_store(args.keep or Path(scratch), args.years, regions)
        engine = make_engine(settings)
        try:
            figures = measure(AppContext(engine=engine, settings=settings), AREA, args.repeat)
        finally:
            engine.dispose()
    print(f"Board pack benchmark on {machine()}")
    print(f"store: {sum(extract_rows.values()):,} extract rows, {args.years} years; area {AREA}; "
          f"image server started in {figures['image server start'][0]:.2f} s (once a process)")
    print(f"\n== board pack, {args.repeat} rounds, median ==")
    print(table(["what", "median ms", "x baseline", f"goal: < {GOAL_SECONDS:g} s", "size"],
                rows(figures)))
    return figures


if __name__ == "__main__":
    main()
