"""Plan queries over the sample's synthetic plan: dates flagged as of a given day, targets
from the plan or the catalogue, trajectories from the stored values, the scorecard and its
board pack fragment."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from data.queries.plan import plan_grid, plan_names, plan_status_frame
from data.queries.scorecard import OUTCOMES, plans_for_area, scorecard
from data.store import make_engine
from indicators.targets import PlanTarget, project
from layouts.board_pack import board_pack_html
from layouts.plan_words import action_counts, priority_sentence, target_words
from layouts.scorecard_html import scorecard_html

LAST_YEAR = 2025
AS_OF = date(LAST_YEAR + 1, 1, 15)
PLAN = "Manchester reducing infant mortality plan"
FILES = ("areas", "births_deaths", "satod", "breastfeeding", "action_plan")


@pytest.fixture(scope="module")
def engine(tmp_path_factory, sample_stores):
    engine = make_engine(sample_stores.copy(tmp_path_factory.mktemp("plan-store"), FILES,
                                            last_year=LAST_YEAR).settings)
    yield engine
    engine.dispose()


def _row(grid: pd.DataFrame, indicator: str, words: str) -> dict:
    found = grid[(grid["indicator"] == indicator) & grid["action"].str.contains(words)]
    assert len(found) == 1
    return found.iloc[0].to_dict()


def test_dates_are_flagged_as_of_the_day_given(engine):
    grid = plan_grid(engine, PLAN, AS_OF)
    assert plan_names(engine) == [PLAN]
    sleep = _row(grid, "cdop_sudi_rate", "Safer sleep")  # due 2025-12-31, at risk
    smoking = _row(grid, "smoking_delivery", "monitoring")  # due 2026-03-31, 75 days on
    done = grid[grid["status"] == "done"].iloc[0]  # due 2025-06-30 but done
    assert (sleep["overdue"], sleep["due_soon"]) == (True, False)
    assert (smoking["overdue"], smoking["due_soon"]) == (False, True)
    assert not done["overdue"] and not done["due_soon"]
    later = plan_grid(engine, PLAN, date(LAST_YEAR + 1, 4, 1))
    assert _row(later, "smoking_delivery", "monitoring")["overdue"]


def test_plan_target_and_catalogue_goal(engine):
    grid = plan_grid(engine, PLAN, AS_OF)
    own = _row(grid, "smoking_delivery", "monitoring")
    goal = _row(grid, "smoking_delivery", "partners")
    assert (own["target_value"], own["target_period"], own["target_source"]) == (
        6.0, "2021/22", "plan")
    assert (goal["target_value"], goal["target_period"], goal["baseline_period"],
            goal["target_source"]) == (6.0, "2022/23", "2016/17", "catalogue")
    none = _row(grid, "low_birth_weight_term", "monitoring")
    assert none["trajectory_status"] == "no data" and math.isnan(none["target_value"])


def test_trajectory_from_the_stored_values(engine):
    from data.queries import indicator_values

    grid = plan_grid(engine, PLAN, AS_OF)
    feeding = _row(grid, "breastfeeding_6_8_weeks", "Peer support")
    series = indicator_values(engine, "breastfeeding_6_8_weeks", ["E08000003"])
    values = series.set_index("period_label")
    baseline = values.at[f"{LAST_YEAR - 5}/{str(LAST_YEAR - 4)[2:]}", "value"]
    # 55% by 2026/27 from 2020/21: the latest year, 2025/26, is 5 of the 6 years along
    assert feeding["baseline_value"] == pytest.approx(baseline)
    assert feeding["trajectory_value"] == pytest.approx(baseline + (55 - baseline) * 5 / 6)
    latest = values.iloc[-1]
    expected = "on track" if latest["upper95"] >= feeding["trajectory_value"] else "off track"
    assert feeding["trajectory_status"] == expected
    assert feeding["change_needed_per_year"] == pytest.approx(55 - latest["value"])
    fit = project(series["period_label"].tolist(), series["value"].to_numpy(float),
                  series["lower95"].to_numpy(float), series["upper95"].to_numpy(float),
                  PlanTarget(55, "at least", "2026/27", "2020/21"))
    assert feeding["projected_period"] == (fit.period or "")
    last = series.tail(5)
    w = 1 / ((last["upper95"] - last["lower95"]) / 3.92) ** 2
    slope = np.polyfit(np.arange(5.0), last["value"], 1, w=np.sqrt(w))[0]
    assert feeding["projection_slope"] == pytest.approx(slope)


def test_status_frame_has_the_issue_columns(engine):
    frame = plan_status_frame(plan_grid(engine, PLAN, AS_OF))
    assert list(frame.columns) == [
        "plan", "priority", "action", "lead", "due_date", "status", "overdue", "indicator",
        "area_code", "latest_period", "latest_value", "trajectory_value", "trajectory_status",
        "projected_period", "change_needed_per_year"]
    assert set(frame["trajectory_status"]) <= {"on track", "off track", "no data"}
    assert set(frame["overdue"]) == {"yes", "no"}


def test_scorecard_and_its_board_pack_fragment(engine):
    assert plans_for_area(engine, "E08000003") == [PLAN]
    assert plans_for_area(engine, "E06000009") == []
    card = scorecard(engine, PLAN, AS_OF)
    assert card.area_name == "Manchester"
    assert card.outcomes["indicator_id"].tolist() == list(OUTCOMES)
    counts = action_counts(card.grid).set_index("priority")
    assert counts.loc[1, "actions"] == 2 and counts.loc[5, ["not started", "done"]].tolist() == [1, 1]
    assert counts.loc[2, "overdue"] == 1
    assert priority_sentence(counts.reset_index().iloc[1].to_dict()) == (
        "Priority 2, Safer sleep: 1 action (1 at risk), 1 overdue.")
    fragment = scorecard_html(card)
    assert "Balanced scorecard: Manchester reducing infant mortality plan" in fragment
    assert "1 at risk" in fragment and "Off trajectory" in fragment
    pack = board_pack_html(pd.DataFrame(), "Manchester", "North West", None, [],
                           generated=datetime(2026, 1, 15), synthetic=True,
                           scorecards=[fragment])
    assert fragment in pack
    with pytest.raises(KeyError):
        scorecard(engine, "No such plan", AS_OF)


def test_words_are_escaped_in_the_board_pack(engine):
    card = scorecard(engine, PLAN, AS_OF)
    grid = card.grid.copy()
    grid["priority_title"] = "<script>alert(1)</script>"
    fragment = scorecard_html(type(card)(**{**card.__dict__, "grid": grid}))
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment


def test_target_words():
    row = {"target_value": 6.0, "target_period": "2021/22", "target_direction": "at most",
           "baseline_period": "2016/17", "target_source": "plan", "unit": "%"}
    assert target_words(row) == "6% or less by 2021/22 (from 2016/17; plan target)"
    row = {**row, "target_value": 4.0, "unit": "per 1,000 live births", "target_period":
           "2028-03-31", "target_direction": "at least", "target_source": "catalogue",
           "baseline_period": ""}
    assert target_words(row) == "4 per 1,000 live births or more by 31 March 2028 (national goal)"
    assert target_words({"target_value": float("nan")}) == "No target"
    pooled = {**row, "target_period": "2024 - 26", "baseline_period": "2017 - 19"}
    assert target_words(pooled).startswith("4 per 1,000 live births or more by 2024 - 26 (from")


def test_filters_by_priority_lead_and_status(engine):
    from data.queries.plan import filter_grid

    grid = plan_grid(engine, PLAN, AS_OF)
    assert set(filter_grid(grid, "2", "all", None)["priority"]) == {2}
    lead = filter_grid(grid, "all", "Infant Feeding Lead", "all")
    assert set(lead["lead"]) == {"Infant Feeding Lead"} and len(lead) == 2
    assert set(filter_grid(grid, None, None, "off track")["status"]) == {"off track"}
    assert filter_grid(grid, "5", None, "off track").empty
    assert len(filter_grid(grid, "all", "all", "all")) == len(grid)


def test_pooled_indicator_is_projected_from_its_single_years(engine):
    from data.queries import indicator_values
    from data.queries.plan_targets import indicator_status

    row = {"indicator": "infant_mortality_3yr", "area_code": "E08000003", "target_value": 4.0,
           "target_period": "2026 - 28", "target_direction": "at most",
           "baseline_period": "2017 - 19"}
    status = indicator_status(engine, row)
    annual = indicator_values(engine, "infant_mortality", ["E08000003"])
    fit = project(annual["period_label"].tolist(), annual["value"].to_numpy(float),
                  annual["lower95"].to_numpy(float), annual["upper95"].to_numpy(float),
                  PlanTarget(4.0, "at most", "2026 - 28", "2017 - 19"))
    assert status["latest_period"] == "2023 - 25"
    assert status["projection_slope"] == pytest.approx(fit.slope)
    assert status["projected_period"] == (fit.period or "")


def test_scorecard_lists_the_booking_and_conception_risk_factors(tmp_path, sample_stores):
    # with the extracts init-sample loads, the pathway's risk factors come before delivery's
    files = ("areas", "births_deaths", "satod", "breastfeeding", "booking", "conceptions",
             "action_plan")
    engine = make_engine(sample_stores.copy(tmp_path, files, last_year=LAST_YEAR).settings)
    try:
        card = scorecard(engine, PLAN, AS_OF)
    finally:
        engine.dispose()
    shown = card.risk_factors["indicator_id"].tolist()
    assert shown[:6] == ["conceptions_under_18", "conceptions_under_16", "smoking_booking",
                         "obesity_booking", "early_booking", "smoking_delivery"]
    assert card.risk_factors.set_index("indicator_id").loc["smoking_booking", "value"] > 0
