"""`python -m data ...`: the refresh command line for the intelligence team."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from data.queries import SAMPLE_USER
from data.settings import Settings
from indicators.names import AREA_CODE, AREA_NAME

SAMPLE_FILE_ORDER = ("areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop",
                     "fingertips", "action_plan", "booking", "conceptions", "births_deaths_ethnicity")


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
    fetch = commands.add_parser(
        "fetch", help="download national figures and load them (validated, all or nothing)")
    fetch.add_argument("publisher", choices=["fingertips"])
    fetch.add_argument("--indicator", nargs="+", type=int, required=True,
                       help="Fingertips indicator IDs, e.g. 92196 93085")
    fetch.add_argument("--area-type", action="append", type=int, required=True,
                       help="Fingertips area type ID (502 counties and UAs, 501 districts and "
                       "UAs); give it again for more")
    fetch.add_argument("--profile", type=int,
                       help="Fingertips profile ID whose comparisons to use (105: Child and "
                       "Maternal Health)")
    fetch.add_argument("--parent-area-type", type=int, default=6,
                       help="comparator area type (default 6: regions)")
    fetch.add_argument("--user", help="who is loading (default: the login name)")
    commands.add_parser("history", help="print the load log")
    export = commands.add_parser("export", help="write an indicator in Fingertips' format")
    export.add_argument("--indicator", required=True, help="our id or the Fingertips ID")
    export.add_argument("--format", choices=["fingertips"], default="fingertips")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    reconcile = commands.add_parser(
        "reconcile", help="list local values beside the published ones, with the differences")
    reconcile.add_argument("--indicator", help="our id or the Fingertips ID (default: all)")
    neighbours = commands.add_parser(
        "neighbours", help="print an area's statistical neighbours in rank order (CSV)")
    neighbours.add_argument("area_code")
    neighbours.add_argument("--group", help="comparator group (default: the pages' group)")
    boundaries = commands.add_parser(
        "boundaries", help="generalise a boundary GeoJSON and use it for a map layer")
    boundaries.add_argument("file", type=Path)
    boundaries.add_argument("--layer", required=True, choices=["county_ua", "district", "region"])
    boundaries.add_argument("--code-field", help="the area code property (default: ...CD)")
    boundaries.add_argument("--tolerance", type=float, help="simplification, in degrees")
    commands.add_parser("upgrade", help="bring the database schema up to date")
    commands.add_parser("recompute", help="recompute every indicator from the stored extracts")
    commands.add_parser("init-sample", help="create the database from the sample data if empty")
    status = commands.add_parser(
        "plan-status", help="print each action plan row's status and trajectory as CSV")
    status.add_argument("--plan", help="the plan's name (default: every loaded plan)")
    status.add_argument("--as-of", type=date.fromisoformat, dest="as_of",
                        help="the date overdue is judged on (default: today), as 2025-04-01")
    scenarios = commands.add_parser(
        "scenarios", help="print the infant deaths a year each risk-factor change would avoid")
    scenarios.add_argument("--area", required=True, help="area code, e.g. E06000009")
    scenarios.add_argument("--target", action="append", default=[], metavar="INDICATOR=VALUE",
                           help="target in the indicator's own unit, by our id or Fingertips "
                           "ID, e.g. 93085=6.0 (default: England's value); give it again "
                           "for more")
    hashing = commands.add_parser(
        "hash-password", help="print a users entry for DASHBOARD_UPLOAD_USERS (asks the password)")
    hashing.add_argument("name", nargs="?")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    if args.command == "sample":
        return _sample(args.out)
    if args.command == "boundaries":
        return _boundaries(args, settings)
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
        "fetch": lambda: _fetch(engine, settings, args),
        "history": lambda: _history(engine),
        "export": lambda: _export(engine, args.indicator, args.out),
        "reconcile": lambda: _reconcile(engine, args.indicator),
        "neighbours": lambda: _neighbours(engine, args.area_code, args.group),
        "upgrade": lambda: 0,
        "recompute": lambda: _recompute(engine, settings),
        "init-sample": lambda: _init_sample(engine, settings),
        "plan-status": lambda: _plan_status(engine, args.plan, args.as_of),
        "scenarios": lambda: _scenarios(engine, settings, args.area, args.target),
    }[args.command]
    return handler()


def _scenarios(engine, settings: Settings, area: str, targets: list[str]) -> int:
    from data.scenario_command import scenario_command

    return scenario_command(engine, settings, area, targets)


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
    from data.readers.read import NAME_THE_TYPE

    lines = (line.replace(NAME_THE_TYPE, "name the type with --source") for line in report.lines())
    print("\n".join(lines), file=stream)
    return 0 if report.ok else 1


def _fetch(engine, settings: Settings, args: argparse.Namespace) -> int:
    from data.fetch_command import fetch_command

    return fetch_command(engine, settings, args.indicator, args.area_type, args.profile,
                         args.parent_area_type, args.user)


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
        for url in _urls(row.files_json):
            print(f"      from: {url}")
    return 0


def _urls(files_json: str) -> list[str]:
    import json

    return [url for record in json.loads(files_json or "[]") for url in record.get("urls", [])]


def _export(engine, indicator: str, out: Path | None) -> int:
    from data.export import export_fingertips, write_fingertips_csv

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


def _reconcile(engine, indicator: str | None) -> int:
    from data.reconcile_report import reconcile_lines

    try:
        lines = reconcile_lines(engine, indicator)
    except KeyError:
        print(f"Unknown indicator: {indicator} (give our id or a Fingertips indicator ID)",
              file=sys.stderr)
        return 2
    print("\n".join(lines))
def _neighbours(engine, area_code: str, group: str | None) -> int:
    from data.queries.neighbours import groups, neighbours

    if group is not None and group not in groups(engine):
        print(f"Unknown group: {group} (groups: {'; '.join(groups(engine))})", file=sys.stderr)
        return 2
    frame = neighbours(engine, area_code.strip().upper(), group)
    if frame.empty:
        print(f"No neighbours for {area_code} in {group or 'the default group'}", file=sys.stderr)
        return 2
    from data.csv_safety import to_csv

    to_csv(frame[["rank", AREA_CODE, AREA_NAME, "closeness"]], sys.stdout, lineterminator="\n")
    return 0


def _boundaries(args, settings: Settings) -> int:
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


def _init_sample(engine, settings: Settings) -> int:
    from data.queries import load_count

    if load_count(engine):
        print("Database already has data; leaving it as it is.")
        return 0
    folder = settings.instance_dir / "sample"
    from data.sample import SAMPLE_FILES, write_sample

    write_sample(folder)
    files = [folder / SAMPLE_FILES[name] for name in SAMPLE_FILE_ORDER if name in SAMPLE_FILES]
    return _load(engine, files, None, SAMPLE_USER, settings)


def _plan_status(engine, plan: str | None, as_of: date | None) -> int:
    from data.csv_safety import safe_frame
    from data.queries.plan import plan_grid, plan_names, plan_status_frame

    names = plan_names(engine)
    if plan is not None and plan not in names:
        known = "; ".join(names) or "none loaded"
        print(f"No plan named {plan!r} (plans: {known})", file=sys.stderr)
        return 2
    frame = plan_status_frame(plan_grid(engine, plan, as_of))
    safe_frame(frame).to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0
