"""`python -m data ...`: the refresh command line for the intelligence team."""

# The parser and the dispatch live here; the commands in cli_loads (those that write) and
# cli_reports (those that only read).

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from data.cli_loads import (
    SAMPLE_FILE_ORDER,
    boundaries_command,
    fetch_figures_command,
    history_command,
    init_sample_command,
    load_command,
    recompute_command,
    sample_command,
)
from data.cli_reports import (
    export_command,
    neighbours_command,
    plan_status_command,
    reconcile_command,
    scenarios_command,
)
from data.settings import BACKGROUND_NICENESS, Settings

__all__ = ["SAMPLE_FILE_ORDER", "main"]


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
    for writer in (load, fetch):
        _priority_option(writer)
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
    _priority_option(commands.add_parser(
        "recompute", help="recompute every indicator from the stored extracts"))
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


def _priority_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--priority", choices=["background", "normal"], default="background",
        help="background (the default): a lower CPU priority (niceness +10), so that the "
             "dashboard's visitors on this machine come first while the load runs; normal: "
             "as started")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    if getattr(args, "priority", "normal") == "background":
        os.nice(BACKGROUND_NICENESS)  # this process only, until it ends
    if args.command == "sample":
        return sample_command(args.out)
    if args.command == "boundaries":
        return boundaries_command(args, settings)
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
        "load": lambda: load_command(engine, args.files, args.source, args.user, settings,
                              wait=not args.no_wait),
        "fetch": lambda: fetch_figures_command(engine, settings, args),
        "history": lambda: history_command(engine),
        "export": lambda: export_command(engine, args.indicator, args.out),
        "reconcile": lambda: reconcile_command(engine, args.indicator),
        "neighbours": lambda: neighbours_command(engine, args.area_code, args.group),
        "upgrade": lambda: 0,
        "recompute": lambda: recompute_command(engine, settings),
        "init-sample": lambda: init_sample_command(engine, settings),
        "plan-status": lambda: plan_status_command(engine, args.plan, args.as_of),
        "scenarios": lambda: scenarios_command(engine, settings, args.area, args.target),
    }[args.command]
    return handler()
