"""Trends and inequalities in headless Chromium at 1280, 768 and 375 px: what each page must
show at each width (the trends table's region and England columns and flags, the comparison
colours in the legend, the gap over time, each chart's title and legend inside its box); the
chart downloads as PNG and as SVG. The pages' axe-core (WCAG 2.2 AA) and sideways-scrolling
checks at these widths are test_08_accessibility's, on the same addresses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.browser.helpers import wait_for, wait_in_page
from tests.browser.test_08_accessibility import VIEWS, wait_rendered

pytestmark = pytest.mark.browser

WIDTHS = [(1280, 1000), (768, 1024), (375, 812)]
TRENDS = f"/trends?{VIEWS['/trends'][0]}"  # Knowsley's flagged quarterly indicator


def flagged_quarter(today: date | None = None) -> str:
    """A quarter of Knowsley's flagged year in the sample: the financial year before the
    latest, which starts in April two years before `today` (the sample ends with the last
    full calendar year)."""
    start = (today or date.today()).year - 2
    return f"{start}/{(start + 1) % 100:02d} Q3"


INEQUALITIES = f"/inequalities?{VIEWS['/inequalities'][0]}"  # Manchester

_HEADERS = "return [...document.querySelectorAll(arguments[0] + ' th')].map(e => e.innerText.trim());"
_ROW = """return [...document.querySelectorAll(arguments[0] + ' tbody tr')]
  .map(r => [...r.querySelectorAll('td')].map(c => c.innerText.trim()))
  .find(cells => cells[0] === arguments[1]) || null;"""
# The chart's title and legend are drawn inside the chart's own box.
_INSIDE = """const graph = document.querySelector(arguments[0]);
const box = graph.getBoundingClientRect();
return [...graph.querySelectorAll('.gtitle, .legend')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.left < box.left - 1 || r.right > box.right + 1;
}).map(e => `${e.getAttribute('class')} spans ${Math.round(e.getBoundingClientRect().left)} to ` +
             `${Math.round(e.getBoundingClientRect().right)} in ${Math.round(box.left)} to ` +
             `${Math.round(box.right)}`);"""

# The chart has drawn itself again at the window's new width (plotly does so a moment after
# the window is resized): its plot as wide as its box.
_REDRAWN = """const graph = document.querySelector(arguments[0]);
const svg = graph && graph.querySelector('.main-svg');
return !!svg && Math.abs(svg.getBoundingClientRect().width
                         - graph.getBoundingClientRect().width) <= 1;"""


def at_each_width(dash_duo, path: str, chart: str, check) -> list[str]:
    problems = []
    for width, height in WIDTHS:
        dash_duo.driver.set_window_size(width, height)
        wait_for(dash_duo, lambda w=width: dash_duo.driver.execute_script(
            "return window.innerWidth;") <= w, f"window at {width}px")
        wait_rendered(dash_duo, path)
        wait_in_page(dash_duo, _REDRAWN, f"{chart} drawn at {width}px", chart, timeout=10)
        outside = dash_duo.driver.execute_script(_INSIDE, chart)
        if outside:
            problems.append(f"{width}px: outside the chart's box: {outside}")
        problems += [f"{width}px: {p}" for p in check()]
    return problems


def test_trends_at_three_widths(dash_duo, dashboard):
    dash_duo.driver.set_window_size(*WIDTHS[0][:2])
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}{TRENDS}")
    wait_for(dash_duo, lambda: "Knowsley" in dash_duo.find_element("#trends-chart .gtitle").text,
             "Knowsley's chart")

    def check() -> list[str]:
        found = []
        headers = dash_duo.driver.execute_script(_HEADERS, "#trends-table")
        for header in ("England", "Compared with England", "Data quality", "Note"):
            if header not in headers:
                found.append(f"trends table has no {header!r} column: {headers}")
        flagged = dash_duo.driver.execute_script(_ROW, "#trends-table", flagged_quarter()) or []
        if not any(cell.startswith("Named: % smoking status not known") for cell in flagged):
            found.append(f"the flagged quarter shows no flag: {flagged}")
        legend = dash_duo.find_element("#trends-chart .legend").text
        if "than England" not in legend or "Data-quality flag" not in legend:
            found.append(f"legend lacks the comparison colours or the flag marker: {legend!r}")
        headline = dash_duo.find_element(".trend-headline").text
        if "the latest period with a value" not in headline:
            found.append(f"headline does not name the latest period: {headline!r}")
        return found

    problems = at_each_width(dash_duo, TRENDS, "#trends-chart", check)
    assert not problems, "\n".join(problems)

    # The chart as an image, both ways.
    folder = Path(dash_duo.download_path)
    dash_duo.driver.set_window_size(*WIDTHS[0][:2])
    for kind in ("png", "svg"):
        button = f"[data-graph='trends-chart'][data-chart-image='{kind}']"
        dash_duo.driver.execute_script(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", button)
        dash_duo.find_element(button).click()
        wait_for(dash_duo, lambda k=kind: any(p.name == f"trend.{k}" for p in folder.iterdir()),
                 f"chart saved as {kind}")
    svg = (folder / "trend.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "Knowsley" in svg
    assert (folder / "trend.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert dash_duo.get_logs() == []


def test_inequalities_at_three_widths(dash_duo, dashboard):
    dash_duo.driver.set_window_size(*WIDTHS[0][:2])
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}{INEQUALITIES}")
    wait_for(dash_duo, lambda: "Manchester" in dash_duo.find_element(
        "#inequalities-gap-chart .gtitle").text, "the gap over time for Manchester")

    def check() -> list[str]:
        found = []
        points = dash_duo.driver.execute_script(
            "return document.querySelectorAll('#inequalities-gap-chart .scatterlayer .point')"
            ".length;")
        if points < 5:
            found.append(f"the gap chart shows {points} periods")
        headers = dash_duo.driver.execute_script(_HEADERS, "#inequalities-measures")
        if "Basis" not in headers:
            found.append(f"the measures table states no basis: {headers}")
        outside = dash_duo.driver.execute_script(_INSIDE, "#inequalities-gap-chart")
        if outside:
            found.append(f"outside the gap chart's box: {outside}")
        groups = dash_duo.driver.execute_script(
            "return document.querySelectorAll('#inequalities-ethnic-chart .scatterlayer .point')"
            ".length;")
        if groups < 6:  # the six groups' dots (and England's diamonds)
            found.append(f"the ethnic group chart shows {groups} points")
        outside = dash_duo.driver.execute_script(_INSIDE, "#inequalities-ethnic-chart")
        if outside:
            found.append(f"outside the ethnic group chart's box: {outside}")
        return found

    problems = at_each_width(dash_duo, INEQUALITIES, "#inequalities-chart", check)
    assert not problems, "\n".join(problems)
    assert dash_duo.get_logs() == []
