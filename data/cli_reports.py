"""The `python -m data` commands that only read the store and print CSV or lines:
export, reconcile, neighbours, plan-status and scenarios."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from data.settings import Settings
from indicators.names import AREA_CODE, AREA_NAME


def scenarios_command(engine, settings: Settings, area: str, targets: list[str]) -> int:
    from data.scenario_command import scenario_command

    return scenario_command(engine, settings, area, targets)


def _unknown_indicator(indicator: str) -> int:
    print(f"Unknown indicator: {indicator} (give our id or a Fingertips indicator ID)",
          file=sys.stderr)
    return 2


def export_command(engine, indicator: str, out: Path | None) -> int:
    from data.export import export_fingertips, write_fingertips_csv

    try:
        frame = export_fingertips(engine, indicator)
    except KeyError:
        return _unknown_indicator(indicator)
    if out is None:
        write_fingertips_csv(frame, sys.stdout)
    else:
        write_fingertips_csv(frame, out)
        print(f"Wrote {len(frame)} rows to {out}", file=sys.stderr)
    return 0


def reconcile_command(engine, indicator: str | None) -> int:
    from data.reconcile_report import reconcile_lines

    try:
        lines = reconcile_lines(engine, indicator)
    except KeyError:
        return _unknown_indicator(indicator)
    print("\n".join(lines))
    return 0
def neighbours_command(engine, area_code: str, group: str | None) -> int:
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


def plan_status_command(engine, plan: str | None, as_of: date | None) -> int:
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
