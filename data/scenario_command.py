"""`python -m data scenarios`: the scenario table for one area as CSV on standard output,
the gap and the combined total in words on standard error."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence

from sqlalchemy import Engine

from data.export import csv_text
from data.queries.core import areas
from data.queries.scenarios import build_scenario, relative_risks, target_key
from data.settings import Settings
from indicators.names import AREA_CODE


def parse_targets(items: Sequence[str], risks) -> dict[str, float]:
    """`INDICATOR=VALUE` items as {risk key: value}; ValueError naming the bad item."""
    targets = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep:
            raise ValueError(f"--target {item!r}: write it as INDICATOR=VALUE, e.g. 93085=6.0")
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"--target {item!r}: {text!r} is not a number") from None
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"--target {item!r}: the value must be a number of 0 or more")
        try:
            targets[target_key(risks, key.strip())] = value
        except KeyError as error:
            raise ValueError(f"--target {item!r}: {error.args[0]}") from None
    return targets


def scenario_command(engine: Engine, settings: Settings, area_code: str,
                     target_items: Sequence[str]) -> int:
    try:
        risks = relative_risks(settings)
        targets = parse_targets(target_items, risks)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if area_code not in set(areas(engine)[AREA_CODE]):
        print(f"Area {area_code!r} is not in the store.", file=sys.stderr)
        return 2
    scenario = build_scenario(engine, area_code, risks, targets)
    sys.stdout.write(csv_text(scenario.table))
    for line in summary_lines(scenario):
        print(line, file=sys.stderr)
    return 0


def summary_lines(scenario) -> list[str]:
    lines = []
    if scenario.deaths is not None:
        lines.append(f"Expected infant deaths a year ({scenario.period}): "
                     f"{scenario.deaths.per_year:.1f}")
    for label, interval in (("England", scenario.gap_england),
                            ("the area's least deprived quintile", scenario.gap_least_deprived)):
        if interval is not None:
            lines.append(f"Excess deaths a year against {label}: {interval[0]:.1f} "
                         f"({interval[1]:.1f} to {interval[2]:.1f})")
    if scenario.combined is not None:
        point, lower, upper = scenario.combined
        lines.append(f"All changes together (combined multiplicatively): {point:.1f} deaths a "
                     f"year avoided ({lower:.1f} to {upper:.1f})")
    return lines + scenario.notes
