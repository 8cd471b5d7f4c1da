"""Serving a Dash app on loopback (`serving`), beside the request bodies the renderer sends
(`callbacks.replay`: `page_bodies`, `request_body`, `post`). Used by the benchmarks and,
through tests.support, by the tests."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from werkzeug.serving import make_server

from callbacks.replay import UPDATE, collect_components, page_bodies, post, request_body

if TYPE_CHECKING:
    from dash import Dash

__all__ = ["UPDATE", "collect_components", "page_bodies", "post", "request_body", "serving"]


@contextmanager
def serving(app: Dash) -> Iterator[str]:
    """The app on a free loopback port in a thread; yields its address."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
