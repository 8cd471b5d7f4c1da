"""Targets and trajectories against hand-worked values and numpy's weighted least squares."""

from __future__ import annotations

import math

import numpy as np
import pytest

from indicators.stats.trend import CI_WIDTH_TO_SE, recent_trend
from indicators.targets import (
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    PlanTarget,
    change_needed_per_year,
    position,
    project,
    projection_sentence,
    shift_period,
    trajectory_status,
    trajectory_value,
    years_between,
)

SMOKING_6 = PlanTarget(6.0, "at most", "2021/22", "2016/17")


def _fy(first: int) -> str:
    return f"{first}/{str(first + 1)[2:]}"


def test_positions_put_every_kind_on_one_axis_of_years():
    assert position("2021/22") == 2021.75
    assert position("2021") == 2021.5
    assert position("2021/22 Q1") == 2021.375
    assert position("2021/22 Q4") == 2022.125
    assert position("2020 - 22") == 2021.5
    assert position("2022-01-01") == pytest.approx(2022 + 0.5 / 365)


def test_periods_shift_by_their_own_kind():
    assert shift_period("2021/22", 8) == "2029/30"
    assert shift_period("2021", -2) == "2019"
    assert shift_period("2023/24 Q3", 2) == "2024/25 Q1"
    assert shift_period("2020 - 22", 1) == "2021 - 23"
    assert shift_period("2021/22 - 23/24", 1) == "2022/23 - 24/25"


def test_trajectory_is_the_straight_line_from_baseline_to_target_hand_worked():
    # 10.7% in 2016/17 to 6% in 2021/22: 4.7 points over 5 years, 0.94 a year
    assert trajectory_value(SMOKING_6, 10.7, "2016/17") == pytest.approx(10.7)
    assert trajectory_value(SMOKING_6, 10.7, "2018/19") == pytest.approx(8.82)
    assert trajectory_value(SMOKING_6, 10.7, "2021/22") == pytest.approx(6.0)
    assert trajectory_value(SMOKING_6, 10.7, "2024/25") == 6.0  # holds at the target after
    assert math.isnan(trajectory_value(SMOKING_6, 10.7, "2015/16"))  # before the baseline
    assert math.isnan(trajectory_value(SMOKING_6, math.nan, "2018/19"))
    assert trajectory_value(SMOKING_6, math.nan, "2022/23") == 6.0  # past the target period
    assert trajectory_value(PlanTarget(6.0, "at most", "2021/22"), math.nan, "2023/24") == 6.0
    # a calendar-year quarter of the way: 2018/19 Q1 is 2018.375, 1.625 years in
    assert trajectory_value(SMOKING_6, 10.7, "2018/19 Q1") == pytest.approx(10.7 - 0.94 * 1.625)


def test_status_allows_for_the_confidence_interval():
    # trajectory 8.82 in 2018/19: a value of 9.0 whose lower limit reaches it is on track
    assert trajectory_status(9.0, 8.8, 9.2, 8.82, "at most") == ON_TRACK
    assert trajectory_status(9.0, 8.9, 9.1, 8.82, "at most") == OFF_TRACK
    assert trajectory_status(8.0, 7.5, 8.5, 8.82, "at most") == ON_TRACK
    assert trajectory_status(44.0, 42.0, 46.0, 47.0, "at least") == OFF_TRACK
    assert trajectory_status(44.0, 42.0, 47.5, 47.0, "at least") == ON_TRACK
    assert trajectory_status(9.0, math.nan, math.nan, 8.82, "at most") == OFF_TRACK
    assert trajectory_status(math.nan, math.nan, math.nan, 8.82, "at most") == NO_DATA
    assert trajectory_status(9.0, 8.0, 10.0, math.nan, "at most") == NO_DATA


def test_projection_is_the_weighted_least_squares_line_hand_worked():
    # t = -4..0 years, values 10, 9, 9, 7, 6, weights 1, 1, 2, 2, 4 (SE 1, 1, 1/sqrt2, 1/sqrt2,
    # 1/2): S1 = 10, Swt = -13, Swv = 75, Swt2 = 35, Swvt = -117, so
    # slope = (10 x -117 - -13 x 75) / (10 x 35 - 169) = -195/181,
    # level at t=0 = (75 - slope x -13) / 10 = 11040/1810.
    values = np.array([10.0, 9.0, 9.0, 7.0, 6.0])
    se = 1 / np.sqrt([1.0, 1.0, 2.0, 2.0, 4.0])
    half = se * CI_WIDTH_TO_SE / 2
    periods = [_fy(y) for y in range(2020, 2025)]
    fit = project(periods, values, values - half, values + half, SMOKING_6)
    assert fit.slope == pytest.approx(-195 / 181, rel=1e-12)
    assert fit.level == pytest.approx(11040 / 1810, rel=1e-12)
    assert fit.origin == 2024.75
    # 6.0994 falls to 6 within a year: the next financial year
    assert fit.period == "2025/26"


@pytest.mark.parametrize("seed", range(5))
def test_projection_matches_numpy_weighted_least_squares(seed):
    rng = np.random.default_rng(seed)
    values = rng.uniform(5, 15, 8)
    half = rng.uniform(0.2, 2.0, 8)
    periods = [_fy(y) for y in range(2015, 2023)]
    fit = project(periods, values, values - half, values + half, SMOKING_6)
    weights = 1 / (2 * half[-5:] / CI_WIDTH_TO_SE) ** 2
    times = np.arange(2018, 2023) + 0.75
    # numpy weights the residuals, so its w is the square root of the variance weight
    slope, intercept = np.polyfit(times, values[-5:], 1, w=np.sqrt(weights))
    assert fit.slope == pytest.approx(slope, rel=1e-9)
    assert fit.at("2022/23") == pytest.approx(intercept + slope * 2022.75, rel=1e-9)
    # the same slope as the recent-trend test's fit (per period = per year here)
    trend = recent_trend(values, values - half, values + half, np.full(8, 50.0),
                         np.full(8, 100.0), "Low is good")
    assert fit.slope == pytest.approx(trend.slope, rel=1e-9)


def test_done_when_sentence():
    # 8.6% falling 0.3 points a year to 7.4% in 2024/25: 1.4 more points take 4.67 years,
    # so the first financial year at or below 6% is 2029/30, 8 years after 2021/22.
    values = np.array([8.6, 8.3, 8.0, 7.7, 7.4])
    periods = [_fy(y) for y in range(2020, 2025)]
    fit = project(periods, values, values - 0.4, values + 0.4, SMOKING_6)
    assert fit.period == "2029/30"
    assert years_between("2021/22", "2029/30") == 8
    assert projection_sentence("smoking at delivery", SMOKING_6, "%", fit).lower() == (
        "at the current rate, smoking at delivery reaches 6% in 2029/30, 8 years after the "
        "target.")


def test_projection_not_at_the_current_rate_and_already_met():
    periods = [_fy(y) for y in range(2020, 2025)]
    rising = np.array([7.0, 7.2, 7.4, 7.6, 7.8])
    fit = project(periods, rising, rising - 0.3, rising + 0.3, SMOKING_6)
    assert fit.period is None and fit.reason == ""
    assert projection_sentence("smoking at delivery", SMOKING_6, "%", fit) == (
        "At the current rate, smoking at delivery does not reach 6%.")
    low = np.array([6.5, 6.2, 6.0, 5.8, 5.5])
    assert project(periods, low, low - 0.3, low + 0.3, SMOKING_6).period == "2024/25"
    rising_good = PlanTarget(50.0, "at least", "2026/27", "2020/21")
    fit = project(periods, rising, rising - 0.3, rising + 0.3, rising_good)
    assert fit.period is None  # 0.2 a year from 7.8 to 50 is beyond the horizon


def test_projection_needs_five_points_with_limits():
    periods = [_fy(y) for y in range(2018, 2025)]
    values = np.array([9.0, np.nan, np.nan, 8.0, 7.5, 7.0, np.nan])
    fit = project(periods, values, values - 0.3, values + 0.3, SMOKING_6)
    assert fit.period is None and "only 4 period(s)" in fit.reason
    assert projection_sentence("x", SMOKING_6, "%", fit).startswith("No projection for x:")
    # a missing point in between is stepped over: the latest five that have values
    values[2] = 8.3
    values[6] = 6.8
    assert project(periods, values, values - 0.3, values + 0.3, SMOKING_6).reason == ""


def test_quarterly_projection_steps_by_quarter():
    periods = ["2023/24 Q1", "2023/24 Q2", "2023/24 Q3", "2023/24 Q4", "2024/25 Q1"]
    values = np.array([7.0, 6.9, 6.8, 6.7, 6.6])  # 0.1 a quarter: 6 reached in 6 quarters
    fit = project(periods, values, values - 0.5, values + 0.5, SMOKING_6)
    assert fit.slope == pytest.approx(-0.4)
    assert fit.period == "2025/26 Q3"


def test_change_needed_per_year_hand_worked():
    assert change_needed_per_year(9.0, "2019/20", SMOKING_6) == pytest.approx(-1.5)
    assert change_needed_per_year(40.0, "2022", PlanTarget(46, "at least", "2026")) == \
        pytest.approx(1.5)
    assert math.isnan(change_needed_per_year(9.0, "2021/22", SMOKING_6))  # no time left
    assert math.isnan(change_needed_per_year(math.nan, "2019/20", SMOKING_6))


def test_direction_is_checked():
    with pytest.raises(ValueError, match="direction"):
        PlanTarget(6.0, "below", "2021/22")
