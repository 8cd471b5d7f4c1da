"""Action plans as stored: the plans, and one row per action and linked indicator with its
dates flagged and its indicator's latest value, comparisons, trend and target status.

`plan_grid` is what the /plan page, the scorecard and `python -m data plan-status` show;
the trajectory arithmetic is `indicators.targets`, applied in `data.queries.plan_targets`."""

from __future__ import annotations

from datetime import date, timedelta

import orjson
import pandas as pd
from sqlalchemy import Engine, select

from data.queries.cache import memoised
from data.queries.core import areas
from data.queries.plan_targets import INDICATOR_COLUMNS, indicator_status
from data.schema import raw_row
from indicators.catalogue import indicator_ids
from indicators.names import AREA_CODE, AREA_NAME

PLAN_SOURCE = "action_plan"
PLAN_COLUMNS = ["plan", "priority", "priority_title", "objective", "action", "outcome", "lead",
                "partners", "reporting", "indicator", AREA_CODE, "target_value",
                "target_period", "target_direction", "baseline_period", "deep_dive_date",
                "due_date", "status", "progress_note"]
TEXT_COLUMNS = [c for c in PLAN_COLUMNS if c not in ("priority", "target_value")]
# a due or deep-dive date this close ahead is flagged as coming up
UPCOMING_DAYS = 90
STATUS_ORDER = ("off track", "at risk", "not started", "on track", "done")


@memoised
def plan_rows(engine: Engine) -> pd.DataFrame:
    """Every stored plan row, in plan, priority and file order; missing text is ""."""
    query = select(raw_row.c.payload).where(raw_row.c.source == PLAN_SOURCE)
    with engine.connect() as connection:
        records = [orjson.loads(payload) for (payload,) in connection.execute(query)]
    frame = pd.DataFrame.from_records(records, columns=[*PLAN_COLUMNS, "action_ref"])
    frame[TEXT_COLUMNS] = frame[TEXT_COLUMNS].astype(object).where(
        frame[TEXT_COLUMNS].notna(), "")
    frame["priority"] = frame["priority"].astype("int64")
    frame["target_value"] = frame["target_value"].astype("float64")
    order = {key: rank for rank, key in enumerate(indicator_ids())}
    frame["_rank"] = frame["indicator"].map(order).fillna(len(order))
    frame = frame.sort_values(["plan", "priority", "objective", "action", "_rank"],
                              kind="stable")
    return frame.drop(columns="_rank").reset_index(drop=True)


def plan_names(engine: Engine) -> list[str]:
    return sorted(plan_rows(engine)["plan"].unique().tolist())


def date_flags(due: str, deep_dive: str, status: str, today: date) -> dict[str, bool]:
    """overdue: due before today and not done; due_soon / deep_dive_soon: within
    UPCOMING_DAYS from today (not done)."""
    open_ = status != "done"
    soon = today + timedelta(days=UPCOMING_DAYS)

    def when(text: str) -> date | None:
        return date.fromisoformat(text) if text else None

    due_day, dive_day = when(due), when(deep_dive)
    return {
        "overdue": bool(open_ and due_day is not None and due_day < today),
        "due_soon": bool(open_ and due_day is not None and today <= due_day <= soon),
        "deep_dive_soon": bool(open_ and dive_day is not None and today <= dive_day <= soon),
    }


@memoised
def plan_grid(engine: Engine, plan: str | None = None, today: date | None = None
              ) -> pd.DataFrame:
    """One row per action and linked indicator of `plan` (every plan when None), with the
    date flags as of `today` and the indicator columns of `plan_targets.INDICATOR_COLUMNS`."""
    today = today or date.today()
    rows = plan_rows(engine)
    if plan is not None:
        rows = rows[rows["plan"] == plan]
    names = areas(engine).set_index(AREA_CODE)[AREA_NAME]
    records = []
    for row in rows.to_dict("records"):
        record = {**row, **date_flags(row["due_date"], row["deep_dive_date"], row["status"],
                                      today)}
        record[AREA_NAME] = names.get(row[AREA_CODE], row[AREA_CODE])
        record.update(indicator_status(engine, row))
        records.append(record)
    # the target columns are the plan's own, replaced by the catalogue goal where it has none
    columns = list(dict.fromkeys([*PLAN_COLUMNS, "action_ref", "overdue", "due_soon",
                                  "deep_dive_soon", AREA_NAME, *INDICATOR_COLUMNS]))
    return pd.DataFrame.from_records(records, columns=columns)


STATUS_CSV_COLUMNS = ["plan", "priority", "action", "lead", "due_date", "status", "overdue",
                      "indicator", AREA_CODE, "latest_period", "latest_value",
                      "trajectory_value", "trajectory_status", "projected_period",
                      "change_needed_per_year"]


def plan_status_frame(grid: pd.DataFrame) -> pd.DataFrame:
    """The grid in the columns `python -m data plan-status` prints: overdue as yes/no,
    numbers rounded to 4 decimal places, blanks where there is nothing to say."""
    frame = grid[STATUS_CSV_COLUMNS].copy()
    frame["overdue"] = frame["overdue"].map({True: "yes", False: "no"})
    for column in ("latest_value", "trajectory_value", "change_needed_per_year"):
        frame[column] = frame[column].astype("float64").round(4)
    return frame


def filter_grid(grid: pd.DataFrame, priority: str | None, lead: str | None,
                status: str | None) -> pd.DataFrame:
    """The grid's rows for one priority, lead and status ("all" or None: no filter)."""
    keep = pd.Series(True, index=grid.index)
    if priority not in (None, "", "all"):
        keep &= grid["priority"].astype(str) == str(priority)
    if lead not in (None, "", "all"):
        keep &= grid["lead"] == lead
    if status not in (None, "", "all"):
        keep &= grid["status"] == status
    return grid[keep]
