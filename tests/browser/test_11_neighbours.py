"""Statistical neighbours on the existing pages, in headless Chromium: the compare page's
`&areas=neighbours` ranks exactly the area and those of its DfE neighbours the store holds,
and the trends page says how the neighbours average is formed."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from data import queries
from data.queries.neighbours import neighbours
from data.store import make_engine
from indicators.names import NEIGHBOURS_AVERAGE_METHOD as AVERAGE_METHOD
from tests.browser.helpers import url_control, wait_for

pytestmark = pytest.mark.browser

LANCASHIRE = "E10000017"


def test_compare_ranks_the_area_and_its_neighbours(dash_duo, dashboard, sample_settings):
    engine = make_engine(sample_settings)
    group = set(neighbours(engine, LANCASHIRE)["area_code"])
    stored = queries.areas(engine)
    expected = sorted(stored.loc[stored["area_code"].isin(group | {LANCASHIRE}), "area_name"])
    engine.dispose()
    assert len(expected) == 11  # the area and its ten neighbours: the sample lists every authority
    dash_duo.start_server(dashboard)
    # infant mortality (3 years pooled) is published for every authority in the sample;
    # the default indicator (single years) only for the North West's
    dash_duo.wait_for_page(f"{dash_duo.server_url}/compare?area={LANCASHIRE}&areas=neighbours"
                           "&indicator=infant_mortality_3yr")

    def names():
        rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#compare-table tbody tr")
        return sorted(r.find_elements(By.TAG_NAME, "td")[1].text for r in rows)

    wait_for(dash_duo, lambda: names() == expected, "the group ranked")
    url_control(dash_duo, "compare", "areas").find_element(
        By.CSS_SELECTOR, "input[value='all']").click()
    wait_for(dash_duo, lambda: "areas=all" in dash_duo.driver.current_url, "URL area set")
    wait_for(dash_duo, lambda: len(names()) == len(stored[stored["area_type"] == "county_ua"]),
             "every area ranked again")
    assert dash_duo.get_logs() == []


def test_trends_says_how_the_neighbours_average_is_formed(dash_duo, dashboard):
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/trends?area={LANCASHIRE}")
    wait_for(dash_duo, lambda: AVERAGE_METHOD[:60] in dash_duo.find_element(
        "#trends-summary").text, "the neighbours note")
    # Lancashire's neighbours are mostly outside the sample's North West: no average.
    assert "Not calculated: 2 of 10 neighbours" in dash_duo.find_element("#trends-summary").text
