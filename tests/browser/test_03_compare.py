"""Compare areas in headless Chromium: the ranked order and words match the store read with
plain SQL; the funnel view follows its control and the URL; the period follows the indicator."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import create_engine, text

from tests.browser.helpers import choose_by_keyboard, url_control, wait_for

pytestmark = pytest.mark.browser

LATEST = text("""
    SELECT period_label FROM indicator_value
    WHERE indicator_id = :indicator AND category_type = ''
    ORDER BY period_sortable DESC LIMIT 1""")
PEERS = text("""
    SELECT a.name, v.value, v.lower998, v.upper998, v.lower95, v.upper95, v.compared_england
    FROM indicator_value v JOIN area a ON a.code = v.area_code
    WHERE v.indicator_id = :indicator AND v.category_type = '' AND v.period_label = :period
      AND a.area_type = 'county_ua'
    ORDER BY v.value IS NULL, v.value DESC, a.name""")
ENGLAND = text("""
    SELECT value FROM indicator_value WHERE indicator_id = :indicator AND category_type = ''
      AND period_label = :period AND area_code = 'E92000001'""")


def _store(settings, indicator: str):
    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        period = connection.execute(LATEST, {"indicator": indicator}).scalar_one()
        peers = connection.execute(PEERS, {"indicator": indicator, "period": period}).all()
        england = connection.execute(ENGLAND, {"indicator": indicator, "period": period}).scalar_one()
    engine.dispose()
    return period, peers, england


def _table_rows(dash_duo) -> list[list[str]]:
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#compare-table tbody tr")
    return [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")] for row in rows]


def _funnel_label(row, england: float) -> str:
    """Funnel significance for a rate, worked out here from the stored limits: England outside
    the area's 99.8% (then 95%) interval."""
    if england < row.lower998:
        return "High (0.001)"
    if england < row.lower95:
        return "High (0.025)"
    if england > row.upper998:
        return "Low (0.001)"
    if england > row.upper95:
        return "Low (0.025)"
    return "Not significant"


def test_ranked_then_funnel_match_the_store(dash_duo, dashboard, sample_settings):
    period, peers, england = _store(sample_settings, "infant_mortality")
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/compare?indicator=infant_mortality&area=E06000009")
    wait_for(dash_duo, lambda: len(_table_rows(dash_duo)) == len(peers), "a row per peer area")

    # Ranked order and words, in the table and on the chart's axis.
    rows = _table_rows(dash_duo)
    assert [r[1] for r in rows] == [p.name for p in peers]
    assert [r[6] for r in rows] == [p.compared_england for p in peers]
    assert [r[2] for r in rows] == [f"{p.value:.1f}" for p in peers]
    ticks = [t.text for t in dash_duo.find_elements("#compare-chart .ytick text")]
    assert ticks == [p.name for p in peers]
    bold = dash_duo.find_elements("#compare-chart .ytick text b, #compare-chart .ytick text tspan")
    assert any(b.text == "Blackpool" for b in bold), "the chosen area's label is bold"
    chosen = dash_duo.find_element("#compare-table tbody tr.fw-bold").text
    assert chosen.startswith(f"{[p.name for p in peers].index('Blackpool') + 1} Blackpool")
    assert f"England: {england:.1f}" in dash_duo.find_element("#compare-chart").text
    assert period in dash_duo.find_element("#compare-summary").text
    assert {"Worse", "Similar"} <= {r[6] for r in rows}

    # The funnel view, chosen with its radio button, goes into the URL.
    view = url_control(dash_duo, "compare", "view")
    view.find_element(By.CSS_SELECTOR, "input[value='funnel']").click()
    wait_for(dash_duo, lambda: "view=funnel" in dash_duo.driver.current_url, "URL has the view")
    wait_for(dash_duo, lambda: "control limits" in dash_duo.find_element("#compare-chart").text,
             "funnel limits drawn")
    wait_for(dash_duo, lambda: len(_table_rows(dash_duo)[0]) == 10, "funnel column in the table")
    labels = [r[7] for r in _table_rows(dash_duo)]
    assert labels == [_funnel_label(p, england) for p in peers]
    notes = [a.text for a in dash_duo.find_elements("#compare-chart .annotation")]
    assert f"Blackpool: {labels[[p.name for p in peers].index('Blackpool')]}" in notes

    # A new indicator brings its own periods: the latest is chosen and written to the URL.
    smoking_period, _peers, _england = _store(sample_settings, "smoking_delivery")
    choose_by_keyboard(dash_duo, url_control(dash_duo, "compare", "indicator"),
                       "Smoking status at time of delivery")
    wait_for(dash_duo, lambda: f"period={smoking_period.replace('/', '%2F')}"
             in dash_duo.driver.current_url, "URL carries the new latest period")
    wait_for(dash_duo, lambda: smoking_period in dash_duo.find_element("#compare-summary").text,
             "summary for the new period")
    assert dash_duo.get_logs() == []
