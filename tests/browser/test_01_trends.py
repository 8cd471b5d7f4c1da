"""Trends page in headless Chromium: the chart, the area dropdown and the URL follow each other."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def _wait_for(dash_duo, condition, message: str, timeout: float = 20):
    WebDriverWait(dash_duo.driver, timeout).until(lambda _d: condition(), message=message)


def _chart_title(dash_duo) -> str:
    return dash_duo.find_element("#trends-chart .gtitle").text


def test_trends_follows_the_area_dropdown_and_the_url(dash_duo, dashboard):
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/trends?area=E08000003")
    dash_duo.wait_for_element("#trends-chart .main-svg", timeout=20)
    _wait_for(dash_duo, lambda: "Manchester" in _chart_title(dash_duo), "Manchester chart")
    assert "synthetic" in dash_duo.find_element("#synthetic-notice").text.lower()

    # The chart has the area line, its confidence band and the England line.
    legend = dash_duo.find_element("#trends-chart .legend").text
    assert "Manchester" in legend and "England" in legend and "North West" in legend

    choose_by_keyboard(dash_duo, _area_dropdown(dash_duo), "Blackpool")
    _wait_for(dash_duo, lambda: "Blackpool" in _chart_title(dash_duo), "chart for Blackpool")
    _wait_for(dash_duo, lambda: "area=E06000009" in dash_duo.driver.current_url,
              "URL carries Blackpool's code")

    # Back returns to Manchester in both the URL and the chart.
    dash_duo.driver.back()
    _wait_for(dash_duo, lambda: "area=E08000003" in dash_duo.driver.current_url, "URL back")
    _wait_for(dash_duo, lambda: "Manchester" in _chart_title(dash_duo), "chart back")
    assert dash_duo.get_logs() == []


def test_a_link_reproduces_the_view(dash_duo, dashboard):
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/trends?area=E06000008")
    _wait_for(dash_duo, lambda: "Blackburn with Darwen" in _chart_title(dash_duo), "linked area")
    table = dash_duo.find_element("#trends-table").text
    assert "2010" in table and "Lower 95% CI" in table


def _area_dropdown(dash_duo):
    elements = dash_duo.driver.find_elements(By.CSS_SELECTOR, "[id*='\"key\":\"area\"']")
    assert elements, "area dropdown not found"
    return elements[0]


def choose_by_keyboard(dash_duo, dropdown, text: str) -> None:
    """Open a dropdown, type to filter and press Enter, as a keyboard user would."""
    dropdown.click()
    search = dash_duo.wait_for_element(".dash-dropdown-search")
    search.send_keys(text)
    _wait_for(dash_duo, lambda: any(o.text == text for o in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, ".dash-dropdown-option")), f"option {text}")
    search.send_keys(Keys.ENTER)
