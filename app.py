"""The dashboard's entry point: `create_app()` for tests, `server` for gunicorn."""

from __future__ import annotations

import functools

from dash import Dash

from callbacks import response_cache, router, security, url_state, warm
from callbacks.context import AppContext
from callbacks.pages import PAGES, links, routes
from data.queries import cache
from data.settings import Settings
from data.store import make_engine, upgrade
from layouts.shell import INDEX_STRING, shell


def create_app(settings: Settings | None = None, warm_up: bool = True) -> Dash:
    """The dashboard on `settings` (default: from the environment). With `warm_up`, a
    background thread works out the pages' first views after each load (`callbacks.warm`);
    benchmarks that time first views turn it off and warm when they choose."""
    settings = settings or Settings.from_env()
    engine = make_engine(settings)
    upgrade(engine)
    cache.share(engine, settings.redis_url, settings.secret_key)
    context = AppContext(engine=engine, settings=settings)
    app = Dash(
        __name__,
        title="Infant mortality indicators",
        external_stylesheets=[],  # Bootstrap is served from assets/, never a CDN
        suppress_callback_exceptions=True,
        serve_locally=True,
        index_string=INDEX_STRING,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.dashboard_context = context  # the engine and settings, for the warm-up and benchmarks
    app.layout = shell(links())
    url_state.register(app)
    router.register(app, context, routes(), links())
    for page in PAGES:
        page.register(app, context)
    response_cache.install(app, context)
    app.server.secret_key = settings.secret_key
    security.harden(app, settings)
    if warm_up:
        warm.start(context, create_app)
    return app


@functools.cache
def _server():
    """The Flask server of the one app this process serves, built on first use."""
    return create_app().server


def __getattr__(name: str):
    # gunicorn asks for `app:server`; build the app only then, never at import, and once:
    # each build opens an engine and runs the upgrade.
    if name == "server":
        return _server()
    raise AttributeError(name)


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8050, debug=False)
