"""Chooses the page for the URL path and renders it with the selection in the query string."""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash, Input, Output, State, html

from callbacks import recent_areas, view_cache
from callbacks.context import AppContext
from callbacks.url_state import parse_query
from data import queries
from layouts import ids
from layouts.shell import NAV_CLOSED, NAV_OPEN, Links, navigation, synthetic_notice


def not_found(pathname: str) -> html.Div:
    return html.Div([html.H1("Page not found"), html.P(f"There is no page at {pathname}.")])


# The phone menu: the button opens and closes the page links; a new page closes them.
TOGGLE_MENU = """function(_clicks, _pathname, className) {
    const triggered = window.dash_clientside.callback_context.triggered.map(t => t.prop_id);
    const open = triggered.includes("NAV_TOGGLE.n_clicks") && className !== "NAV_OPEN";
    return [open ? "NAV_OPEN" : "NAV_CLOSED", open ? "true" : "false"];
}""".replace("NAV_TOGGLE", ids.NAV_TOGGLE).replace("NAV_OPEN", NAV_OPEN).replace(
    "NAV_CLOSED", NAV_CLOSED)


def register(app: Dash, context: AppContext, pages: dict[str, Callable],
             links: Links) -> None:
    """`pages` maps a URL path to `render(context, query) -> component`; `links` are the
    navigation's (path, label) pairs."""

    app.clientside_callback(TOGGLE_MENU, Output(ids.NAV_HOLDER, "className"),
                            Output(ids.NAV_TOGGLE, "aria-expanded"), Input(ids.NAV_TOGGLE, "n_clicks"),
                            Input(ids.URL, "pathname"), State(ids.NAV_HOLDER, "className"))

    def note_the_area(_pathname: str | None, search: str | None) -> None:
        recent_areas.note(parse_query(search))

    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.NAV_HOLDER, "children"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
    )
    @view_cache.outputs(on_request=note_the_area)
    def route(pathname: str | None, search: str | None):
        pathname = pathname or "/"
        render = pages.get(pathname)
        page = render(context, parse_query(search)) if render else not_found(pathname)
        notice = [synthetic_notice()] if queries.sample_data_in_use(context.engine) else []
        return html.Div([*notice, page]), navigation(links, pathname)
