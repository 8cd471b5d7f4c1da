"""Box plots in headless Chromium: the table's percentiles for every period equal numpy's
linear interpolation over the store's county and UA values (read with plain SQL)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import create_engine, text

from tests.browser.helpers import table_cells, wait_for

pytestmark = pytest.mark.browser

VALUES = text("""
    SELECT v.period_label, v.value FROM indicator_value v JOIN area a ON a.code = v.area_code
    WHERE v.indicator_id = 'infant_mortality' AND v.category_type = '' AND a.area_type = 'county_ua'
      AND v.value IS NOT NULL""")


def test_box_plot_percentiles_equal_numpys(dash_duo, dashboard, sample_settings):
    engine = create_engine(sample_settings.database_url)
    by_period = defaultdict(list)
    with engine.connect() as connection:
        for period, value in connection.execute(VALUES):
            by_period[period].append(value)
    engine.dispose()
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/box-plots?indicator=infant_mortality"
                           "&area=E10000017")

    def rows():
        return table_cells(dash_duo, "#box-table-rows tbody tr")

    wait_for(dash_duo, lambda: len(rows()) == len(by_period), "a row per period")
    for period, count, *numbers in rows():
        present = np.array(by_period[period])
        assert int(count) == len(present)
        expected = [np.percentile(present, p) for p in (0, 5, 25, 50, 75, 95, 100)]
        assert numbers[:7] == [f"{e:.1f}" for e in expected], period
    wait_for(dash_duo, lambda: dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "#box-chart .boxlayer .trace"), "boxes drawn")
    assert dash_duo.get_logs() == []
