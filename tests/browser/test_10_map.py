"""The map in headless Chromium with no internet: drawn from the dashboard's own boundaries
and base map (no request leaves the server), the chosen area outlined, the table matching
the store read with plain SQL, the selection kept in the URL, the neighbours view showing
exactly the area and its DfE neighbours. (WCAG 2.2 AA at three widths: test_12.)"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import create_engine, text

from data import queries
from data.queries.neighbours import neighbours
from data.store import make_engine
from tests.browser.helpers import url_control, wait_for

pytestmark = pytest.mark.browser

LANCASHIRE = "E10000017"
VALUES = text("""
    SELECT a.name, v.value, v.compared_england FROM indicator_value v
    JOIN area a ON a.code = v.area_code
    WHERE v.indicator_id = 'infant_mortality' AND v.category_type = '' AND a.area_type = 'county_ua'
      AND v.period_label = (SELECT period_label FROM indicator_value
                            WHERE indicator_id = 'infant_mortality' AND category_type = ''
                            ORDER BY period_sortable DESC LIMIT 1)""")
DRAWN = "return document.querySelectorAll('#map-chart .choroplethlocation').length;"
OUTLINED = """
return [...document.querySelectorAll('#map-chart .choroplethlocation')]
  .filter(p => parseFloat(p.style.strokeWidth) >= 3).length;"""
EXTERNAL = """
return performance.getEntriesByType('resource').map(e => e.name)
  .filter(n => !n.startsWith(location.origin));"""


def _rows(dash_duo) -> list[list[str]]:
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#map-table tbody tr")
    return [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows]


def test_map_draws_offline_with_the_area_outlined(dash_duo, dashboard, sample_settings):
    engine = create_engine(sample_settings.database_url)
    with engine.connect() as connection:
        stored = {r.name: r for r in connection.execute(VALUES)}
    engine.dispose()
    dash_duo.driver.set_window_size(1280, 1000)
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/map?indicator=infant_mortality&area={LANCASHIRE}")
    # 153 counties and UAs, plus the outline drawn over the chosen one.
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(DRAWN) == 154, "map drawn")
    assert dash_duo.driver.execute_script(OUTLINED) == 1
    assert dash_duo.driver.execute_script(EXTERNAL) == []
    assert "/assets/topojson/world_110m.json" in dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).join(' ');")
    rows = {r[0]: r for r in _rows(dash_duo)}
    assert len(rows) == 153
    for name, row in stored.items():
        assert rows[name][2] == f"{row.value:.1f}" and rows[name][6] == row.compared_england
    assert sum(1 for r in rows.values() if r[2] == "") == 153 - len(stored)
    key = dash_duo.find_element("#map-key").text
    assert f"No value: {153 - len(stored)} areas" in key
    assert "Lancashire (outlined)" in dash_duo.find_element("#map-summary").text

    # Quintiles, chosen with the radio button, go into the URL.
    url_control(dash_duo, "map", "colour").find_element(
        By.CSS_SELECTOR, "input[value='quintiles']").click()
    wait_for(dash_duo, lambda: "colour=quintiles" in dash_duo.driver.current_url, "URL colour")
    wait_for(dash_duo, lambda: "Quintile 1 (lowest)" in dash_duo.find_element("#map-key").text,
             "quintile key")
    assert dash_duo.get_logs() == []


def test_neighbours_view_shows_the_dfe_group(dash_duo, dashboard, sample_settings):
    engine = make_engine(sample_settings)
    group = neighbours(engine, LANCASHIRE)
    engine.dispose()
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/map?area={LANCASHIRE}&zoom=neighbours")
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(DRAWN) == 12, "group drawn")
    names = sorted(r[0] for r in _rows(dash_duo))
    assert names == sorted(["Lancashire", *group["area_name"]])
    assert "statistical neighbours it ranks" in dash_duo.find_element("#map-summary").text


def test_region_zoom_and_districts(dash_duo, dashboard, sample_settings):
    engine = make_engine(sample_settings)
    stored = queries.areas(engine)
    engine.dispose()
    north_west = stored[(stored["parent_code"] == "E12000002")
                        & (stored["area_type"] == "county_ua")]
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/map?area={LANCASHIRE}&zoom=E12000002")
    wait_for(dash_duo, lambda: len(_rows(dash_duo)) == len(north_west), "the region's areas")
    assert sorted(r[0] for r in _rows(dash_duo)) == sorted(north_west["area_name"])
    url_control(dash_duo, "map", "geography").find_element(
        By.CSS_SELECTOR, "input[value='district']").click()
    # The sample holds no districts: all 296 are drawn, as "No value".
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(DRAWN) >= 296, "districts drawn")
    assert "geography=district" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
