"""A refresh in a child process that stops inside its transaction, after recomputing,
until a line arrives on its standard input (or it is killed): for the tests of what
readers and a second load see meanwhile."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    import data.refresh as refresh_module
    from data.settings import Settings
    from data.store import make_engine

    url, marker, user, files = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4:]
    original = refresh_module.recompute

    def recompute_then_wait(*args, **kwargs):
        count = original(*args, **kwargs)
        marker.write_text("recomputed, not committed")
        sys.stdin.readline()  # wait here, inside the transaction
        return count

    refresh_module.recompute = recompute_then_wait
    settings = Settings(database_url=url, instance_dir=marker.parent)
    report = refresh_module.refresh(make_engine(settings), files, user=user)
    print(report.result)
""")


def held_refresh(database_url: str, marker: Path, user: str, files: list[Path]) -> list[str]:
    """The command line of the held refresh: it loads `files` as `user` and writes
    `marker` once it holds the transaction (and the load lock)."""
    return [sys.executable, "-c", _SCRIPT, database_url, str(marker), user,
            *(str(f) for f in files)]
