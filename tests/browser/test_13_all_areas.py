"""The all-areas overview in headless Chromium: a real table whose cells are the store's
values and words (read here with plain SQL), the chosen area first and the region and
England last, the other areas ordered by a chosen indicator, the order kept in the URL."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import create_engine, text

from tests.browser.helpers import choose_by_keyboard, url_control, wait_for

pytestmark = pytest.mark.browser

LANCASHIRE = "E10000017"
LATEST = text("""
    SELECT a.name, v.value, v.compared_england FROM indicator_value v
    JOIN area a ON a.code = v.area_code
    WHERE v.indicator_id = :indicator AND v.category_type = '' AND a.parent_code = 'E12000002'
      AND a.area_type = 'county_ua'
      AND v.period_label = (SELECT period_label FROM indicator_value
                            WHERE indicator_id = :indicator AND category_type = ''
                            ORDER BY period_sortable DESC LIMIT 1)
    ORDER BY v.value DESC""")


def _header(dash_duo) -> list[str]:
    return [th.text.replace("\n", " ") for th in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "#all-areas-table-rows thead th")]


def _row(dash_duo, indicator_name: str) -> list[str]:
    for tr in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#all-areas-table-rows tbody tr"):
        if tr.find_element(By.TAG_NAME, "th").text.startswith(indicator_name):
            return [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
    raise AssertionError(f"no row for {indicator_name}")


def test_all_areas_table_matches_the_store_and_sorts(dash_duo, dashboard, sample_settings):
    engine = create_engine(sample_settings.database_url)
    with engine.connect() as connection:
        stored = connection.execute(LATEST, {"indicator": "infant_mortality"}).all()
    engine.dispose()
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/all-areas?area={LANCASHIRE}")
    wait_for(dash_duo, lambda: len(_header(dash_duo)) == 1 + len(stored) + 2, "a column per area")
    header = _header(dash_duo)
    assert header[1] == "Lancashire" and header[-2:] == ["North West Region", "England"]
    others = sorted(r.name for r in stored if r.name != "Lancashire")
    assert header[2:-2] == others
    cells = dict(zip(header[1:-2], _row(dash_duo, "Infant mortality rate")[:-2], strict=True))
    for row in stored:
        assert cells[row.name] == f"{row.value:.1f}\n{row.compared_england}"

    choose_by_keyboard(dash_duo, url_control(dash_duo, "all-areas", "sort"),
                       "Highest first: Infant mortality rate")
    wait_for(dash_duo, lambda: "sort=infant_mortality" in dash_duo.driver.current_url, "URL")
    by_value = [r.name for r in stored if r.name != "Lancashire"]
    wait_for(dash_duo, lambda: _header(dash_duo)[2:-2] == by_value, "areas by value")
    assert dash_duo.get_logs() == []
