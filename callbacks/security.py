"""Hardening of the web server: request body limits, security headers, HTTPS-aware cookies.

- Body limits are enforced on the bytes read, whether the request says its length or is
  chunked: a declared length over the route's limit is refused with 413 before anything is
  read, and the body stream refuses to hand out more than the limit (werkzeug's
  RequestEntityTooLarge, also 413). Uploads get MAX_UPLOAD_BYTES; Dash's callbacks, whose
  bodies are a page's selections, far less; everything else (sign-in, sign-out) a few kB.
- Every response carries a Content-Security-Policy that Dash works with (its inline
  renderer and clientside callbacks allowed by their hashes, nothing from other origins),
  nosniff, frame-ancestors 'none' with X-Frame-Options DENY, and a Referrer-Policy.
- Behind an HTTPS proxy, `DASHBOARD_PROXY_HOPS` (Settings.proxy_hops) trusts that many
  proxies' X-Forwarded-For/-Proto/-Host (werkzeug's ProxyFix); the session cookie is then
  marked Secure for every request that arrived over HTTPS, and HSTS is sent.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

from dash import Dash
from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from callbacks.upload_routes import MAX_UPLOAD_BYTES, UPLOAD_PATH
from data.settings import Settings

CALLBACK_PATH_END = "_dash-update-component"
CALLBACK_MAX_BYTES = 1024 * 1024  # a page's selections and small stores; never file contents
OTHER_MAX_BYTES = 64 * 1024  # sign-in and sign-out forms, GETs (which carry no body)
HSTS = "max-age=31536000"


def body_limit(path: str) -> int:
    """The most body bytes a request to `path` may send."""
    if path == UPLOAD_PATH:
        return MAX_UPLOAD_BYTES
    if path.endswith(CALLBACK_PATH_END):
        return CALLBACK_MAX_BYTES
    return OTHER_MAX_BYTES


class _CountedInput:
    """A WSGI input stream that raises RequestEntityTooLarge once more than `limit` bytes
    have been read from it (chunked bodies carry no length to check first)."""

    def __init__(self, stream, limit: int) -> None:
        self._stream, self._limit, self._read = stream, limit, 0

    def _count(self, data: bytes) -> bytes:
        self._read += len(data)
        if self._read > self._limit:
            raise RequestEntityTooLarge(_limit_words(self._limit))
        return data

    def read(self, size: int | None = -1) -> bytes:
        # Never ask for more than one byte past the limit, so an oversized body is not
        # pulled into memory to find out.
        room = self._limit - self._read + 1
        size = room if size is None or size < 0 else min(size, room)
        return self._count(self._stream.read(size))

    def readline(self, size: int | None = -1) -> bytes:
        room = self._limit - self._read + 1
        size = room if size is None or size < 0 else min(size, room)
        return self._count(self._stream.readline(size))

    def __iter__(self):
        while line := self.readline(65536):
            yield line


class BodyLimit:
    """WSGI middleware applying `limit_for(path)` to every request's body."""

    def __init__(self, app: Callable, limit_for: Callable[[str], int] = body_limit) -> None:
        self.app, self.limit_for = app, limit_for

    def __call__(self, environ: dict, start_response: Callable):
        limit = self.limit_for(environ.get("PATH_INFO") or "")
        declared = environ.get("CONTENT_LENGTH") or ""
        if declared.strip().isdigit() and int(declared) > limit:
            return _too_large(limit, "json" in environ.get("HTTP_ACCEPT", ""))(environ, start_response)
        environ["wsgi.input"] = _CountedInput(environ["wsgi.input"], limit)
        return self.app(environ, start_response)


def _limit_words(limit: int) -> str:
    size = f"{limit / 2**20:.0f} MB" if limit >= 2**20 else f"{limit:,} bytes"
    return f"Requests here are limited to {size}; this one was refused and nothing was changed."


def _too_large(limit: int, as_json: bool) -> Response:
    if as_json:
        response = Response(json.dumps({"error": _limit_words(limit)}), 413,
                            mimetype="application/json")
    else:
        response = RequestEntityTooLarge(_limit_words(limit)).get_response()
    response.headers["Connection"] = "close"  # the unread body is not waited for
    return response


class _HttpsAwareSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the cookie Secure whenever the request came in
    over HTTPS (directly, or through a trusted proxy that says so)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


@functools.cache
def _policy(script_hashes: tuple[str, ...]) -> str:
    scripts = " ".join(["'self'", *script_hashes])  # Dash gives them quoted: 'sha256-...'
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}",
        # plotly.js writes <style> elements for its charts; styles cannot run code.
        "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:",
        "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def content_security_policy(app: Dash) -> str:
    """The policy for `app`: its inline scripts (renderer, clientside callbacks) by hash."""
    return _policy(tuple(app.csp_hashes()))


def harden(app: Dash, settings: Settings) -> None:
    """Body limits, headers and cookies for `app`'s server (after every callback is registered)."""
    server = app.server
    server.session_interface = _HttpsAwareSessions()
    server.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    # Flask's own limit as well, for anything that bypasses the middleware (test clients).
    server.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES
    policy = content_security_policy(app)

    @server.errorhandler(RequestEntityTooLarge)
    def too_large(error):
        # Scripts and the upload page ask for JSON; a form gets werkzeug's short page.
        if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "application/json":
            return {"error": error.description}, 413, {"Connection": "close"}
        return error

    @server.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    wsgi = BodyLimit(server.wsgi_app)
    if settings.proxy_hops:
        hops = settings.proxy_hops
        wsgi = ProxyFix(wsgi, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    server.wsgi_app = wsgi
