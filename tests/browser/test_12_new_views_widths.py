"""The views of issue 13 at 1280, 768 and 375 px: axe-core's WCAG 2.2 AA rules and no
sideways scrolling of the page (tables scroll inside their own focusable region)."""

from __future__ import annotations

import pytest

from tests.browser.test_08_accessibility import problems_at_widths

pytestmark = pytest.mark.browser

AREA = "E10000017"
# Each view and what shows it is drawn.
VIEWS = {
    "/map": "#map-chart .choroplethlocation",
    "/all-areas": "#all-areas-table-rows tbody td",
    "/compare-indicators": "#scatter-chart .scatterlayer .trace",
    "/box-plots": "#box-chart .boxlayer .trace",
    "/small-multiples": "#multiples-chart .scatterlayer .trace",
}


SIZES = [(1280, 1000), (768, 1000), (375, 1000)]


@pytest.mark.parametrize("path", list(VIEWS))
def test_view_is_accessible_at_each_width(dash_duo, dashboard, path):
    # One browser and one server for the three widths; the view is loaded afresh at each.
    dash_duo.start_server(dashboard)
    problems = problems_at_widths(
        dash_duo, f"{dash_duo.server_url}{path}?area={AREA}", path,
        lambda: dash_duo.driver.execute_script(
            f"return document.querySelectorAll('{VIEWS[path]}').length > 0;"), f"{path} drawn", SIZES)
    assert not problems, f"{path}:\n" + "\n".join(problems)
    assert dash_duo.get_logs() == []
