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
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

from bench.dash_requests import page_bodies, post, request_body, serving
from bench.measure import machine, ratio, table, verdict
from bench.national import TABLES, csv_rows, write_national
from callbacks.pages import PAGES
from data.queries import cache
from data.refresh import refresh
from data.sample import write_sample
from data.settings import Settings
from data.store import make_engine, upgrade

GOAL = 2.0
AREA = "E08000003"  # Manchester: in the national hierarchy and in the sample's child deaths
CHART_DRAWN = ".js-plotly-plot .main-svg .cartesianlayer .trace"
CHROMIUM = "/usr/bin/chromium"
# The definitions page is drawn when the chosen indicator's section and the list of the
# others are in the page.
DEFINITION_DRAWN = "#definitions-body section.indicator-definition ~ .definitions-more details"
DEFINITIONS_GOAL = 1.5
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1280,1000"]


def national_files(folder: Path, years: int, regions: list[str] | None,
                   extras: tuple[str, ...] = ("cdop", "action_plan"),
                   small_areas: int = 0) -> dict[str, Path]:
    """National-scale extracts (bench.national, with `small_areas` synthetic small areas)
    plus the sample's child death reviews and action plan (`extras`), written under
    `folder`; {name: path}."""
    paths = write_national(folder, TABLES, years=years, regions=regions, small_areas=small_areas)
    sample = {p.stem: p for p in write_sample(folder.parent / "sample")}
    for name in extras:  # child death reviews; the plan pages' plan
        paths[name] = folder / f"{name}.csv"
        paths[name].write_bytes(sample[name].read_bytes())
    return paths


def load_store(settings: Settings, paths: dict[str, Path]) -> None:
    """The files loaded by the refresh into a fresh, upgraded store."""
    engine = make_engine(settings)
    upgrade(engine)
    report = refresh(engine, list(paths.values()), user="bench")
    engine.dispose()
    if not report.ok:
        raise RuntimeError("refresh refused the benchmark files:\n" + "\n".join(report.lines()[:20]))


def build_store(folder: Path, years: int, regions: list[str] | None,
                small_areas: int = 0) -> tuple[Settings, dict]:
    """`national_files` loaded into a fresh SQLite store under `folder`; the settings and
    the rows per file."""
    settings = Settings(database_url=f"sqlite:///{folder / 'store.sqlite'}", instance_dir=folder)
    if (folder / "store.sqlite").exists() and (folder / "files").is_dir():  # --keep, second run
        return settings, csv_rows({p.stem: p for p in sorted((folder / "files").glob("*.csv"))})
    paths = national_files(folder / "files", years, regions, small_areas=small_areas)
    load_store(settings, paths)
    return settings, csv_rows(paths)


def trivial_app() -> Dash:
    """The baseline: one callback that returns its input, and one graph of three points."""
    app = Dash(__name__, serve_locally=True)
    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2]))
    app.layout = html.Div([dcc.Input(id="in", value="x"), html.Div(id="out"),
                           dcc.Graph(id="graph", figure=figure)])

    @app.callback(Output("out", "children"), Input("in", "value"))
    def echo(value):
        return value

    return app


def summarise(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    return statistics.median(samples) * 1000, float(np.percentile(samples, 95)) * 1000


def time_bodies(client, bodies: list[tuple[str, dict]], repeat: int) -> dict[str, list[float]]:
    """Seconds per call of each body, and of the whole page view; calls interleaved."""
    times: dict[str, list[float]] = {label: [] for label, _ in bodies}
    times["page view, all callbacks"] = []
    for _ in range(repeat):
        total = 0.0
        for label, body in bodies:
            seconds, _answer = post(client, body)
            times[label].append(seconds)
            total += seconds
        times["page view, all callbacks"].append(total)
    return times


# --- browser side: time to the first drawn chart ---------------------------------------

_OBSERVE = """
window.__chartDrawn = null;
new MutationObserver((_records, observer) => {
  if (document.querySelector(SELECTOR)) {
    window.__chartDrawn = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
""".replace("SELECTOR", json.dumps(f"{CHART_DRAWN}, {DEFINITION_DRAWN}"))


def browser_unavailable() -> str | None:
    """Why the Chromium timing cannot run on this machine, or None when it can. Selenium
    and chromedriver come with the test set-up only; the runtime set-up has neither."""
    import importlib.util
    import shutil

    if importlib.util.find_spec("selenium") is None:
        missing = "selenium (a test requirement) is not installed"
    elif shutil.which("chromedriver") is None:
        missing = "chromedriver is not on the PATH"
    elif not Path(CHROMIUM).exists():
        missing = f"Chromium is not at {CHROMIUM}"
    else:
        return None
    return f"{missing}: `bash scripts/setup.sh test` installs it; or pass --no-browser"


def chromium():
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _OBSERVE})
    return driver


def first_chart_ms(driver, url: str, timeout: float = 60) -> float:
    """Milliseconds from navigation start to the first plotted trace on the page (on the
    definitions page, to its chosen indicator drawn with the list of the others)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script("return window.__chartDrawn;"), message=f"no chart drawn at {url}")


def browser_times(app: Dash, baseline: Dash, path: str, repeat: int,
                  more: dict[str, str] | None = None) -> dict[str, list[float]]:
    """First-chart times of `path` on the app ("app"), of each of `more` (name: path) and
    of the baseline page, alternating, after one warm-up load of each (so all start with
    the scripts in the browser's cache)."""
    driver = chromium()
    times: dict[str, list[float]] = {"app": [], **{name: [] for name in more or {}},
                                     "baseline": []}
    try:
        with serving(app) as app_url, serving(baseline) as base_url:
            pages = {"app": f"{app_url}{path}",
                     **{name: f"{app_url}{other}" for name, other in (more or {}).items()},
                     "baseline": f"{base_url}/"}
            for url in pages.values():
                first_chart_ms(driver, url)
            for _ in range(repeat):
                for side, url in pages.items():
                    times[side].append(first_chart_ms(driver, url))
    finally:
        driver.quit()
    return times


# --- the command ----------------------------------------------------------------------

def server_side(settings: Settings, repeat: int, cold_repeat: int
                ) -> tuple[list[list], list[list], dict[str, list[float]]]:
    """Rows of the server-side tables (cached, then first view after a load), and the raw
    samples in seconds keyed by "page | callback" (cold ones prefixed "cold ")."""
    from app import create_app

    app, baseline = create_app(settings), trivial_app()
    client, base_client = app.server.test_client(), baseline.server.test_client()
    query = f"?area={AREA}"
    pages = {path: page_bodies(client, path, query) for path in (page.path for page in PAGES)}
    base_body = request_body(base_client.get("/_dash-dependencies").get_json()[0],
                             {"in": ("in", {"value": "x"}), "out": ("out", {})})
    for bodies in pages.values():  # fill the caches: the cold table below times the misses
        time_bodies(client, bodies, 1)
    samples: dict[str, list[float]] = {"baseline": []}
    for _ in range(repeat):  # interleaved, so a busy spell on the machine hits every side
        samples["baseline"].append(post(base_client, base_body)[0])
        for path, bodies in pages.items():
            for key, seconds in time_bodies(client, bodies, 1).items():
                samples.setdefault(f"{path} | {key}", []).extend(seconds)
    # The first view of each page after a load: every cached query and output forgotten
    # before each call, so each callback works from the store as after a refresh.
    for _ in range(cold_repeat):
        samples["cold baseline"] = [*samples.get("cold baseline", []),
                                    post(base_client, base_body)[0]]
        for path, bodies in pages.items():
            total = 0.0
            for label, body in bodies:
                cache.clear()
                seconds, _answer = post(client, body)
                samples.setdefault(f"cold {path} | {label}", []).append(seconds)
                total += seconds
            samples.setdefault(f"cold {path} | {VIEW}", []).append(total)
    calls = {path: len(bodies) for path, bodies in pages.items()}
    return (_rows(samples, "", calls, samples["baseline"]),
            _rows(samples, "cold ", calls, samples["cold baseline"]), samples)


VIEW = "page view, all callbacks"
DEFINITIONS_PAGE = "/definitions?indicator=smoking_delivery"


def browser_rows(times: dict[str, list[float]]) -> list[list]:
    """The browser table: the baseline page, /trends, the definitions page (its goal from
    the issue: drawn within 1.5x the one-graph page)."""
    def spread(side: str) -> tuple[float, float]:
        return statistics.median(times[side]), float(np.percentile(times[side], 95))

    base_median, base_p95 = spread("baseline")
    rows = [["baseline: one dcc.Graph, three points", base_median, base_p95, 1.0, 1.0, ""]]
    for side, label, goal in (("app", "/trends (chart after its callbacks)", None),
                              ("definitions", f"{DEFINITIONS_PAGE} (chosen one drawn)",
                               DEFINITIONS_GOAL)):
        if side not in times:
            continue
        median, p95 = spread(side)
        rows.append([label, median, p95, ratio(median, base_median), ratio(p95, base_p95),
                     verdict(ratio(median, base_median), goal) if goal else ""])
    return rows


def _rows(samples: dict[str, list[float]], prefix: str, calls: dict[str, int],
          base: list[float]) -> list[list]:
    """Table rows: the trivial callback, then each page's callbacks and their sum. The
    issue's goal is per callback (p95 within 2x the trivial one's); a page view sums
    several callbacks, so its row also gives the ratio to as many trivial callbacks."""
    base_p95 = summarise(base)[1]
    rows = [["trivial callback (returns its input)", *summarise(base), 1.0, ""]]
    for key, values in samples.items():
        if not key.startswith(prefix) or "baseline" in key or (not prefix and key.startswith("cold ")):
            continue
        label = key[len(prefix):]
        median, p95 = summarise(values)
        if label.endswith(VIEW):
            n = calls[label.split(" | ")[0]]
            note = f"{n} callbacks: {ratio(p95, n * base_p95):.2f}x {n} trivial ones"
        else:
            note = verdict(ratio(p95, base_p95), GOAL)
        rows.append([label, median, p95, ratio(p95, base_p95), note])
    return rows


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
        warm_rows, cold_rows, samples = server_side(settings, args.repeat, args.cold_repeat)
        headers = ["page | callback", "median ms", "p95 ms", "p95 x trivial",
                   f"goal: each callback's p95 <= {GOAL:g}x trivial"]
        print(f"\n== server side: Dash callbacks through Flask's test client, {args.repeat} calls "
              "each, interleaved (results kept per data version, as between loads) ==")
        print(table(headers, warm_rows))
        print(f"\n== server side, first view after a load: every cache emptied before each call, "
              f"{args.cold_repeat} calls each ==")
        print(table(headers, cold_rows))
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
