"""`python -m data ...` run as the intelligence team runs it: a child process with the
store and instance folder chosen by the environment alone, from the repository root."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DataCommand = Callable[..., subprocess.CompletedProcess]


def data_command(database_url: str, instance_dir: Path, *first: str, timeout: float = 300,
                 **env: str) -> DataCommand:
    """A runner of `python -m data *first ARGS` against `database_url`; keyword arguments
    (here or per call) add environment variables, e.g. FINGERTIPS_API_URL="..."."""
    environment = {**os.environ, "DATABASE_URL": database_url,
                   "DASHBOARD_INSTANCE_DIR": str(instance_dir), "PYTHONPATH": str(ROOT), **env}

    def run(*args: str, **more_env: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "data", *first, *args], cwd=ROOT,
                              env={**environment, **more_env}, capture_output=True, text=True,
                              timeout=timeout)
    return run


def sqlite_command(folder: Path, *first: str, timeout: float = 300, **env: str) -> DataCommand:
    """`data_command` on a SQLite file cli.sqlite in `folder`, which is the instance folder."""
    return data_command(f"sqlite:///{folder / 'cli.sqlite'}", folder, *first, timeout=timeout,
                        **env)
