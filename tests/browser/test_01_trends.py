"""Trends page in headless Chromium: the chart, the area dropdown and the URL follow each other."""

from __future__ import annotations

import pytest

from tests.browser.helpers import chart_title, choose_by_keyboard, url_control, wait_for

pytestmark = pytest.mark.browser


def _chart_title(dash_duo) -> str:
    return chart_title(dash_duo, "#trends-chart")


def test_trends_follows_the_area_dropdown_and_the_url(dash_duo, dashboard):
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/trends?area=E08000003")
    dash_duo.wait_for_element("#trends-chart .main-svg", timeout=20)
    wait_for(dash_duo, lambda: "Manchester" in _chart_title(dash_duo), "Manchester chart")
    assert "synthetic" in dash_duo.find_element("#synthetic-notice").text.lower()

    # The chart has the area line, its confidence band, the region and England.
    legend = dash_duo.find_element("#trends-chart .legend").text
    assert "Manchester" in legend and "England" in legend and "North West" in legend

    choose_by_keyboard(dash_duo, url_control(dash_duo, "trends", "area"), "Blackpool")
    wait_for(dash_duo, lambda: "Blackpool" in _chart_title(dash_duo), "chart for Blackpool")
    wait_for(dash_duo, lambda: "area=E06000009" in dash_duo.driver.current_url,
             "URL carries Blackpool's code")

    # Back returns to Manchester in both the URL and the chart.
    dash_duo.driver.back()
    wait_for(dash_duo, lambda: "area=E08000003" in dash_duo.driver.current_url, "URL back")
    wait_for(dash_duo, lambda: "Manchester" in _chart_title(dash_duo), "chart back")
    assert dash_duo.get_logs() == []


def test_a_link_reproduces_the_view(dash_duo, dashboard):
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/trends?area=E06000008")
    wait_for(dash_duo, lambda: "Blackburn with Darwen" in _chart_title(dash_duo), "linked area")
    table = dash_duo.find_element("#trends-table").text
    assert "2010" in table and "Lower 95% CI" in table
