"""Action plan page wiring: plan and filters -> plan grid -> sections and trajectory
charts; the plan's filter choices; the whole grid as CSV."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
from dash import Dash, Input, Output, State, dcc, no_update

from callbacks import page_outputs, view_cache
from callbacks.context import AppContext
from data.csv_safety import safe_frame
from data.queries.plan import STATUS_ORDER, filter_grid, plan_grid, plan_names, plan_rows
from data.queries.plan_targets import series_for
from indicators.names import AREA_CODE, AREA_NAME
from layouts import ids
from layouts.figures.trajectory import trajectory_figure
from layouts.pages import plan as page
from layouts.plan_words import action_counts

CSV_DROPPED = ["action_ref", "projection_slope", "projection_level", "projection_origin"]


def plan_options(context: AppContext) -> list[dict]:
    return [{"label": name, "value": name} for name in plan_names(context.engine)]


def filter_options(grid: pd.DataFrame) -> dict[str, list[dict]]:
    titles = dict(zip(grid["priority"], grid["priority_title"], strict=False))
    return {
        "priority": page.choices(sorted(titles), "priorities",
                                 lambda p: f"{p}: {titles[p]}"),
        "lead": page.choices(sorted(set(grid["lead"])), "leads"),
        "status": page.choices([s for s in STATUS_ORDER if s in set(grid["status"])],
                               "statuses", lambda s: s[0].upper() + s[1:]),
    }


def _chosen(wanted: str | None, options: list[dict]) -> str:
    values = [o["value"] for o in options]
    return wanted if wanted in values else page.ALL


def render(context: AppContext, query: dict[str, str]):
    plans = plan_options(context)
    names = [p["value"] for p in plans]
    plan = query.get("plan") if query.get("plan") in names else (names[0] if names else None)
    rows = plan_rows(context.engine)  # the choices need the plan's rows, not their values
    options = filter_options(rows[rows["plan"] == plan])
    filters = {key: (options[key], _chosen(query.get(key), options[key])) for key in options}
    return page.layout(plans, plan, filters)


def trajectory_figures(context: AppContext, grid: pd.DataFrame) -> dict[int, dict]:
    """A chart for each row with an indicator and a target, keyed by its position."""
    figures = {}
    for position, row in enumerate(grid.to_dict("records")):
        if not row["indicator"] or pd.isna(row["target_value"]):
            continue
        series = series_for(context.engine, row["indicator"], row[AREA_CODE])["area"]
        figures[position] = trajectory_figure(
            # the indicator's heading names the chart: a title would not fit on a phone
            series, row, area_name=row[AREA_NAME], title="", y_title=row["unit"])
    return figures


def _file_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "plan"


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.PLAN_CONTENT, "children"),
        Input(ids.PLAN_NAME, "value"),
        Input(ids.PLAN_PRIORITY, "value"),
        Input(ids.PLAN_LEAD, "value"),
        Input(ids.PLAN_STATUS, "value"),
    )
    @view_cache.outputs(also=view_cache.today_text)
    def update(plan: str | None, priority: str | None, lead: str | None, status: str | None):
        if not plan:
            return page.no_plan()
        today = date.today()
        grid = plan_grid(context.engine, plan, today)
        counts = action_counts(grid)
        shown = filter_grid(grid, priority, lead, status).reset_index(drop=True)
        return page.content(shown, counts, trajectory_figures(context, shown), today.isoformat())

    @app.callback(
        Output(ids.PLAN_PRIORITY, "options"),
        Output(ids.PLAN_LEAD, "options"),
        Output(ids.PLAN_STATUS, "options"),
        Input(ids.PLAN_NAME, "value"),
        prevent_initial_call=True,
    )
    @view_cache.outputs
    def options(plan: str | None):
        if not plan:
            return page_outputs.unchanged(3)
        rows = plan_rows(context.engine)
        choices = filter_options(rows[rows["plan"] == plan])
        return choices["priority"], choices["lead"], choices["status"]

    @app.callback(
        Output(ids.PLAN_DOWNLOAD, "data"),
        Input(ids.PLAN_DOWNLOAD_BUTTON, "n_clicks"),
        State(ids.PLAN_NAME, "value"),
        prevent_initial_call=True,
    )
    def download(_clicks, plan: str | None):
        if not plan:
            return no_update
        grid = plan_grid(context.engine, plan, date.today()).drop(columns=CSV_DROPPED)
        return dcc.send_data_frame(safe_frame(grid).to_csv, f"plan-{_file_stem(plan)}.csv",
                                   index=False)
