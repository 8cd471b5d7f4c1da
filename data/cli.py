"""`python -m data ...`: the refresh command line for the intelligence team."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from data.queries import SAMPLE_USER
from data.settings import Settings

SAMPLE_FILE_ORDER = ("areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="validate files, then load them all or none")
    load.add_argument("files", nargs="+", type=Path)
    load.add_argument("--source", help="extract type; detected from the header when omitted")
    load.add_argument("--user", help="who is loading (default: the login name)")
    load.add_argument("--no-wait", action="store_true",
                      help="stop at once if another load is running, instead of waiting")
    sample = commands.add_parser("sample", help="write the synthetic sample extracts")
    sample.add_argument("--out", type=Path, default=Path("sample_data"))
    commands.add_parser("history", help="print the load log")
    export = commands.add_parser("export", help="write an indicator in Fingertips' format")
    export.add_argument("--indicator", required=True, help="our id or the Fingertips ID")
    export.add_argument("--format", choices=["fingertips"], default="fingertips")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    commands.add_parser("upgrade", help="bring the database schema up to date")
    commands.add_parser("recompute", help="recompute every indicator from the stored extracts")
    commands.add_parser("init-sample", help="create the database from the sample data if empty")
    hashing = commands.add_parser(
        "hash-password", help="print a users entry for DASHBOARD_UPLOAD_USERS (asks the password)")
    hashing.add_argument("name", nargs="?")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    if args.command == "sample":
        return _sample(args.out)
    if args.command == "hash-password":
        from data.auth import hash_password_command

        return hash_password_command(args.name)
    from data.store import make_engine, upgrade
    from data.store_errors import plain_message

    engine = make_engine(settings)
    try:
        upgrade(engine)
    except Exception as error:  # a store that cannot be opened: said plainly, no traceback
        where = engine.url.render_as_string(hide_password=True)
        print(f"The store at {where} cannot be used: {plain_message(error)}", file=sys.stderr)
        return 2
    handler = {
        "load": lambda: _load(engine, args.files, args.source, args.user, settings,
                              wait=not args.no_wait),
        "history": lambda: _history(engine),
        "export": lambda: _export(engine, args.indicator, args.out),
        "upgrade": lambda: 0,
        "recompute": lambda: _recompute(engine, settings),
        "init-sample": lambda: _init_sample(engine, settings),
    }[args.command]
    return handler()


def _sample(out: Path) -> int:
    from data.sample import write_sample

    for path in write_sample(out):
        print(path)
    return 0


def _load(engine, files: list[Path], source: str | None, user: str | None,
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
    print("\n".join(report.lines()), file=stream)
    return 0 if report.ok else 1


def _history(engine) -> int:
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
    return 0


def _export(engine, indicator: str, out: Path | None) -> int:
    from data.export import write_fingertips_csv
    from data.exporting import export_fingertips

    try:
        frame = export_fingertips(engine, indicator)
    except KeyError:
        print(f"Unknown indicator: {indicator} (give our id or a Fingertips indicator ID)",
              file=sys.stderr)
        return 2
    if out is None:
        write_fingertips_csv(frame, sys.stdout)
    else:
        write_fingertips_csv(frame, out)
        print(f"Wrote {len(frame)} rows to {out}", file=sys.stderr)
    return 0


def _recompute(engine, settings: Settings) -> int:
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

    with engine.begin() as connection:
        hold(connection, user, on_wait=lambda message: print(message, file=sys.stderr, flush=True))
        load_id = start_load(connection, user, [], ["recompute"])
        write_catalogue(connection)
        count = recompute(connection, load_id, settings.small_count_max)
        finish_load(connection, load_id, result="recomputed", rows=count, periods="", changes={})
    print(f"Recomputed {count} indicator values.")
    return 0


def _init_sample(engine, settings: Settings) -> int:
    from data.queries import load_count

    if load_count(engine):
        print("Database already has data; leaving it as it is.")
        return 0
    folder = settings.instance_dir / "sample"
    from data.sample import write_sample

    written = {p.stem: p for p in write_sample(folder)}
    files = [written[name] for name in SAMPLE_FILE_ORDER if name in written]
    return _load(engine, files, None, SAMPLE_USER, settings)
