"""bench.ui's server side: every callback of each page view called through Flask's test
client, warm (results kept per data version) and cold (every cache emptied before each
call), against a trivial Dash callback in the same run."""

from __future__ import annotations

import statistics
import time

import numpy as np
import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

from bench.dash_requests import page_bodies, post, request_body
from bench.measure import ratio, verdict
from bench.ui_store import AREA
from bench.ui_turns import page_turns
from callbacks.pages import PAGES
from data.queries import cache
from data.settings import Settings

GOAL = 2.0  # repeated views: each callback's p95 within 2x the trivial one's
FIRST_VIEW_GOAL = 3.0  # first views after a load
VIEW = "page view, all callbacks"


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
    times[VIEW] = []
    for _ in range(repeat):
        total = 0.0
        for label, body in bodies:
            seconds, _answer = post(client, body)
            times[label].append(seconds)
            total += seconds
        times[VIEW].append(total)
    return times


def server_side(settings: Settings, repeat: int, cold_repeat: int
                ) -> tuple[list[list], list[list], list[list], dict[str, list[float]]]:
    """Rows of the server-side tables (cached; first view after a load; first view after a
    load and the warm-up), and the raw samples in seconds keyed by "page | callback" (first
    views prefixed "cold " and "warmed "; the warm-up's own seconds under "warm-up")."""
    from app import create_app
    from callbacks import warm

    app, baseline = create_app(settings, warm_up=False), trivial_app()
    _forget_warm_up(app.dashboard_context.engine)
    client, base_client = app.server.test_client(), baseline.server.test_client()
    query = f"?area={AREA}"
    pages = {path: page_bodies(client, path, query) for path in (page.path for page in PAGES)}
    pages.update(page_turns(pages))  # a paged table's Next press, after the page's first view
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
    _first_views(client, base_client, base_body, pages, cold_repeat, "cold ", samples)
    # What a visitor meets once the warm-up (callbacks.warm) has reached their area.
    cache.clear()  # as in the server's warm-up child: what this process kept is not stored
    started = time.perf_counter()
    warm.warm(app, app.dashboard_context, areas=[AREA])
    samples["warm-up"] = [time.perf_counter() - started]
    _first_views(client, base_client, base_body, pages, cold_repeat, "warmed ", samples)
    calls = {path: len(bodies) for path, bodies in pages.items()}
    return (_rows(samples, "", calls, samples["baseline"]),
            _rows(samples, "cold ", calls, samples["cold baseline"], FIRST_VIEW_GOAL),
            _rows(samples, "warmed ", calls, samples["warmed baseline"], FIRST_VIEW_GOAL), samples)


def _forget_warm_up(engine) -> None:
    """A store kept from an earlier run (--keep) holds that run's warm-up: drop its page
    outputs and its claim, so the first table times the views before the warm-up."""
    from sqlalchemy import delete, or_

    from data.queries.precomputed import CLAIM
    from data.schema import precomputed_result as rows

    with engine.begin() as connection:
        connection.execute(delete(rows).where(or_(rows.c.name.like("callback %"),
                                                  rows.c.name == CLAIM[0])))


def _first_views(client, base_client, base_body: dict, pages: dict, repeat: int, prefix: str,
                 samples: dict[str, list[float]]) -> None:
    """The first view of each page after a load: every cached query and output forgotten
    before each call (the store's precomputed rows stay, as they do after a load)."""
    for _ in range(repeat):
        samples.setdefault(f"{prefix}baseline", []).append(post(base_client, base_body)[0])
        for path, bodies in pages.items():
            total = 0.0
            for label, body in bodies:
                cache.clear()
                seconds, _answer = post(client, body)
                samples.setdefault(f"{prefix}{path} | {label}", []).append(seconds)
                total += seconds
            samples.setdefault(f"{prefix}{path} | {VIEW}", []).append(total)


def _rows(samples: dict[str, list[float]], prefix: str, calls: dict[str, int],
          base: list[float], goal: float = GOAL) -> list[list]:
    """Table rows: the trivial callback, then each page's callbacks and their sum. The
    issue's goal is per callback (p95 within 2x the trivial one's); a page view sums
    several callbacks, so its row also gives the ratio to as many trivial callbacks."""
    base_p95 = summarise(base)[1]
    rows = [["trivial callback (returns its input)", *summarise(base), 1.0, ""]]
    for key, values in samples.items():
        first_view = key.startswith(("cold ", "warmed ", "warm-up"))
        if not key.startswith(prefix) or "baseline" in key or (not prefix and first_view):
            continue
        label = key[len(prefix):]
        median, p95 = summarise(values)
        if label.endswith(VIEW):
            n = calls[label.split(" | ")[0]]
            note = f"{n} callbacks: {ratio(p95, n * base_p95):.2f}x {n} trivial ones"
        else:
            note = verdict(ratio(p95, base_p95), goal)
        rows.append([label, median, p95, ratio(p95, base_p95), note])
    return rows
