"""Overview page in headless Chromium: a board member's journey. Every word on screen is
checked against the store read independently with plain SQL."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from sqlalchemy import text

from data.downloads import DOWNLOAD_COLUMNS
from data.store import make_engine
from layouts.board_pack import figure_png
from tests.browser.helpers import choose_by_keyboard, url_control, wait_for

pytestmark = pytest.mark.browser

LATEST = text("""
    SELECT v.indicator_id, v.value, v.compared_england, v.compared_region, v.compared_goal,
           v.recent_trend
    FROM indicator_value v
    WHERE v.area_code = :area AND v.category_type = ''
      AND v.period_sortable = (SELECT MAX(w.period_sortable) FROM indicator_value w
                               WHERE w.indicator_id = v.indicator_id AND w.area_code = v.area_code
                                 AND w.category_type = '')
""")
PHRASE = {"Better": "better than", "Similar": "similar to", "Worse": "worse than"}


def _stored(settings, area: str) -> dict[str, dict]:
    engine = make_engine(settings)
    with engine.connect() as connection:
        rows = connection.execute(LATEST, {"area": area}).mappings().all()
    engine.dispose()
    return {row["indicator_id"]: dict(row) for row in rows}


def _needs_attention(row: dict) -> bool:
    words = {row["compared_england"], row["compared_region"], row["compared_goal"]}
    return "Worse" in words or (row["recent_trend"] or "").endswith("getting worse")


# One read of the whole table (finding absent elements one by one waits each time).
READ_TABLE = """
const text = (row, selector) => {
  const found = row.querySelector(selector);
  return found ? found.textContent : null;
};
return Array.from(document.querySelectorAll('.overview-table tbody tr')).map(row => ({
  indicator: row.dataset.indicator,
  england: text(row, '.comparison-badge.england'),
  region: text(row, '.comparison-badge.region'),
  goal: text(row, '.comparison-badge.goal'),
  trend: text(row, '.trend-words'),
  value: text(row, '.value'),
}));
"""


def _heading(dash_duo) -> str:
    try:
        found = dash_duo.driver.find_elements(By.ID, "overview-heading")
        return found[0].text if found else ""
    except StaleElementReferenceException:  # replaced while being read: look again
        return ""


def test_board_member_journey(dash_duo, dashboard, sample_settings):
    stored = _stored(sample_settings, "E06000009")
    # dash's test runner stops its server by killing every thread started after it, which
    # would strand kaleido's image server (and hang the exit); start that server first.
    figure_png(go.Figure())
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?area=E06000009")
    wait_for(dash_duo, lambda: _heading(dash_duo) == "Summary for Blackpool", "Blackpool summary")
    rows = dash_duo.driver.execute_script(READ_TABLE)
    shown = [row["indicator"] for row in rows]
    assert sorted(shown) == sorted(stored)  # every indicator with whole-population values

    # Each comparison word on screen is the stored one, in words and in the badge.
    for row in rows:
        expected = stored[row["indicator"]]
        assert row["england"] == expected["compared_england"]
        assert row["region"] == expected["compared_region"]
        assert row["trend"] == expected["recent_trend"]
        assert row["goal"] == expected["compared_goal"]
        if expected["value"] is not None:
            assert float(row["value"].rstrip("%").replace(",", "")) == \
                pytest.approx(expected["value"], abs=0.05)  # printed to 1 d.p. (counts whole)

    # Exceptions first: everything worse or getting worse comes before the rest.
    flags = [_needs_attention(stored[code]) for code in shown]
    assert any(flags) and not all(flags)
    assert flags == sorted(flags, reverse=True)

    # The sentences say the same words as the store.
    sentences = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.overview-sentences li'))"
        ".map(li => [li.dataset.indicator, li.textContent]);")
    assert [code for code, _text in sentences] == shown  # same order as the tables
    for code, sentence in sentences:
        expected = stored[code]
        phrase = PHRASE.get(expected["compared_england"])
        if phrase and expected["value"] is not None:
            assert f"{phrase} England" in sentence
        if (expected["recent_trend"] or "").endswith("getting worse"):
            assert "getting worse" in sentence
    assert "Worse compared with England" in dash_duo.find_element("#overview-spine .legend").text

    # A keyboard user changes the area; the URL and the page follow.
    choose_by_keyboard(dash_duo, url_control(dash_duo, "overview", "area"), "Manchester")
    wait_for(dash_duo, lambda: "area=E08000003" in dash_duo.driver.current_url, "URL follows")
    wait_for(dash_duo, lambda: _heading(dash_duo) == "Summary for Manchester", "Manchester summary")

    # The board pack downloads as one self-contained HTML file.
    folder = Path(dash_duo.download_path)
    dash_duo.find_element("#overview-pack-button").click()
    wait_for(dash_duo, lambda: any(p.suffix == ".html" for p in folder.iterdir()),
             "board pack downloaded", timeout=60)
    pack = next(p for p in folder.iterdir() if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Manchester" in pack and '<img src="data:image/png;base64,' in pack

    dash_duo.find_element("#overview-csv-button").click()
    wait_for(dash_duo, lambda: any(p.suffix == ".csv" for p in folder.iterdir()), "CSV downloaded")
    csv = pd.read_csv(next(p for p in folder.iterdir() if p.suffix == ".csv"))
    assert list(csv.columns) == DOWNLOAD_COLUMNS  # the layout every page's CSV shares
    assert (csv["Area Name"] == "Manchester").sum() == len(_stored(sample_settings, "E08000003"))
    assert dash_duo.get_logs() == []
