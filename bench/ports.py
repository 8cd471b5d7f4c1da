"""A free loopback port, for the servers that benchmarks and tests start."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port the kernel has just handed out on 127.0.0.1: ephemeral ports are chosen at
    random, so two servers started at once do not pick the same one, as a scan from a fixed
    number would."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
