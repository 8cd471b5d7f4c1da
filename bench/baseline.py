"""The baseline side of the refresh benchmark: plain pandas reading the extract files and
writing the same rows with `DataFrame.to_sql`, nothing else.

Kept apart from our code so that, run as its own process, it imports only pandas and
SQLAlchemy and its peak memory is the baseline's alone:

    python -m bench.baseline DATABASE_URL FILE [FILE ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine

from bench.measure import emit, peak_mb


def write_with_pandas(paths: dict[str, Path], url: str) -> dict:
    """read_csv each file and to_sql its rows into a table named after it; rows and seconds."""
    engine = create_engine(url)
    rows: dict[str, int] = {}
    start = time.perf_counter()
    for name, path in paths.items():
        frame = pd.read_csv(path)
        frame.to_sql(name, engine, index=False, if_exists="replace")
        rows[name] = len(frame)
    seconds = time.perf_counter() - start
    engine.dispose()
    return {"seconds": seconds, "rows": rows}


def main(argv: list[str]) -> None:
    url, files = argv[0], [Path(f) for f in argv[1:]]
    import_mb = peak_mb()
    result = write_with_pandas({path.stem: path for path in files}, url)
    emit({**result, "import_mb": import_mb, "peak_mb": peak_mb()})


if __name__ == "__main__":
    main(sys.argv[1:])
