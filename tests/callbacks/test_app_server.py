"""`app.server` (what gunicorn loads as `app:server`) is built once per process."""

from __future__ import annotations

import app


def test_the_server_is_built_once(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.setenv("DASHBOARD_INSTANCE_DIR", str(tmp_path / "instance"))
    app._server.cache_clear()
    try:
        first = app.server
        assert app.server is first  # the same Flask app, not a new app, engine and upgrade
        assert first.test_client().get("/").status_code == 200
    finally:
        app._server.cache_clear()
