"""The areas this server process's visitors have asked for lately, most recent first: after a
load, the warm-up (`callbacks.warm`) works out their pages before the rest, since those are
the views visitors are about to ask for again.

Only codes are kept, at most `KEPT`, and only in memory; the warm-up takes only those that
are areas of the store, so a made-up code in a URL costs it nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

KEPT = 64
AREA_KEY = "area"

_recent: OrderedDict[str, None] = OrderedDict()
_lock = threading.Lock()


def note(query: dict[str, str]) -> None:
    """Remember the area a page view's query (`callbacks.url_state.parse_query`) names."""
    code = query.get(AREA_KEY)
    if not code or len(code) > 32:
        return
    with _lock:
        _recent.pop(code, None)
        _recent[code] = None
        while len(_recent) > KEPT:
            _recent.popitem(last=False)


def latest() -> list[str]:
    """The noted area codes, the most recently viewed first."""
    with _lock:
        return list(reversed(_recent))


def forget() -> None:
    """Forget every noted area (tests)."""
    with _lock:
        _recent.clear()
