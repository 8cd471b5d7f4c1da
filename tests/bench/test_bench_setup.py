"""The benchmarks on a machine set up for serving only (the README's first command): the
load test says what it lacks and which command installs it, instead of a traceback."""

from __future__ import annotations

import glob
import shutil

from bench import load


def test_load_says_which_command_installs_the_servers_it_lacks(monkeypatch, capsys):
    monkeypatch.setattr(shutil, "which", lambda name, **_: None)
    monkeypatch.setattr(glob, "glob", lambda pattern: [])
    assert load.main(["--users", "1", "--seconds", "1"]) == {}
    out = capsys.readouterr().out
    assert "the PostgreSQL server binaries and redis-server" in out
    assert "bash scripts/setup.sh test" in out and "--sqlite and --no-redis" in out
    assert load.missing_servers(sqlite=True, no_redis=True) is None
