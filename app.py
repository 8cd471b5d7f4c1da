"""The dashboard's entry point: `create_app()` for tests, `server` for gunicorn."""

from __future__ import annotations

import importlib

from dash import Dash

from callbacks import PAGE_MODULES, router, security, url_state
from callbacks.context import AppContext
from data.queries import cache
from data.settings import Settings
from data.store import make_engine, upgrade
from layouts.shell import INDEX_STRING, shell


def create_app(settings: Settings | None = None) -> Dash:
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
    app.layout = shell()
    url_state.register(app)
    pages = [importlib.import_module(f"callbacks.{name}") for name in PAGE_MODULES]
    routes = {page.PATH: page.render for page in pages}
    router.register(app, context, routes)
    for page in pages:
        page.register(app, context)
    app.server.secret_key = settings.secret_key
    security.harden(app, settings)
    return app


def __getattr__(name: str):
    # gunicorn asks for `app:server`; build the app only then, never at import.
    if name == "server":
        return create_app().server
    raise AttributeError(name)


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8050, debug=False)
