"""Chooses the page for the URL path and renders it with the selection in the query string."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html

from callbacks.context import AppContext
from callbacks.url_state import parse_query
from data import queries
from layouts import ids
from layouts.pages import trends
from layouts.shell import navigation, synthetic_notice

DEFAULT_AREA = "E08000003"  # Manchester, where the sample data has it
DEFAULT_INDICATOR = "infant_mortality"


def area_options(context: AppContext) -> list[dict]:
    frame = queries.areas(context.engine)
    order = {"england": 0, "region": 1, "county_ua": 2, "district": 3}
    frame = frame.assign(rank=frame["area_type"].map(order).fillna(9)).sort_values(["rank", "area_name"])
    return [{"label": r.area_name, "value": r.area_code} for r in frame.itertuples(index=False)]


def indicator_options(context: AppContext) -> list[dict]:
    frame = queries.indicator_choices(context.engine)
    return [{"label": r.name, "value": r.id} for r in frame.itertuples(index=False)]


def _pick(wanted: str | None, options: list[dict], default: str) -> str | None:
    values = [o["value"] for o in options]
    for candidate in (wanted, default):
        if candidate in values:
            return candidate
    return values[0] if values else None


def render_trends(context: AppContext, query: dict[str, str]) -> html.Div:
    areas, indicators = area_options(context), indicator_options(context)
    return trends.layout(
        areas, indicators,
        area=_pick(query.get("area"), areas, DEFAULT_AREA),
        indicator=_pick(query.get("indicator"), indicators, DEFAULT_INDICATOR),
    )


def not_found(pathname: str) -> html.Div:
    return html.Div([html.H1("Page not found"), html.P(f"There is no page at {pathname}.")])


PAGES = {
    "/": render_trends,
    "/trends": render_trends,
}


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.NAV_HOLDER, "children"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
    )
    def route(pathname: str | None, search: str | None):
        pathname = pathname or "/"
        render = PAGES.get(pathname)
        page = render(context, parse_query(search)) if render else not_found(pathname)
        notice = [synthetic_notice()] if queries.sample_data_in_use(context.engine) else []
        return html.Div([*notice, page]), navigation(pathname)
