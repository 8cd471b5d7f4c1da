"""The dashboard for gunicorn with every refresh stage of a web upload slowed down, so a
test can show a load outliving gunicorn's worker timeout (`slow_upload_app:server`)."""

from __future__ import annotations

import os
import time

from callbacks import upload_routes
from data.refresh import refresh

STAGE_SECONDS = float(os.environ.get("SLOW_UPLOAD_STAGE_SECONDS", "2"))


def _slow_refresh(*args, progress=None, **kwargs):
    def slow(stage: str) -> None:
        if progress is not None:
            progress(stage)
        time.sleep(STAGE_SECONDS)  # the slow load is what the test is about

    return refresh(*args, progress=slow, **kwargs)


upload_routes.refresh = _slow_refresh


def __getattr__(name: str):
    if name == "server":
        from app import create_app

        return create_app().server
    raise AttributeError(name)
