"""Compare indicators in headless Chromium: the R-squared the chart states equals numpy's on
the points of the page's own table, the store's values are those points, and the second
indicator is kept in the URL."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from selenium.webdriver.common.by import By

from data.queries.scatter import paired_values
from data.store import make_engine
from tests.browser.helpers import wait_for

pytestmark = pytest.mark.browser


def test_r_squared_equals_numpys(dash_duo, dashboard, sample_settings):
    engine = make_engine(sample_settings)
    pairing = paired_values(engine, "smoking_delivery", "infant_mortality")
    engine.dispose()
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/compare-indicators?indicator=93085"
                           "&indicator2=infant_mortality&area=E10000017")
    wait_for(dash_duo, lambda: "R² =" in dash_duo.find_element("#scatter-chart").text, "R²")
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#scatter-table-rows tbody tr")
    points = [[td.text for td in r.find_elements(By.TAG_NAME, "td")] for r in rows]
    both = [(float(x), float(y)) for _name, x, y in points if x and y]
    assert len(both) == pairing.frame.dropna(subset=["x", "y"]).shape[0] == 24
    stored = pairing.frame.dropna(subset=["x", "y"])
    expected = np.corrcoef(stored["x"], stored["y"])[0, 1] ** 2
    shown = float(re.search(r"R² = ([0-9.]+)", dash_duo.find_element("#scatter-chart").text)[1])
    assert shown == pytest.approx(expected, abs=0.005)
    xs, ys = zip(*both, strict=True)  # the table's rounded points give the same R² to 2 dp
    assert shown == pytest.approx(np.corrcoef(xs, ys)[0, 1] ** 2, abs=0.006)
    assert "indicator2=infant_mortality" in dash_duo.driver.current_url
    # The chart's own "Chart as SVG" button saves the chart as drawn.
    folder = Path(dash_duo.download_path)
    button = "[data-graph='scatter-chart'][data-chart-image='svg']"
    dash_duo.driver.execute_script(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", button)
    dash_duo.find_element(button).click()
    saved = folder / "compare-indicators.svg"
    wait_for(dash_duo, saved.exists, "chart saved as SVG")
    assert saved.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert dash_duo.get_logs() == []


def test_a_common_period_is_kept_in_the_url(dash_duo, dashboard, sample_settings):
    engine = make_engine(sample_settings)
    pairing = paired_values(engine, "neonatal_mortality", "infant_mortality", "2020")
    engine.dispose()
    stored = pairing.frame.dropna(subset=["x", "y"])
    expected = np.corrcoef(stored["x"], stored["y"])[0, 1] ** 2
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/compare-indicators?indicator=neonatal_mortality"
                           "&indicator2=infant_mortality&period=2020")
    wait_for(dash_duo, lambda: "both 2020" in dash_duo.find_element("#scatter-summary").text,
             "the chosen period")
    text = dash_duo.find_element("#scatter-chart").text
    assert float(re.search(r"R² = ([0-9.]+)", text)[1]) == pytest.approx(expected, abs=0.005)
    assert "period=2020" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
