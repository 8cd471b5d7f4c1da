"""WCAG 2.2 AA on every page, checked in headless Chromium: axe-core's rules at desktop
(1280 px), tablet (768 px) and phone (375 px) width, no sideways scrolling of the page at
any of them, and the keyboard route through the skip link, the navigation and into the
page's controls.

One test per page does every check on one server, each width a fresh load of the page in
a viewport of that size (as a phone or tablet opens it), and reports every problem it
found rather than only the first."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.keys import Keys

from callbacks.pages import PAGES
from tests.browser.axe import describe, run_axe
from tests.browser.helpers import wait_for

pytestmark = pytest.mark.browser

AREA = "E08000003"  # Manchester, in the sample data
PATHS = [page.path for page in PAGES]
DESKTOP, TABLET, PHONE = (1280, 1000), (768, 1024), (375, 812)

# True once the page's H1 is drawn, every chart on it has drawn its plot, and Dash has
# no callback in flight: none it marks as updating (data-dash-is-loading) and none in its
# own queue (the renderer's store, as dash.testing reads it). The marks alone read "done"
# in the moment after the page's layout arrives and before its callbacks are sent, which a
# busy machine stretches long enough to check a page still being drawn.
RENDERED = """
const page = document.getElementById('page-content');
if (!page || !page.querySelector('h1')) return false;
for (const graph of page.querySelectorAll('.dash-graph')) {
  if (!graph.querySelector('.main-svg')) return false;
}
const queue = window.store ? window.store.getState().callbacks : null;
if (!queue) return false;
for (const [stage, callbacks] of Object.entries(queue)) {
  if (stage !== 'stored' && stage !== 'completed' && callbacks && callbacks.length) return false;
}
return document.querySelectorAll('[data-dash-is-loading="true"]').length === 0;
"""
FOCUSED = """
const e = document.activeElement;
return {tag: e.tagName, href: e.getAttribute('href'), text: e.textContent.trim(),
        hidden: !!e.closest('[aria-hidden="true"]'),
        inMain: document.getElementById('main').contains(e),
        dropdown: e.classList.contains('dash-dropdown'),
        group: (e.closest('[role="group"]') || {}).textContent || null};
"""
WIDER_THAN_WINDOW = """
return [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
               && !e.closest('.table-responsive, .dash-graph'))
  .slice(0, 6).map(e => e.outerHTML.slice(0, 120));
"""

# Every chart keeps its title, axis titles, tick labels, legend and annotations inside its
# own box, and its toolbar clear of the title.
CHART_OVERFLOW = """
const inside = (inner, outer) => inner.width === 0 || (inner.left >= outer.left - 1
  && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1);
const meets = (a, b) => a.width && b.width && a.left < b.right && b.left < a.right
  && a.top < b.bottom && b.top < a.bottom;
const problems = [];
for (const graph of document.querySelectorAll('#page-content .dash-graph')) {
  const svg = graph.querySelector('.main-svg');
  if (!svg) continue;
  const box = svg.getBoundingClientRect();
  const parts = graph.querySelectorAll(
    '.gtitle, .xtitle, .ytitle, .legend, .xtick text, .ytick text, .annotation-text');
  for (const part of parts) {
    if (!inside(part.getBoundingClientRect(), box)) {
      const name = `${part.getAttribute('class')} "${part.textContent.slice(0, 40)}"`;
      problems.push(`${graph.id}: ${name} outside the chart`);
    }
  }
  const title = graph.querySelector('.gtitle'), bar = graph.querySelector('.modebar');
  if (title && bar && meets(title.getBoundingClientRect(), bar.getBoundingClientRect())) {
    problems.push(`${graph.id}: the toolbar covers the title`);
  }
}
return problems.slice(0, 8);
"""


def wait_rendered(dash_duo, path: str) -> None:
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(RENDERED),
             f"{path}: main content rendered", timeout=30)


def focused(dash_duo) -> dict:
    return dash_duo.driver.execute_script(FOCUSED)


def press(dash_duo, *keys) -> dict:
    dash_duo.driver.switch_to.active_element.send_keys(*keys)
    return focused(dash_duo)


def keyboard_problems(dash_duo) -> list[str]:
    """Tab: skip link first, then every navigation link in order; Enter on the skip link
    puts focus in main; Tab from there reaches the page's controls, never a hidden element,
    and a dropdown takes focus on its labelled button."""
    problems = []
    dash_duo.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
    first = press(dash_duo, Keys.TAB)
    if first["href"] != "#main" or "Skip to main content" not in first["text"]:
        problems.append(f"first Tab stop is {first}, not the skip link")
    links = [press(dash_duo, Keys.TAB)["href"] for _ in PATHS]
    if links != PATHS:
        problems.append(f"Tab stops after the skip link are {links}, not the navigation {PATHS}")
    for _ in PATHS:
        press(dash_duo, Keys.SHIFT, Keys.TAB)
    if focused(dash_duo)["href"] != "#main":
        problems.append("Shift+Tab does not return to the skip link")
        return problems
    press(dash_duo, Keys.ENTER)
    if not focused(dash_duo)["inMain"]:
        problems.append(f"the skip link leaves focus on {focused(dash_duo)}, outside main")
        return problems
    for _ in range(6):
        stop = press(dash_duo, Keys.TAB)
        if stop["hidden"]:
            problems.append(f"Tab stops on an aria-hidden element: {stop}")
        if stop["dropdown"] and not stop["group"]:
            problems.append(f"a dropdown has no labelled group around it: {stop}")
        if not stop["inMain"]:
            break
    return problems


def width_problems(dash_duo) -> list[str]:
    def widths():
        return dash_duo.driver.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth];")

    # Charts redraw to the new width a moment after the window is resized.
    try:
        wait_for(dash_duo, lambda: widths()[1] <= widths()[0], "page fits the window", timeout=10)
        return []
    except TimeoutException:
        inner, scroll = widths()
    wide = dash_duo.driver.execute_script(WIDER_THAN_WINDOW)
    return [f"the page is {scroll}px wide in a {inner}px window; too wide: {wide}"]


def problems_at_widths(dash_duo, url: str, path: str, drawn, what: str,
                       sizes: list[tuple[int, int]]) -> list[str]:
    """In one browser, `url` loaded afresh at each (width, height) of `sizes` and waited for
    until `drawn()`: the page wider than the window and axe-core's WCAG 2.2 AA violations,
    each named with its width."""
    problems = []
    for width, height in sizes:
        dash_duo.driver.set_window_size(width, height)
        wait_for(dash_duo, lambda w=width: dash_duo.driver.execute_script(
            "return window.innerWidth;") <= w, f"window at {width}px")
        dash_duo.wait_for_page(url)
        wait_rendered(dash_duo, path)
        wait_for(dash_duo, drawn, what, timeout=30)
        problems += [f"{width}px: {p}" for p in width_problems(dash_duo)]
        violations = run_axe(dash_duo.driver)
        if violations:
            problems.append(f"axe-core, WCAG 2.2 AA at {width}px:\n{describe(violations)}")
    return problems


def set_viewport(dash_duo, size: tuple[int, int]) -> None:
    """The viewport itself at `size` (a window's size includes the browser's own frame)."""
    width, height = size
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


@pytest.mark.parametrize("path", PATHS)
def test_page_is_accessible(dash_duo, dashboard, path):
    dash_duo.start_server(dashboard)
    problems = []
    for size in (DESKTOP, TABLET, PHONE):
        set_viewport(dash_duo, size)
        dash_duo.wait_for_page(f"{dash_duo.server_url}{path}?area={AREA}")
        wait_rendered(dash_duo, path)
        problems += [f"at {size[0]}px: {p}" for p in width_problems(dash_duo)]
        problems += [f"at {size[0]}px: {p}" for p in
                     dash_duo.driver.execute_script(CHART_OVERFLOW)]
        violations = run_axe(dash_duo.driver)
        if violations:
            problems.append(f"axe-core, WCAG 2.2 AA at {size[0]}px:\n{describe(violations)}")
        if size == DESKTOP:
            problems += keyboard_problems(dash_duo)

    assert not problems, f"{path}:\n" + "\n".join(problems)
    assert dash_duo.get_logs() == []
