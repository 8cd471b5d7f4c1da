"""Trends page pieces: the headline and trend in words, the table with the region and
England, and the chart's comparison colours, flags, notes and single points."""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from layouts import theme
from layouts.figures.trend import FLAG_NAME, NOTE_NAME, trend_figure
from layouts.pages.trends import values_table
from layouts.text import trend_summary

META = {"name": "Smoking status at time of delivery", "unit": "%"}
FLAG = "Named: % smoking status not known 10% or more"
SUPPRESSED = "Value suppressed for disclosure control"


def area_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "period_label": ["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"],
        "count": [120.0, 110.0, 100.0, math.nan, math.nan],
        "denominator": [1000.0, 1000.0, 1000.0, math.nan, math.nan],
        "value": [12.0, 11.0, 10.0, math.nan, math.nan],
        "lower95": [10.1, 9.2, 8.3, math.nan, math.nan],
        "upper95": [14.2, 13.1, 12.0, math.nan, math.nan],
        "compared_england": ["Worse", "Similar", "Worse", "Not compared", "Not compared"],
        "compared_region": ["Similar", "Similar", "Better", None, None],
        "dq_flag": [None, "<b>" + FLAG, FLAG, None, None],
        "dq_value": [math.nan, 10.8, 13.47, math.nan, math.nan],
        "value_note": [None, None, "Revised figure", SUPPRESSED, SUPPRESSED],
        "recent_trend": [None, None, None, None, "Cannot be calculated"],
        "trend_note": [None, None, None, None, "The latest period does not have a value."],
    })


def benchmark(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"period_label": area_frame()["period_label"], "value": values})


def test_headline_names_the_latest_period_with_a_value_and_the_hidden_later_ones():
    england = benchmark([9.1, 8.8, 7.45, 7.0, 6.9])
    region = benchmark([11.0, 10.5, 10.2, 10.0, 9.9])
    sentences = trend_summary(area_frame(), "Knowsley", META, england, region, "North West")
    assert sentences[0] == (
        "In 2023/24, the latest period with a value, the smoking status at time of delivery "
        "for Knowsley was 10.0% (95% confidence interval 8.3% to 12.0%). It was worse than "
        "England (7.5%) and better than North West (10.2%).")
    assert sentences[1] == f"Data quality in 2023/24: {FLAG} (this period: 13.5%)."
    assert sentences[2] == f"Later periods (2024/25 to 2025/26) have no value shown: {SUPPRESSED}."
    assert sentences[3] == "Recent trend: cannot be calculated. The latest period does not have a value."
    assert not any("(s)" in s or re.search(r"\d %", s) for s in sentences)


def test_recent_trend_result_in_words():
    frame = area_frame().iloc[:3].copy()
    frame["recent_trend"] = [None, None, "Decreasing and getting better"]
    sentences = trend_summary(frame, "Knowsley", META, None)
    assert sentences[-1] == "Recent trend to 2023/24: decreasing and getting better."
    assert not any("Later period" in s for s in sentences)


def test_table_has_region_and_england_values_flags_and_notes_and_empty_cells_empty():
    table = values_table(area_frame(), region=benchmark([11.0, 10.5, 10.2, 10.0, 9.9]),
                         region_name="North West", england=benchmark([9.1, 8.8, 7.45, 7.0, 6.9]))
    header = [th.children for th in table.children[0].children[0].children]
    assert header[:9] == ["Period", "Count", "Denominator", "Value", "Lower 95% CI",
                          "Upper 95% CI", "North West", "England", "Compared with England"]
    assert header[-2:] == ["Data quality", "Note"]
    rows = [[td.children for td in tr.children] for tr in table.children[1].children]
    assert rows[2][:8] == ["2023/24", "100", "1,000", "10.0", "8.3", "12.0", "10.2", "7.5"]
    assert rows[2][-2:] == [f"{FLAG} (13.5%)", "Revised figure"]
    assert rows[4][1] == "" and rows[4][3] == "" and rows[4][-1] == SUPPRESSED
    flat = " ".join(str(c) for row in rows for c in row)
    assert "None" not in flat and "nan" not in flat


def test_points_are_coloured_by_their_comparison_with_england_and_flags_marked():
    figure = go.Figure(trend_figure(area_frame(), [], area_name="Knowsley", title="t",
                                    y_title="%"))
    by_name = {trace.name: trace for trace in figure.data}
    worse = by_name["Knowsley: worse than England"]
    assert list(worse.x) == ["2021/22", "2023/24"]
    assert worse.marker.color == theme.COMPARISON_COLOURS["Worse"]
    assert list(by_name["Knowsley: similar to England"].x) == ["2022/23"]
    flags = by_name[FLAG_NAME]
    assert list(flags.x) == ["2022/23", "2023/24"]
    assert flags.text[0] == "&lt;b&gt;" + FLAG  # text from data is never markup
    assert list(by_name[NOTE_NAME].x) == ["2023/24"]  # notes on rows without a value: table only
    assert "Knowsley 95% confidence interval" in by_name  # a band for a series


def test_a_single_point_is_drawn_with_an_error_bar_not_a_band():
    frame = area_frame().iloc[2:3].reset_index(drop=True)
    figure = go.Figure(trend_figure(frame, [], area_name="Knowsley", title="t", y_title="%"))
    assert not any(trace.fill == "toself" for trace in figure.data)
    point = next(t for t in figure.data if t.name == "Knowsley: worse than England")
    assert point.mode == "markers" and list(point.y) == [10.0]
    assert point.error_y.array[0] == 12.0 - 10.0
    assert math.isclose(point.error_y.arrayminus[0], 10.0 - 8.3)


def test_a_count_indicator_is_shown_in_whole_numbers():
    frame = area_frame().iloc[:3].assign(value=[12.0, 9.0, 14.0], lower95=[6.2, 4.1, 7.7],
                                         upper95=[21.0, 17.1, 23.5])
    meta = {"name": "Infant deaths reviewed", "unit": "deaths", "value_type": "Count"}
    assert trend_summary(frame, "Knowsley", meta, None)[0].endswith(
        "was 14 deaths (95% confidence interval 8 to 24).")
    rows = [[td.children for td in tr.children]
            for tr in values_table(frame, places=0).children[1].children]
    assert rows[0][3:6] == ["12", "6", "21"]
