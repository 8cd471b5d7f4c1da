"""A real HTTP server on 127.0.0.1 (free port, own thread) standing in for the Fingertips
API, and a forward proxy, for the fetch tests. Each test says how the server answers."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Answer:
    """How to answer one request. `declared_length` above len(body) sends a truncated
    body (the connection closes early); `hang` never answers until the server stops."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/csv"
    declared_length: int | None = None
    hang: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.released = threading.Event()
        self.seen: list[Seen] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.shutdown()
        self.server_close()


class StandIn(_Server):
    """`answer(seen)` decides each answer; `seen` lists the requests in order."""

    def __init__(self, answer: Callable[[Seen], Answer]) -> None:
        self.answer = answer
        super().__init__(_StandInHandler)


class _StandInHandler(BaseHTTPRequestHandler):
    server: StandIn
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        parts = urlsplit(self.path)
        seen = Seen(parts.path, parse_qs(parts.query), dict(self.headers))
        self.server.seen.append(seen)
        answer = self.server.answer(seen)
        if answer.hang:
            self.server.released.wait()
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(answer.declared_length or len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if answer.declared_length:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(answer.body)
        self.wfile.flush()
        if answer.declared_length:
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


class ForwardProxy(_Server):
    """A plain HTTP forward proxy: records the absolute URLs it is asked for and relays them."""

    def __init__(self) -> None:
        super().__init__(_ProxyHandler)


class _ProxyHandler(BaseHTTPRequestHandler):
    server: ForwardProxy

    def do_GET(self) -> None:  # noqa: N802
        target = urlsplit(self.path)
        self.server.seen.append(Seen(self.path, parse_qs(target.query), dict(self.headers)))
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
        path = target.path + (f"?{target.query}" if target.query else "")
        upstream.request("GET", path, headers={"Accept": self.headers.get("Accept", "*/*")})
        response = upstream.getresponse()
        body = response.read()
        self.send_response(response.status)
        self.send_header("Content-Type", response.getheader("Content-Type", "text/plain"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        upstream.close()

    def log_message(self, format: str, *args: object) -> None:
        pass
