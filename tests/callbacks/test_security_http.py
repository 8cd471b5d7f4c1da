"""Request limits, security headers and cookies over real HTTP to a real server (werkzeug on
127.0.0.1): a declared length over a route's limit is refused before the body is read, a
chunked body is cut off at the limit, the sign-in route never reads a large body, every
response carries the security headers, and cookies are Secure behind an HTTPS proxy."""

from __future__ import annotations

import dataclasses
import http.client
import io
import json
import socket
import threading
import urllib.parse

import pytest

from app import create_app
from callbacks import security
from data.auth import hash_password, upload_unavailable_reason
from data.settings import Settings
from tests.support.dash_requests import serving

USER, PASSWORD = "analyst", "a long test passphrase"
SECRET = "x" * 40


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    folder = tmp_path_factory.mktemp("security")
    return Settings(database_url=f"sqlite:///{folder / 's.sqlite'}", instance_dir=folder,
                    secret_key=SECRET, upload_users={USER: hash_password(PASSWORD)},
                    sample_data=False)


@pytest.fixture(scope="module")
def base(settings):
    with serving(create_app(settings)) as address:
        yield address.removeprefix("http://")


def _raw(base: str, head: str, chunks=()) -> tuple[int, int]:
    """Send `head`, then `chunks` as HTTP chunks from a second thread until the server
    answers; returns (status, body bytes sent by the time the answer came). A server that
    drains an unread body after answering (werkzeug's does) still answers first."""
    host, port = base.split(":")
    answered = threading.Event()
    sent = [0]
    with socket.create_connection((host, int(port)), timeout=60) as connection:
        connection.sendall(head.encode())

        def send() -> None:
            try:
                for chunk in chunks:
                    if answered.is_set():
                        return
                    connection.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    sent[0] += len(chunk)
                connection.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server answered and closed: what an oversized body should get

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        answer = b""
        try:
            while b"\r\n" not in answer:
                part = connection.recv(4096)
                if not part:
                    break
                answer += part
        except ConnectionResetError:
            pass
        at_answer = sent[0]
        answered.set()
        sender.join(timeout=60)
    return int(answer.split(b" ", 2)[1]), at_answer


def _head(path: str, headers: dict[str, str]) -> str:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    return "\r\n".join(lines) + "\r\n\r\n"


@pytest.mark.parametrize("path", ["/_dash-update-component", "/data/sign-in", "/data/upload"])
def test_a_declared_300_mb_body_is_refused_unread(base, path):
    head = _head(path, {"Content-Type": "application/json", "Content-Length": str(300 * 2**20)})
    status, _sent = _raw(base, head)  # nothing of the body is ever sent
    assert status == 413


@pytest.mark.parametrize("path, limit", [("/_dash-update-component", security.CALLBACK_MAX_BYTES),
                                         ("/data/sign-in", security.OTHER_MAX_BYTES)])
def test_a_chunked_body_is_cut_off_at_the_limit(base, path, limit):
    kind = "application/json" if "dash" in path else "application/x-www-form-urlencoded"
    head = _head(path, {"Content-Type": kind, "Transfer-Encoding": "chunked"})
    chunk = b"a" * 65536
    status, sent = _raw(base, head, (chunk for _ in range(300 * 16)))  # up to 300 MB
    assert status == 413
    assert sent < 64 * 2**20  # refused long before the 300 MB were sent


def test_a_chunked_upload_over_the_upload_limit_is_refused(settings, monkeypatch):
    monkeypatch.setattr(security, "MAX_UPLOAD_BYTES", 2 * 2**20)
    with serving(create_app(settings)) as address:
        cookie, token = _signed_in(address.removeprefix("http://"))
        head = _head("/data/upload", {"Content-Type": "multipart/form-data; boundary=b",
                                      "Transfer-Encoding": "chunked", "Cookie": cookie,
                                      "X-CSRF-Token": token})
        status, sent = _raw(address.removeprefix("http://"), head,
                            (b"-" * 65536 for _ in range(16 * 64)))  # up to 64 MB
    assert status == 413 and sent < 32 * 2**20


def _signed_in(base: str) -> tuple[str, str]:
    """(Cookie header, CSRF token) of a session signed in over HTTP."""
    def call(method, path, body=None, cookie="", kind=None):
        connection = http.client.HTTPConnection(base, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        if kind:
            headers["Content-Type"] = kind
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response

    first = call("GET", "/data/session")
    cookie = first.getheader("Set-Cookie").split(";")[0]
    connection = http.client.HTTPConnection(base, timeout=30)
    connection.request("GET", "/data/session", headers={"Cookie": cookie})
    token = json.loads(connection.getresponse().read())["csrf_token"]
    form = urllib.parse.urlencode({"username": USER, "password": PASSWORD, "csrf_token": token})
    signed = call("POST", "/data/sign-in", form, cookie, "application/x-www-form-urlencoded")
    assert signed.status == 303 and "failed" not in signed.getheader("Location")
    cookie = signed.getheader("Set-Cookie").split(";")[0]
    connection = http.client.HTTPConnection(base, timeout=30)
    connection.request("GET", "/data/session", headers={"Cookie": cookie})
    info = json.loads(connection.getresponse().read())
    assert info["signed_in_as"] == USER
    return cookie, info["csrf_token"]


def test_a_small_callback_still_works(base):
    connection = http.client.HTTPConnection(base, timeout=30)
    connection.request("GET", "/_dash-layout")
    response = connection.getresponse()
    assert response.status == 200
    response.read()


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/data/session", "/assets/style.css",
                                  "/no-such-page"])
def test_every_response_carries_the_security_headers(base, path):
    connection = http.client.HTTPConnection(base, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    policy = response.getheader("Content-Security-Policy") or ""
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'sha256-" in policy
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("Strict-Transport-Security") is None  # plain HTTP here


def _session_cookie(settings: Settings, headers: dict[str, str]) -> tuple[str, str | None]:
    client = create_app(settings).server.test_client()
    response = client.get("/data/session", headers=headers)
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie")
    return cookie, response.headers.get("Strict-Transport-Security")


def test_cookies_are_secure_behind_a_trusted_https_proxy(settings):
    proxied = dataclasses.replace(settings, proxy_hops=1)
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4"}
    cookie, hsts = _session_cookie(proxied, https)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert hsts == security.HSTS
    # Without a trusted proxy the forwarded header is ignored: plain HTTP, no Secure flag.
    cookie, hsts = _session_cookie(settings, https)
    assert "Secure" not in cookie and hsts is None


@pytest.mark.parametrize("key", ["k", "short but not 32 bytes", "\u00e9" * 15])
def test_a_short_secret_key_keeps_uploads_off(settings, key):
    reason = upload_unavailable_reason(dataclasses.replace(settings, secret_key=key))
    assert reason and "at least 32 bytes" in reason
    assert upload_unavailable_reason(dataclasses.replace(settings, secret_key="\u00e9" * 16)) is None


def test_the_proxy_setting_comes_from_the_environment(tmp_path):
    settings = Settings.from_env({"DASHBOARD_PROXY_HOPS": "1", "DASHBOARD_INSTANCE_DIR": str(tmp_path)})
    assert settings.proxy_hops == 1
    assert Settings.from_env({"DASHBOARD_INSTANCE_DIR": str(tmp_path)}).proxy_hops == 0


def test_an_oversized_request_gets_a_plain_json_answer(settings, monkeypatch):
    monkeypatch.setattr(security, "CALLBACK_MAX_BYTES", 1000)
    client = create_app(settings).server.test_client()
    declared = client.post("/_dash-update-component", data=b"{" + b" " * 2000 + b"}",
                           headers={"Accept": "application/json", "Content-Type": "application/json"})
    assert declared.status_code == 413
    assert "limited to 1,000 bytes" in declared.get_json()["error"]
    streamed = client.post("/_dash-update-component", input_stream=io.BytesIO(b" " * 5000),
                           headers={"Accept": "application/json", "Content-Type": "application/json",
                                    "Transfer-Encoding": "chunked"})
    assert streamed.status_code == 413 and "nothing was changed" in streamed.get_json()["error"]
