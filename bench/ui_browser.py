"""bench.ui's browser side: headless Chromium's time from navigation start to the first
drawn chart, on the app's pages and on an empty Dash page with one graph."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import numpy as np
from dash import Dash

from bench.dash_requests import serving
from bench.measure import ratio, verdict

CHART_DRAWN = ".js-plotly-plot .main-svg .cartesianlayer .trace"
CHROMIUM = "/usr/bin/chromium"
# The definitions page is drawn when the chosen indicator's section and the list of the
# others are in the page.
DEFINITION_DRAWN = "#definitions-body section.indicator-definition ~ .definitions-more details"
DEFINITIONS_GOAL = 1.5
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1280,1000"]
DEFINITIONS_PAGE = "/definitions?indicator=smoking_delivery"

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
