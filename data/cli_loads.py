"""The `python -m data` commands that write: load files, fetch national figures, write or
load the sample, recompute, add a boundary layer; and the load history they leave."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data.queries import SAMPLE_USER
from data.settings import Settings

SAMPLE_FILE_ORDER = ("areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop",
                     "fingertips", "action_plan", "booking", "conceptions",
                     "births_deaths_ethnicity")


def sample_command(out: Path) -> int:
    from data.sample import write_sample

    for path in write_sample(out):
        print(path)
    return 0


def load_command(engine, files: list[Path], source: str | None, user: str | None,
          settings: Settings, wait: bool = True) -> int:
    from data.refresh import refresh

    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print(f"No such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    report = refresh(engine, files, source=source, user=user,
                     small_count_max=settings.small_count_max, wait_seconds=600 if wait else 0,
                     on_wait=lambda message: print(message, file=sys.stderr, flush=True))
    stream = sys.stdout if report.ok else sys.stderr
    from data.readers.read import NAME_THE_TYPE

    lines = (line.replace(NAME_THE_TYPE, "name the type with --source") for line in report.lines())
    print("\n".join(lines), file=stream)
    return 0 if report.ok else 1


def fetch_figures_command(engine, settings: Settings, args: argparse.Namespace) -> int:
    from data.fetch_command import fetch_command

    return fetch_command(engine, settings, args.indicator, args.area_type, args.profile,
                         args.parent_area_type, args.user)


def history_command(engine) -> int:
    from data.load_log import history

    frame = history(engine)
    if frame.empty:
        print("No loads yet.")
        return 0
    for row in frame.itertuples(index=False):
        finished = row.finished_at.strftime("%Y-%m-%d %H:%M:%S") if row.finished_at else "-"
        print(f"#{row.id}  {finished}  {row.user_name:<12} {row.result:<9} {row.rows:>7} rows  "
              f"{row.source_types}  [{row.files}]")
        if row.periods:
            print(f"      periods: {row.periods}")
        for url in _urls(row.files_json):
            print(f"      from: {url}")
    return 0


def _urls(files_json: str) -> list[str]:
    import json

    return [url for record in json.loads(files_json or "[]") for url in record.get("urls", [])]


def boundaries_command(args, settings: Settings) -> int:
    from data.boundaries import BoundaryError, load_boundaries

    if not args.file.is_file():
        print(f"No such file: {args.file}", file=sys.stderr)
        return 2
    try:
        info = load_boundaries(args.file, args.layer, settings.instance_dir, args.tolerance,
                               args.code_field)
    except BoundaryError as error:
        print(f"{args.file.name}: {error}; the {args.layer} layer is unchanged", file=sys.stderr)
        return 1
    print(f"{args.layer}: {info.features} English areas, {info.size_bytes / 1024:.0f} kB "
          f"-> {info.path}")
    return 0


def recompute_command(engine, settings: Settings) -> int:
    from data.load_lock import LoadBusy
    from data.load_log import current_user

    try:
        return _recompute_locked(engine, settings, current_user())
    except LoadBusy as busy:
        print(f"Not recomputed: {busy}.", file=sys.stderr)
        return 1


def _recompute_locked(engine, settings: Settings, user: str) -> int:
    from data.catalogue_store import write_catalogue
    from data.indicator_store import recompute
    from data.load_lock import hold
    from data.load_log import finish_load, start_load
    from data.precompute import precompute

    with engine.begin() as connection:
        hold(connection, user, on_wait=lambda message: print(message, file=sys.stderr, flush=True))
        load_id = start_load(connection, user, [], ["recompute"])
        write_catalogue(connection)
        count = recompute(connection, load_id, settings.small_count_max)
        finish_load(connection, load_id, result="recomputed", rows=count, periods="", changes={})
        worked_out = precompute(connection, engine, settings.small_count_max)
    print(f"Recomputed {count} indicator values.")
    if worked_out is not None:
        print(f"Then {worked_out.note()}.")
    return 0


def init_sample_command(engine, settings: Settings) -> int:
    from data.queries import load_count

    if load_count(engine):
        print("Database already has data; leaving it as it is.")
        return 0
    folder = settings.instance_dir / "sample"
    from data.sample import SAMPLE_FILES, write_sample

    write_sample(folder)
    files = [folder / SAMPLE_FILES[name] for name in SAMPLE_FILE_ORDER if name in SAMPLE_FILES]
    # No precompute in the load: the first start would wait for it. The servers' warm-up
    # (callbacks.warm) works the pages out in the background once they answer.
    from data.queries import cache

    cache.keep_precomputed(engine, settings.secret_key, 0)
    try:
        return load_command(engine, files, None, SAMPLE_USER, settings)
    finally:
        cache.keep_precomputed(engine, settings.secret_key, settings.precompute_seconds)
