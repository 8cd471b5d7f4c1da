"""WCAG 2.2 AA on every page, checked in headless Chromium: axe-core's rules at desktop
(1280 px), tablet (768 px) and phone (375 px) width, no sideways scrolling of the page and
every chart's parts inside its box at each of them, and the keyboard route through the skip
link, the navigation and into the page's controls.

This file is the one place these checks run for each page (the files that test a page's
content check what it shows, not these again). Each page is opened at the address that
shows most of it (VIEWS), and checked only once what shows that view is drawn, so axe never
reads a half-drawn view. One test per page does every check on one server, each width a
fresh load of the page in a viewport of that size (as a phone or tablet opens it), and
reports every problem it found rather than only the first."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from callbacks.pages import PAGES
from tests.browser.axe import describe, run_axe
from tests.browser.helpers import wait_in_page

pytestmark = pytest.mark.browser

MANCHESTER = "E08000003"  # the sample's own authority: its extracts, action plan, reviews
LANCASHIRE = "E10000017"  # a county: the map's, box plots' and other new views' own tests
KNOWSLEY = "E08000011"  # its quarterly smoking at delivery has a data-quality flagged year
PATHS = [page.path for page in PAGES]
# Each page's query string showing most of it, and CSS selectors that must each match
# before the checks run (the page's own content drawn; RENDERED then waits for what is in
# flight). Trends: a flagged quarterly indicator, so the flag's legend entry, marker and
# table column are checked too; definitions: one indicator's whole definition above the
# others' names.
VIEWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "/": (f"area={MANCHESTER}", (".headline li", ".overview-table tbody tr[data-indicator]")),
    "/trends": (f"area={KNOWSLEY}&indicator=smoking_delivery_quarterly",
                ("#trends-chart .scatterlayer .trace", "#trends-table tbody tr")),
    "/compare": (f"area={MANCHESTER}", ("#compare-chart .barlayer .trace", "#compare-table tbody tr")),
    "/inequalities": (f"area={MANCHESTER}", (
        "#inequalities-gap-chart .scatterlayer .point", "#inequalities-measures th",
        "#inequalities-ethnic-chart .scatterlayer .point")),
    "/child-deaths": (f"area={MANCHESTER}", ("#child-deaths-chart .barlayer .trace",
                                             "#child-deaths-tables tbody tr")),
    "/plan": ("", (".plan-action .js-plotly-plot",)),
    "/scorecard": ("", ("#scorecard-heading", ".scorecard-table tbody tr")),
    "/map": (f"area={LANCASHIRE}", ("#map-chart .choroplethlocation",)),
    "/all-areas": (f"area={LANCASHIRE}", ("#all-areas-table-rows tbody td",)),
    "/compare-indicators": (f"area={LANCASHIRE}", ("#scatter-chart .scatterlayer .trace",)),
    "/box-plots": (f"area={LANCASHIRE}", ("#box-chart .boxlayer .trace",)),
    "/small-multiples": (f"area={LANCASHIRE}", ("#multiples-chart .scatterlayer .trace",)),
    "/scenarios": (f"area={LANCASHIRE}", ("#scenario-chart .barlayer .trace",)),
    "/definitions": ("indicator=smoking_delivery", (
        "section.indicator-definition dd", "details.definition-more > summary")),
    "/data": ("", ("#data-history tbody tr", "#data-reconcile-pairs-rows tbody tr")),
}
DESKTOP, TABLET, PHONE = (1280, 1000), (768, 1024), (375, 812)

# True once the page's H1 and an element for each CSS selector of arguments[0] are drawn,
# every chart on it has drawn its plot, and Dash has no callback in flight: none it marks
# as updating (data-dash-is-loading) and none in its own queue (the renderer's store, as
# dash.testing reads it). The marks alone read "done" in the moment after the page's layout
# arrives and before its callbacks are sent, which a busy machine stretches long enough to
# check a page still being drawn.
RENDERED = """
const page = document.getElementById('page-content');
if (!page || !page.querySelector('h1')) return false;
for (const selector of arguments[0] || []) {
  if (!page.querySelector(selector)) return false;
}
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


def wait_rendered(dash_duo, path: str, drawn: tuple[str, ...] = ()) -> None:
    """Wait until the page is drawn and settled (RENDERED), with an element matching each
    CSS selector of `drawn`."""
    wait_in_page(dash_duo, RENDERED, f"{path}: main content rendered (with {drawn})",
                 list(drawn), timeout=30)


def focused(dash_duo) -> dict:
    return dash_duo.driver.execute_script(FOCUSED)


# Where focus stands as each key arrives, i.e. where the key before it left it: a keydown
# listener (capturing, so it runs before the key moves focus) notes FOCUSED each time.
WATCH_KEYS = """
window.__stops = [];
if (!window.__watchingKeys) {
  window.__watchingKeys = true;
  window.addEventListener('keydown', () => window.__stops.push((() => { FOCUSED })()), true);
}
""".replace("FOCUSED", FOCUSED)


def press(dash_duo, *keys) -> dict:
    """Press `keys` (a modifier, then a key) once and return where focus stands."""
    return press_each(dash_duo, *keys)[-1]


def press_each(dash_duo, *keys, times: int = 1) -> list[dict]:
    """Press `keys` (a modifier, then a key) `times` times, as one sequence of real key
    events sent in one call, and return where focus stood after each press."""
    dash_duo.driver.execute_script(WATCH_KEYS)
    *modifiers, key = keys
    actions = ActionChains(dash_duo.driver)
    for _ in range(times):
        for modifier in modifiers:
            actions.key_down(modifier)
        actions.send_keys(key)
        for modifier in reversed(modifiers):
            actions.key_up(modifier)
    actions.perform()
    # the state after press n is what press n + 1 found; after the last, what is now
    arrivals = dash_duo.driver.execute_script("return window.__stops;")
    return _after_each_press(arrivals, len(modifiers), times) + [focused(dash_duo)]


def _after_each_press(arrivals: list[dict], modifiers: int, times: int) -> list[dict]:
    # each press's keydowns: its modifiers', then its key's; the key's own keydown
    # records where focus stood before it, so the one of press n + 1 is where n left it
    per_press = modifiers + 1
    assert len(arrivals) == per_press * times, arrivals
    return [arrivals[per_press * (n + 1) + modifiers] for n in range(times - 1)]


def keyboard_problems(dash_duo) -> list[str]:
    """Tab: skip link first, then every navigation link in order; Enter on the skip link
    puts focus in main; Tab from there reaches the page's controls, never a hidden element,
    and a dropdown takes focus on its labelled button."""
    problems = []
    dash_duo.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
    first, *navigation = press_each(dash_duo, Keys.TAB, times=1 + len(PATHS))
    if first["href"] != "#main" or "Skip to main content" not in first["text"]:
        problems.append(f"first Tab stop is {first}, not the skip link")
    links = [stop["href"] for stop in navigation]
    if links != PATHS:
        problems.append(f"Tab stops after the skip link are {links}, not the navigation {PATHS}")
    if press_each(dash_duo, Keys.SHIFT, Keys.TAB, times=len(PATHS))[-1]["href"] != "#main":
        problems.append("Shift+Tab does not return to the skip link")
        return problems
    if not press(dash_duo, Keys.ENTER)["inMain"]:
        problems.append(f"the skip link leaves focus on {focused(dash_duo)}, outside main")
        return problems
    for stop in press_each(dash_duo, Keys.TAB, times=6):
        if stop["hidden"]:
            problems.append(f"Tab stops on an aria-hidden element: {stop}")
        if stop["dropdown"] and not stop["group"]:
            problems.append(f"a dropdown has no labelled group around it: {stop}")
        if not stop["inMain"]:
            break
    return problems


# Against clientWidth, which leaves out a vertical scrollbar (innerWidth counts it): a page
# as wide as the window scrolls sideways by the scrollbar's width.
FITS = ("return document.documentElement.scrollWidth"
        " <= document.documentElement.clientWidth;")


def width_problems(dash_duo) -> list[str]:
    # Charts redraw to the new width a moment after the window is resized.
    try:
        wait_in_page(dash_duo, FITS, "page fits the window", timeout=10)
        return []
    except TimeoutException:
        inner, scroll = dash_duo.driver.execute_script(
            "return [document.documentElement.clientWidth,"
            " document.documentElement.scrollWidth];")
    wide = dash_duo.driver.execute_script(WIDER_THAN_WINDOW)
    return [f"the page is {scroll}px wide in a {inner}px wide window (less its scrollbar);"
            f" too wide: {wide}"]


def set_viewport(dash_duo, size: tuple[int, int]) -> None:
    """The viewport itself at `size` (a window's size includes the browser's own frame)."""
    width, height = size
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def test_every_page_has_its_view():
    assert list(VIEWS) == PATHS


@pytest.mark.parametrize("path", PATHS)
def test_page_is_accessible(shared_duo, path):
    dash_duo = shared_duo
    query, drawn = VIEWS[path]
    url = f"{dash_duo.server_url}{path}" + (f"?{query}" if query else "")
    problems = []
    for size in (DESKTOP, TABLET, PHONE):
        set_viewport(dash_duo, size)
        dash_duo.wait_for_page(url)
        wait_rendered(dash_duo, path, drawn)
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
