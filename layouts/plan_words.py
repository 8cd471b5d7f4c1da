"""Words and colours for action plans, shared by the /plan page, the scorecard and the
board pack: action status and trajectory status badges (text keeps WCAG AA contrast),
dates, targets and the per-priority counts."""

from __future__ import annotations

from datetime import date

import pandas as pd

from indicators.names import AREA_CODE
from layouts.overview_text import format_number, format_value

DARK, LIGHT = "#0b0c0c", "#ffffff"
# GOV.UK palette: green, yellow, red, mid-grey, blue; each with a text colour of 4.5:1 or more
STATUS_COLOURS = {
    "on track": ("#00703C", LIGHT), "at risk": ("#FFDD00", DARK),
    "off track": ("#D4351C", LIGHT), "not started": ("#B1B4B6", DARK),
    "done": ("#1D70B8", LIGHT), "no data": ("#B1B4B6", DARK), "overdue": ("#D4351C", LIGHT),
    "due soon": ("#FFDD00", DARK), "on trajectory": ("#00703C", LIGHT),
    "off trajectory": ("#D4351C", LIGHT),
}
STATUS_ORDER = ("on track", "at risk", "off track", "not started", "done")
TRAJECTORY_WORDS = {"on track": "On trajectory", "off track": "Off trajectory",
                    "no data": "No target or no data"}


def status_colours(word: str) -> tuple[str, str]:
    return STATUS_COLOURS.get(word, STATUS_COLOURS["not started"])


def long_date(text: str) -> str:
    """'2026-03-31' -> '31 March 2026'; '' stays ''."""
    if not text:
        return ""
    day = date.fromisoformat(text)
    return f"{day.day} {day:%B %Y}"


def _period_or_date(text: str) -> str:
    """A date as '31 March 2028'; a period label ('2021/22', '2020 - 22') as it is."""
    try:
        return long_date(text)
    except ValueError:
        return text


def target_words(row: dict) -> str:
    """'6% or less by 2021/22 (from 2016/17; plan target)', or 'No target'."""
    value = row.get("target_value")
    if value is None or pd.isna(value) or not row.get("target_period"):
        return "No target"
    side = "or less" if row.get("target_direction") == "at most" else "or more"
    unit = row.get("unit") or ""
    shown = f"{value:g}%" if unit == "%" else f"{value:g} {unit}".strip()
    period = _period_or_date(row["target_period"])
    source = "plan target" if row.get("target_source") == "plan" else "national goal"
    base = f"from {row['baseline_period']}; " if row.get("baseline_period") else ""
    return f"{shown} {side} by {period} ({base}{source})"


def latest_words(row: dict) -> str:
    if not row.get("latest_period"):
        return "No values loaded"
    value = row.get("latest_value")
    if value is None or pd.isna(value):
        return f"No value for {row['latest_period']}"
    text = f"{format_value(value, row.get('value_type'), row.get('unit'))} in {row['latest_period']}"
    low, high = row.get("latest_lower95"), row.get("latest_upper95")
    if low is not None and high is not None and not (pd.isna(low) or pd.isna(high)):
        unit = row.get("unit")
        text += (f" (95% CI {format_number(low, row.get('value_type'), unit)} to "
                 f"{format_number(high, row.get('value_type'), unit)})")
    return text


def change_words(row: dict) -> str:
    change = row.get("change_needed_per_year")
    if change is None or pd.isna(change):
        if row.get("target_period") and row.get("latest_period"):
            return "The target period has been reached: no time is left to spread a change over."
        return ""
    unit = row.get("unit") or ""
    sign = "a fall" if change < 0 else "a rise"
    amount = format_number(abs(change), row.get("value_type"))
    unit_text = " percentage points" if unit == "%" else f" {unit}" if unit else ""
    return f"Needs {sign} of {amount}{unit_text} a year to meet the target."


def action_counts(grid: pd.DataFrame) -> pd.DataFrame:
    """Per priority: actions by status, overdue actions, and linked indicators on and off
    trajectory (each action and each indicator counted once per priority)."""
    records = []
    for (priority, title), rows in grid.groupby(["priority", "priority_title"], sort=True):
        actions = rows.drop_duplicates("action_ref")
        indicators = rows[rows["indicator"] != ""].drop_duplicates(["indicator", AREA_CODE])
        status = actions["status"].value_counts()
        trajectory = indicators["trajectory_status"].value_counts()
        records.append({
            "priority": int(priority), "priority_title": title, "actions": len(actions),
            **{word: int(status.get(word, 0)) for word in STATUS_ORDER},
            "overdue": int(actions["overdue"].sum()),
            "indicators": len(indicators),
            "on trajectory": int(trajectory.get("on track", 0)),
            "off trajectory": int(trajectory.get("off track", 0)),
            "no trajectory": int(trajectory.get("no data", 0)),
        })
    return pd.DataFrame.from_records(records)



def priority_sentence(counts: dict) -> str:
    """The priority in words: 'Priority 1, Reducing smoking in pregnancy: 2 actions (1 on
    track, 1 off track), 1 overdue; 0 of 1 indicators with a target on trajectory.'"""
    parts = [f"{counts[w]} {w}" for w in STATUS_ORDER if counts[w]]
    actions = f"{counts['actions']} action{'s' if counts['actions'] != 1 else ''}"
    text = f"Priority {counts['priority']}, {counts['priority_title']}: {actions}"
    text += f" ({', '.join(parts)})" if parts else ""
    text += f", {counts['overdue']} overdue" if counts["overdue"] else ", none overdue"
    judged = counts["on trajectory"] + counts["off trajectory"]
    if judged:
        text += f"; {counts['on trajectory']} of {judged} indicators with a target on trajectory"
    return text + "."
