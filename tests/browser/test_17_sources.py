"""Where the figures come from, on screen in headless Chromium: the overview's "Sources"
lines and the trends table's Source column for an authority whose values come from the
sample's synthetic national file, which must never be called published. The file names
are read from the store with plain SQL."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import create_engine, text

from tests.browser.helpers import wait_for

pytestmark = pytest.mark.browser

CAMDEN = "E09000007"  # London: no local extract, so its values are the national file's
FILES = text("""
    SELECT DISTINCT v.provenance, v.source_file, v.value_note FROM indicator_value v
    WHERE v.area_code = :area AND v.indicator_id = 'infant_mortality_3yr'
      AND v.category_type = ''""")


def _lines(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.overview-sources p'))"
        ".map(p => p.textContent);")


def test_overview_and_trends_name_the_synthetic_file_and_never_call_it_published(
        dash_duo, dashboard, sample_settings):
    engine = create_engine(sample_settings.database_url)
    with engine.connect() as connection:
        stored = connection.execute(FILES, {"area": CAMDEN}).all()
    engine.dispose()
    assert {row.provenance for row in stored} == {"published"}
    (national,) = {row.source_file for row in stored}
    assert "synthetic" in national
    assert all(row.value_note.startswith("Synthetic sample data") for row in stored)

    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?area={CAMDEN}")
    wait_for(dash_duo, lambda: len(_lines(dash_duo)) > 1, "the sources lines")
    lines = _lines(dash_duo)
    assert lines[0] == "Sources"
    # "Places: source": Camden's values all come from the synthetic national file (which
    # also holds England's and London's conception rates, so they may share its line)
    camden = [line for line in lines if "Camden" in line.split(": ", 1)[0]]
    assert camden and all(line.split(": ", 1)[1].startswith(
        f"synthetic sample data (not published figures), file {national} of ")
        for line in camden)
    # England and London come from the sample's local extracts
    assert any(line.startswith("England and London Region: computed from births_deaths.csv")
               for line in lines)
    value = dash_duo.find_element(".overview-table tbody tr[data-indicator] td[data-label=Value]")
    assert value.get_attribute("title").startswith("Source: ")
    assert "published by" not in dash_duo.find_element("body").text
    # on a phone the lines wrap: no sideways scrolling
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth;") <= 375, "no sideways scroll at 375 px")
    dash_duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    dash_duo.wait_for_page(
        f"{dash_duo.server_url}/trends?area={CAMDEN}&indicator=infant_mortality_3yr")
    table = "#trends-table table"

    def sources() -> list[str]:
        headers = [th.text for th in dash_duo.driver.find_elements(
            By.CSS_SELECTOR, f"{table} thead th")]
        if "Source" not in headers:
            return []
        column = headers.index("Source")
        return [tr.find_elements(By.TAG_NAME, "td")[column].text for tr in
                dash_duo.driver.find_elements(By.CSS_SELECTOR, f"{table} tbody tr")]

    wait_for(dash_duo, lambda: sources(), "the trends table's Source column")
    assert all(s.startswith(f"synthetic sample data (not published figures), file {national}")
               for s in sources() if s)
    line = dash_duo.find_element(".trends-sources").text
    assert "Camden: synthetic sample data" in line and "published by" not in line
    assert dash_duo.get_logs() == []
