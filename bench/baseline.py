"""The baseline sides of the refresh benchmark, plain pandas and nothing else:

- `write_with_pandas`: read_csv each extract file and write its rows with `DataFrame.to_sql`
  into a table of its own;
- `write_floor` (the floor): read_csv the same files, then write the rows the refresh
  stores (the raw rows with their JSON payloads, the areas, the load row and every
  indicator value, dumped beforehand from a store the refresh built) into the same tables
  of a fresh, upgraded store through the same engine and driver (`data.store.make_engine`).
  It computes nothing, so it is what reading those files and writing those rows costs.

Kept apart from our code so that, run as its own process, it imports only pandas and
SQLAlchemy (and the store's engine for the floor) and its peak memory is its own:

    python -m bench.baseline DATABASE_URL FILE [FILE ...]
    python -m bench.baseline --floor DUMP_DIR DATABASE_URL FILE [FILE ...]
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


# parents before children (raw rows name their load)
STORED_TABLES = ("load", "area", "raw_row", "indicator_value")


def dump_stored_rows(url: str, folder: Path) -> dict[str, int]:
    """The refresh's stored rows (STORED_TABLES) from the store at `url`, one Parquet file
    per table in `folder`, for the floor to write again; rows per table."""
    engine = create_engine(url)
    folder.mkdir(parents=True, exist_ok=True)
    rows = {}
    with engine.connect() as connection:
        for name in STORED_TABLES:
            frame = pd.read_sql_table(name, connection)
            frame.to_parquet(folder / f"{name}.parquet", index=False)
            rows[name] = len(frame)
    engine.dispose()
    return rows


def write_floor(paths: dict[str, Path], dump: Path, url: str) -> dict:
    """read_csv each file, then to_sql the dumped stored rows into the same tables of a
    fresh, upgraded store (upgrade not timed, as for the refresh); rows and seconds."""
    from data.settings import Settings
    from data.store import make_engine, upgrade

    engine = make_engine(Settings(database_url=url, instance_dir=dump))
    upgrade(engine)
    rows: dict[str, int] = {}
    start = time.perf_counter()
    for _name, path in paths.items():
        pd.read_csv(path)
    with engine.begin() as connection:  # one transaction, as the refresh's
        for name in STORED_TABLES:
            frame = pd.read_parquet(dump / f"{name}.parquet")
            if name == "load":  # the fresh store's load log is empty; this is the refresh's row
                frame = frame.astype(object).where(frame.notna(), None)
            frame.to_sql(name, connection, index=False, if_exists="append", chunksize=10_000)
            rows[name] = len(frame)
    seconds = time.perf_counter() - start
    engine.dispose()
    return {"seconds": seconds, "rows": rows}


def main(argv: list[str]) -> None:
    floor = argv[0] == "--floor"
    if floor:
        dump, argv = Path(argv[1]), argv[2:]
        import data.store  # noqa: F401  (its imports count before the work, as the refresh's)
    url, files = argv[0], [Path(f) for f in argv[1:]]
    import_mb = peak_mb()
    paths = {path.stem: path for path in files}
    result = write_floor(paths, dump, url) if floor else write_with_pandas(paths, url)
    emit({**result, "import_mb": import_mb, "peak_mb": peak_mb()})


if __name__ == "__main__":
    main(sys.argv[1:])
