"""Callback outputs kept per data version: whole answers, or parts of one as plain data.

A page view's outputs are a pure function of its inputs and the store's data, so they are
worked out once per data version (`data.queries.cache`). `outputs` marks a callback whose
whole answer can be kept so (`callbacks.response_cache` keeps the bytes sent). Callbacks
whose answer also depends on the visitor (the data page's tables, which show more to a
signed-in member) keep the parts that do not with `remember`, as plain JSON data:
lists, dicts, strings and numbers. Dash serialises a response made only of those in one C
call (plotly's orjson path); components and figures make it walk every node in Python.

Only for what depends on nothing but the arguments and the store: not for what depends on
the visitor (sign-in, CSRF token), the trigger (`ctx`) or has side effects (`set_props`,
downloads).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any

from dash import no_update
from plotly.io.json import to_json_plotly

from callbacks.context import AppContext
from data.queries import cache

# Parsed JSON takes about five times its text's size as Python objects (measured on the
# pages at national scale).
OBJECT_BYTES_PER_JSON_BYTE = 5


def _plain_text(value: Any) -> tuple[Any, int]:
    if value is no_update or value is None or isinstance(value, (str, int, float)):
        return value, 64
    text = to_json_plotly(value)
    return json.loads(text), len(text) * OBJECT_BYTES_PER_JSON_BYTE


def plain(value: Any) -> Any:
    """`value` (components, figures, frames' numbers) as the JSON data Dash would send."""
    return _plain_text(value)[0]


def remember(context: AppContext, key: Hashable, build: Callable[[], Any]) -> Any:
    """`build()` once per `key` and data version, as plain JSON data (a tuple of outputs
    stays a tuple, each output converted on its own so `no_update` survives)."""
    def compute():
        value = build()
        if isinstance(value, tuple):
            parts = [_plain_text(v) for v in value]
            return tuple(p for p, _size in parts), sum(size for _p, size in parts)
        return _plain_text(value)

    value, _size = cache.remember(context.engine, ("callback output", key), compute,
                                  size=lambda pair: pair[1])
    return value


def outputs(function: Callable | None = None, *, also: Callable[[], Hashable] | None = None,
            on_request: Callable[..., None] | None = None) -> Callable:
    """Marks a callback whose outputs depend only on its arguments and the store: the
    answer to a request for it is kept whole per data version (`callbacks.response_cache`).
    `also()`: what else the answer depends on (today's date); `on_request(*args)` runs for
    every request, answered from the cache or not. Use bare or with keywords."""
    def mark(callback: Callable) -> Callable:
        callback.view_cached = True
        callback.view_cache_also, callback.view_cache_on_request = also, on_request
        return callback

    return mark(function) if function is not None else mark


def today_text() -> str:
    """Today's date, for answers that depend on it (an action is overdue from a date on)."""
    return date.today().isoformat()
