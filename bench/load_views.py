"""What bench.load's visitors ask for: the areas they visit, every journey page's callback
bodies for each, and the trends chart's last period before the mid-run load."""

from __future__ import annotations

from bench.dash_requests import page_bodies
from bench.load_client import ANALYST, BOARD, TRENDS_CHART, Views
from bench.national import national_areas
from bench.ui_store import AREA
from data.settings import Settings


def build_views(settings: Settings, areas: list[str]) -> Views:
    """Every journey page's callback bodies per area, built in this process (so the servers
    start with empty caches)."""
    from app import create_app

    client = create_app(settings, warm_up=False).server.test_client()
    pages = {}
    for area in areas:
        for path in {*ANALYST, *BOARD}:
            query = f"?area={area}" + ("&indicator=infant_mortality" if path == "/trends" else "")
            pages[(path, area)] = (query, page_bodies(client, path, query))
    return Views(pages=pages, areas=areas)


def warm_after_load(settings: Settings, budget_seconds: float | None = None) -> str:
    """The servers' warm-up after the store's load (`callbacks.warm`, for `budget_seconds`;
    None: the deployment's default), run here before the servers start, as a deployment's
    would have run after that load; what it covered, in words."""
    from app import create_app
    from callbacks import warm

    app = create_app(settings, warm_up=False)
    report = warm.warm(app, app.dashboard_context, budget_seconds)
    if report is None:
        return "no warm-up (precomputing is off)"
    return (f"warm-up after the load: {report.areas} areas' first views ({report.rows} results) "
            f"in {report.seconds:.1f} s; {report.areas_left} areas left")


def visited_areas(regions: list[str] | None, count: int) -> list[str]:
    """`count` counties, unitary authorities and districts spread over the store, Manchester
    (bench.ui's area) first when it is in."""
    areas = national_areas(regions)
    local = areas.loc[areas["area_type"].isin(["county_ua", "district"]), "area_code"].tolist()
    chosen = [AREA] if AREA in local else []
    step = max(1, len(local) // max(1, count))
    chosen += [a for a in local[::step] if a not in chosen]
    return chosen[:count]


def last_trends_period(settings: Settings, views: Views) -> str:
    """The trends chart's last period before the mid-run load."""
    from app import create_app

    client = create_app(settings, warm_up=False).server.test_client()
    body = dict(views.pages[("/trends", views.areas[0])][1])[TRENDS_CHART]
    answer = client.post("/_dash-update-component", json=body).get_json()
    return answer["response"]["trends-chart"]["figure"]["layout"]["xaxis"]["categoryarray"][-1]
