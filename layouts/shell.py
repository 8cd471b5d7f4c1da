"""The frame around every page: header, navigation, demonstration-data notice, content."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids

# The page around the app, for `Dash(index_string=INDEX_STRING)`: Dash's default has no
# `lang` on <html> (WCAG 3.1.1) and wraps its scripts in a second <footer> landmark.
INDEX_STRING = """<!DOCTYPE html>
<html lang="en-GB">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""

NAV_CLOSED, NAV_OPEN = "nav-holder", "nav-holder open"

# (path, label) of each page in navigation order; the list is declared in callbacks.pages.
Links = Sequence[tuple[str, str]]


def navigation(links: Links, pathname: str = "/") -> dbc.Nav:
    return dbc.Nav(
        [dbc.NavLink(label, href=path, active=(path == pathname)) for path, label in links],
        id=ids.NAV, pills=True, className="site-nav", navbar=False,
    )


def synthetic_notice() -> dbc.Alert:
    return dbc.Alert(
        [html.Strong("Synthetic demonstration data. "),
         "These figures were generated for demonstration; they are not real statistics "
         "for any area. Load real extracts on the Data page."],
        color="warning", className="synthetic-notice", id=ids.SYNTHETIC_NOTICE,
    )


def shell(links: Links) -> html.Div:
    return html.Div([
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        html.A("Skip to main content", href="#main", className="skip-link"),
        html.Header(
            dbc.Container([
                html.Span("Infant mortality indicators", className="service-name"),
                # On a phone the page links sit behind this button (assets/style.css hides
                # it from 768 px up, where the links fit beside the name).
                html.Button("Menu", id=ids.NAV_TOGGLE, type="button", className="nav-toggle",
                            **{"aria-expanded": "false", "aria-controls": ids.NAV_HOLDER}),
                html.Div(id=ids.NAV_HOLDER, children=navigation(links), className=NAV_CLOSED),
            ], className="header-inner"),
            className="site-header",
        ),
        # tabIndex -1: the skip link's target must take focus, or Tab would go on from the top.
        dbc.Container(html.Main(id="main", tabIndex="-1", children=html.Div(id=ids.PAGE)),
                      className="page"),
        html.Footer(
            dbc.Container(
                "Methods follow the national (Fingertips) methods: crude rates with exact "
                "Poisson or Byar's 95% confidence intervals; proportions with Wilson score intervals.",
                className="small"),
            className="site-footer",
        ),
    ])
