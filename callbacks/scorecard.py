"""Balanced scorecard wiring: plan -> scorecard query -> tables and sentences."""

from __future__ import annotations

from datetime import date

from dash import Dash, Input, Output

from callbacks import view_cache
from callbacks.context import AppContext
from callbacks.plan import plan_options
from data.queries.scorecard import scorecard
from layouts import ids
from layouts.pages import scorecard as page


def render(context: AppContext, query: dict[str, str]):
    plans = plan_options(context)
    names = [p["value"] for p in plans]
    plan = query.get("plan") if query.get("plan") in names else (names[0] if names else None)
    return page.layout(plans, plan)


def register(app: Dash, context: AppContext) -> None:
    @app.callback(Output(ids.SCORECARD_CONTENT, "children"), Input(ids.SCORECARD_PLAN, "value"))
    @view_cache.outputs(also=view_cache.today_text)
    def update(plan: str | None):
        if not plan:
            return page.no_plan()
        try:
            return page.content(scorecard(context.engine, plan, date.today()))
        except KeyError:
            return page.no_plan()
