"""Small multiples in headless Chromium: a panel per area of the region, ordered by the
latest value when asked (checked against plain SQL), each point's colour its comparison's."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import create_engine, text

from layouts import theme
from tests.browser.helpers import table_cells, url_control, wait_for

pytestmark = pytest.mark.browser

LATEST = text("""
    SELECT a.name, v.value, v.compared_england FROM indicator_value v
    JOIN area a ON a.code = v.area_code
    WHERE v.indicator_id = 'infant_mortality' AND v.category_type = '' AND a.parent_code = 'E12000002'
      AND a.area_type = 'county_ua'
      AND v.period_sortable = (SELECT MAX(period_sortable) FROM indicator_value
                               WHERE indicator_id = 'infant_mortality' AND category_type = '')
    ORDER BY v.value DESC, a.name""")
MARKER_COLOURS = """
return [...document.querySelectorAll('#multiples-chart .scatterlayer .trace .points path')]
  .map(p => getComputedStyle(p).fill);"""


def _hex(rgb: str) -> str:
    parts = [int(v) for v in rgb.removeprefix("rgb(").removesuffix(")").split(",")]
    return "#" + "".join(f"{v:02X}" for v in parts)


def test_panels_follow_the_order_and_colours_say_the_comparison(dash_duo, dashboard,
                                                                 sample_settings):
    engine = create_engine(sample_settings.database_url)
    with engine.connect() as connection:
        stored = connection.execute(LATEST).all()
    engine.dispose()
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/small-multiples?indicator=infant_mortality"
                           "&area=E10000017")

    def table():
        return table_cells(dash_duo, "#multiples-table-rows tbody tr")

    wait_for(dash_duo, lambda: len(table()) == len(stored), "a row per area")
    assert [r[0] for r in table()] == sorted(r.name for r in stored)
    url_control(dash_duo, "small-multiples", "sort").find_element(
        By.CSS_SELECTOR, "input[value='value']").click()
    wait_for(dash_duo, lambda: [r[0] for r in table()] == [r.name for r in stored], "by value")
    assert "sort=value" in dash_duo.driver.current_url
    assert [r[3] for r in table()] == [r.compared_england for r in stored]
    allowed = {c.upper() for c in theme.COMPARISON_COLOURS.values()}
    colours = {_hex(c) for c in dash_duo.driver.execute_script(MARKER_COLOURS)}
    assert colours and colours <= allowed | {"#000000"}
    assert dash_duo.get_logs() == []
