"""The trajectory chart and the plan page's pieces, as pure functions of frames."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from indicators.targets import position
from layouts.figures.trajectory import trajectory_figure
from layouts.pages.plan import content
from layouts.plan_words import action_counts, change_words, latest_words

SERIES = pd.DataFrame({
    "period_label": ["2020/21", "2021/22", "2022/23", "2023/24", "2024/25"],
    "value": [8.6, 8.3, 8.0, 7.7, 7.4],
    "lower95": [8.2, 7.9, 7.6, 7.3, 7.0], "upper95": [9.0, 8.7, 8.4, 8.1, 7.8]})
ROW = {"target_value": 6.0, "target_period": "2021/22", "baseline_period": "2016/17",
       "baseline_value": 10.7, "projected_period": "2029/30", "projection_slope": -0.3,
       "projection_level": 7.4, "projection_origin": 2024.75, "unit": "%"}


def _traces(figure: dict) -> dict[str, dict]:
    return {t["name"]: t for t in go.Figure(figure).to_dict()["data"]}


def test_trajectory_chart_has_actual_band_trajectory_projection_and_target():
    traces = _traces(trajectory_figure(SERIES, ROW, area_name="Manchester", title="t",
                                       y_title="%"))
    assert set(traces) == {"95% confidence interval", "Manchester", "Trajectory to the target",
                           "Projection at the current trend", "Target 6% by 2021/22"}
    trajectory = traces["Trajectory to the target"]
    assert list(trajectory["x"][:2]) == [position("2016/17"), position("2021/22")]
    assert list(trajectory["y"][:2]) == [10.7, 6.0]
    projection = traces["Projection at the current trend"]
    assert list(projection["x"]) == [2024.75, position("2029/30")]
    assert math.isclose(projection["y"][1], 7.4 - 0.3 * 5)  # 5.9: at or below the target
    assert list(traces["Target 6% by 2021/22"]["x"]) == [2021.75]
    layout = go.Figure(trajectory_figure(SERIES, ROW, area_name="M", title="t",
                                         y_title="%")).layout
    assert "2029/30" in layout.xaxis.ticktext  # the axis runs to the projected period


def test_chart_without_a_target_is_the_series_alone():
    traces = _traces(trajectory_figure(SERIES, {"target_value": float("nan")},
                                       area_name="Manchester", title="t", y_title="%"))
    assert set(traces) == {"95% confidence interval", "Manchester"}


def _grid() -> pd.DataFrame:
    base = {"plan": "P", "priority": 1, "priority_title": "Smoking", "objective": "",
            "outcome": "", "partners": "", "reporting": "", "progress_note": "",
            "lead": "Lead", "due_date": "2026-01-31", "deep_dive_date": "", "area_code": "E1",
            "overdue": True, "due_soon": False, "deep_dive_soon": False,
            "trajectory_status": "no data", "indicator": ""}
    return pd.DataFrame([
        {**base, "action": "<b>Act</b>", "action_ref": "A1", "status": "at risk"},
        {**base, "action": "Done thing", "action_ref": "A2", "status": "done",
         "overdue": False},
    ])


def test_page_sections_show_text_as_text_and_flag_overdue():
    grid = _grid()
    parts = content(grid, action_counts(grid), {}, "2026-02-01")
    text = str(parts)
    assert "Priority 1: Smoking" in text and "<b>Act</b>" in text  # a string child, not markup
    assert "data-overdue='yes'" in text and "Overdue" in text
    assert "1 February 2026" in text
    counts = action_counts(grid).iloc[0]
    assert (counts["actions"], counts["at risk"], counts["done"], counts["overdue"]) == (2, 1, 1, 1)


def test_value_and_change_words():
    row = {"latest_period": "2024/25", "latest_value": 7.44, "latest_lower95": 7.0,
           "latest_upper95": 7.8, "value_type": "Proportion", "unit": "%",
           "change_needed_per_year": -0.72, "target_period": "2026/27"}
    assert latest_words(row) == "7.4% in 2024/25 (95% CI 7.0% to 7.8%)"
    assert change_words(row) == "Needs a fall of 0.7 percentage points a year to meet the target."
    assert latest_words({"latest_period": ""}) == "No values loaded"
    assert change_words({**row, "change_needed_per_year": float("nan")}).startswith(
        "The target period has been reached")
