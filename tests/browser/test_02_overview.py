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
from indicators.catalogue import indicator_group
from layouts.pack_render import figure_png
from tests.browser.helpers import choose_by_keyboard, url_control, wait_for, wait_in_page
from tests.layouts.test_overview_headlines import sample_headlines_once, tallest_tops

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
return Array.from(document.querySelectorAll('.overview-table tbody tr[data-indicator]')).map(row => ({
  indicator: row.dataset.indicator,
  group: row.closest('tbody').querySelector('th[scope="rowgroup"]').textContent,
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


@pytest.fixture(scope="module", autouse=True)
def _image_server_first():
    """dash's test runner stops its server by killing every thread started after it, which
    would strand kaleido's image server (and hang the exit); start that server first (an
    autouse fixture of the module's scope comes before the file's browser and server)."""
    figure_png(go.Figure())


def test_board_member_journey(shared_duo, sample_settings):
    dash_duo = shared_duo
    stored = _stored(sample_settings, "E06000009")
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

    # One table grouped as the catalogue groups them; in each group, exceptions first.
    groups = list(dict.fromkeys(row["group"] for row in rows))
    assert groups == ["Mortality", "Risk factors", "Child death reviews"]
    for group in groups:
        assert {indicator_group(r["indicator"]) for r in rows if r["group"] == group} == {group}
        flags = [_needs_attention(stored[r["indicator"]]) for r in rows if r["group"] == group]
        assert flags == sorted(flags, reverse=True)
    assert any(_needs_attention(row) for row in stored.values())

    # The sentences, behind a disclosure, say the same words as the store.
    assert dash_duo.driver.execute_script(
        "return document.querySelector('details.overview-details').open;") is False
    sentences = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.overview-sentences li'))"
        ".map(li => [li.dataset.indicator, li.textContent]);")
    assert sorted(code for code, _text in sentences) == sorted(shown)
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

    # The board pack downloads as one self-contained HTML file, and as a PDF.
    folder = Path(dash_duo.download_path)
    dash_duo.find_element("#overview-pack-button").click()
    wait_for(dash_duo, lambda: any(p.suffix == ".html" for p in folder.iterdir()),
             "board pack downloaded", timeout=60)
    pack = next(p for p in folder.iterdir() if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Manchester" in pack and '<svg role="img" aria-label="Spine chart for Manchester"' in pack
    assert len(pack.encode("utf-8")) < 300_000
    # It fits a phone and A4 portrait's printable width (210 mm less 2 x 12 mm margins, at
    # 96 CSS px an inch) without sideways scrolling.
    for width in (375, 703):
        dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
        dash_duo.driver.get(next(p for p in folder.iterdir() if p.suffix == ".html").as_uri())
        assert dash_duo.driver.execute_script(
            "return document.documentElement.scrollWidth;") <= width
    dash_duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?area=E08000003")
    wait_for(dash_duo, lambda: _heading(dash_duo) == "Summary for Manchester", "back to Manchester")
    dash_duo.find_element("#overview-pdf-button").click()
    wait_for(dash_duo, lambda: any(p.suffix == ".pdf" for p in folder.iterdir()),
             "board pack PDF downloaded", timeout=60)
    assert next(p for p in folder.iterdir() if p.suffix == ".pdf").read_bytes().startswith(b"%PDF-")

    dash_duo.find_element("#overview-csv-button").click()
    wait_for(dash_duo, lambda: any(p.suffix == ".csv" for p in folder.iterdir()), "CSV downloaded")
    csv = pd.read_csv(next(p for p in folder.iterdir() if p.suffix == ".csv"))
    assert list(csv.columns) == DOWNLOAD_COLUMNS  # the layout every page's CSV shares
    assert (csv["Area Name"] == "Manchester").sum() == len(_stored(sample_settings, "E08000003"))
    assert dash_duo.get_logs() == []


# Where the scorecard's parts end, in CSS pixels from the top of the page.
SCORECARD = """
const bottom = e => e ? e.getBoundingClientRect().bottom + window.scrollY : null;
const table = document.querySelector('.overview-table');
const firstRow = table && table.querySelector('tbody tr[data-indicator]');
return {heading: bottom(document.getElementById('overview-heading')),
        headline: Math.max(...[...document.querySelectorAll('.headline li')].map(bottom)),
        bullets: document.querySelectorAll('.headline li').length,
        header: bottom(table && table.querySelector('thead')), firstRow: bottom(firstRow),
        rowsInView: [...document.querySelectorAll('.overview-table tbody tr[data-indicator]')]
                      .filter(r => bottom(r) <= window.innerHeight).length,
        spine: bottom(document.getElementById('overview-spine')), height: window.innerHeight};
"""
FOLD = (1280, 800)
# The page's own way of changing its URL (dash's links do this): the app stays loaded and
# only the area's callbacks run, where loading the page afresh for each area spent most of
# the time starting the app again. The heading and the table are one callback's output,
# so the heading naming the new area means the table is the new one.
GO_TO = """
window.history.pushState({}, '', arguments[0]);
window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
"""
# The page goes to the area and waits for itself: the heading naming the area and the
# table drawn, then where the scorecard's parts end (one call to the browser per area,
# where asking from here took two or three per question and most of the test's time).
# One reading is enough: the heading and the table arrive in one update.
DRAWN = """
const heading = document.getElementById('overview-heading');
if (!heading || heading.textContent !== arguments[1]) return false;
const place = (() => { SCORECARD })();
return place.firstRow ? place : false;
""".replace("SCORECARD", SCORECARD)


def test_the_scorecard_is_above_the_fold_for_the_tallest_tops(shared_duo, sample_stores,
                                                               tmp_path_factory):
    """The heading, the headline and the table's header and first three rows above the fold
    of a laptop, for the areas whose scorecard top is likely tallest
    (tests/layouts/test_overview_headlines.tallest_tops, which also checks every area's
    headline has three to five bullets as the page builds it). What changes between areas
    is the text: the heading's name and the headline's bullets, and the region's name in
    two column headings; the columns and the first row's place below the header do not. At
    this width the heading is one line and each bullet one line, so the most text (five
    bullets), the longest bullet and name, the longest region name, England and a region
    (three bullets of their own kinds) are checked, and the page's own first area; the
    header's and the next rows' wrapping also follows the browser's column widths for the
    whole table, which no text measure here predicts (of all 163 sample areas, measured on
    2026-12-01, the page's own first area's third row ended lowest: 764 px of 800)."""
    dash_duo = shared_duo
    tops = tallest_tops(sample_headlines_once(sample_stores, tmp_path_factory))
    assert len(tops) >= 5
    width, height = FOLD  # the viewport itself, not the window around it
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    for number, top in enumerate(tops):
        code, name = top.code, top.name
        if number == 0:  # the first from the address bar, the rest as a link would
            dash_duo.wait_for_page(f"{dash_duo.server_url}/?area={code}")
        place = wait_in_page(dash_duo, DRAWN, f"{name} scorecard", f"/?area={code}",
                             f"Summary for {name}", first=GO_TO if number else "", readings=1)
        assert place["height"] == height
        assert 3 <= place["bullets"] <= 5, (name, place)
        assert place["heading"] < place["headline"] < place["header"] < place["firstRow"] <= height, \
            (name, place)
        assert place["rowsInView"] >= 3, (name, place)
        assert place["spine"] is None or place["spine"] > place["firstRow"]
    assert dash_duo.get_logs() == []
