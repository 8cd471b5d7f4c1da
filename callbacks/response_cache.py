"""Whole answers to the renderer's callback requests, kept per data version as the bytes sent.

A callback marked by `view_cache.outputs` depends on nothing but its inputs' and states'
values and the store's data. So the answer to a request for it is a function of the
request's outputs, inputs and state and of the data version: it is worked out once per
version (in `data.queries.cache`, so shared through Redis and kept by the warm-up in the
store like any other result) and every later request is answered with the same bytes.
That skips Dash's dispatch and its JSON encoding of the figure or table, which was most of
a repeated view's time at national scale. Answers are kept compressed (`COMPRESS_FROM`).

The data version is read once per answered request, and every query the callback makes
while working its answer out uses that version (`data.queries.version.pinned`), so one
answer is never keyed by one version and built from results kept under another.

Requests for any other callback (what depends on the visitor, such as the data page's
sign-in and upload forms, on the trigger, or has side effects) go to Dash as before.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Hashable

from dash import Dash
from flask import Response, request

from callbacks.context import AppContext
from data.queries import cache
from data.queries.version import pinned

UPDATE_PATH = "_dash-update-component"
KEY = "callback response"
# Answers from this size on are kept gzip-compressed (a national chart's 100-200 kB of JSON
# to a tenth of that): sent so to browsers, which saves a phone's download, and a tenth of
# the memory, Redis and store rows; a client that does not accept gzip gets them expanded.
COMPRESS_FROM = 1024


class _NotKept(Exception):
    """An answer other than 200 OK, handed back without being kept."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def cacheable_outputs(app: Dash) -> dict[str, Callable]:
    """{output string, as the renderer names it: callback} of the callbacks marked as
    depending only on their inputs and the store (`view_cache.outputs`; Dash's wrapper
    keeps the mark)."""
    return {output: entry["callback"] for output, entry in app.callback_map.items()
            if getattr(entry.get("callback"), "view_cached", False)}


def arguments(body: dict) -> list:
    """The callback's arguments as Dash hands them over: each input's, then each state's
    value (a pattern-matching one's as the list of its matches' values)."""
    return [[match.get("value") for match in item] if isinstance(item, list) else item.get("value")
            for item in [*body.get("inputs", []), *body.get("state", [])]]


def request_key(body: dict, also: Hashable = None) -> tuple[str, str, str]:
    """The cache key of a callback request: its output string and a digest of the outputs,
    inputs and states it names with their values, and of `also` (the trigger is left out:
    these callbacks never read it)."""
    parts = json.dumps([body.get("outputs"), body.get("inputs"), body.get("state"), also],
                       sort_keys=True, separators=(",", ":"), default=str)
    return KEY, body["output"], hashlib.blake2b(parts.encode(), digest_size=20).hexdigest()


def install(app: Dash, context: AppContext) -> None:
    """Answer requests for the marked callbacks from the cache; call once every callback
    is registered."""
    server = app.server
    endpoint = app.config.routes_pathname_prefix + UPDATE_PATH
    dispatch = server.view_functions[endpoint]
    outputs = cacheable_outputs(app)

    def answer():
        body = request.get_json(silent=True)
        callback = outputs.get(body.get("output")) if isinstance(body, dict) else None
        if callback is None:
            return dispatch()
        if callback.view_cache_on_request:
            callback.view_cache_on_request(*arguments(body))
        also = callback.view_cache_also() if callback.view_cache_also else None
        try:
            with pinned(context.engine):
                mimetype, encoding, data = cache.remember(
                    context.engine, request_key(body, also), _worked_out(dispatch),
                    size=lambda kept: len(kept[2]) + 64)
        except _NotKept as not_kept:
            return not_kept.response
        return sent(mimetype, encoding, data)

    server.view_functions[endpoint] = answer


def sent(mimetype: str, encoding: str, data: bytes) -> Response:
    """A kept answer as sent to this request: compressed as kept when the client accepts
    that (every browser does), else as Dash made it."""
    if encoding and not request.accept_encodings[encoding]:
        data, encoding = gzip.decompress(data), ""
    response = Response(data, mimetype=mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    return response


def _worked_out(dispatch: Callable[[], Response]) -> Callable[[], tuple[str, str, bytes]]:
    def compute() -> tuple[str, str, bytes]:
        # An exception (PreventUpdate included) keeps nothing and reaches Flask's handlers.
        response = dispatch()
        if response.status_code != 200:
            raise _NotKept(response)
        data = response.get_data()
        if len(data) < COMPRESS_FROM:
            return response.mimetype, "", data
        return response.mimetype, "gzip", gzip.compress(data, compresslevel=6, mtime=0)
    return compute
