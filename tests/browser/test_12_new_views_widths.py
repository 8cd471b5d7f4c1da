"""The views of issue 13 at 1280, 768 and 375 px: axe-core's WCAG 2.2 AA rules and no
sideways scrolling of the page (tables scroll inside their own focusable region)."""

from __future__ import annotations

import pytest

from tests.browser.axe import describe, run_axe
from tests.browser.helpers import wait_for
from tests.browser.test_08_accessibility import wait_rendered, width_problems

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


@pytest.mark.parametrize("width", [1280, 768, 375])
@pytest.mark.parametrize("path", list(VIEWS))
def test_view_is_accessible_at_each_width(dash_duo, dashboard, path, width):
    dash_duo.driver.set_window_size(width, 1000)
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}{path}?area={AREA}")
    wait_rendered(dash_duo, path)
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(
        f"return document.querySelectorAll('{VIEWS[path]}').length > 0;"), f"{path} drawn")
    problems = width_problems(dash_duo)
    violations = run_axe(dash_duo.driver)
    if violations:
        problems.append(f"axe-core, WCAG 2.2 AA at {width}px:\n{describe(violations)}")
    assert not problems, f"{path} at {width}px:\n" + "\n".join(problems)
    assert dash_duo.get_logs() == []
