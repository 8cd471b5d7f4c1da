"""Small helpers for the browser journeys."""

from __future__ import annotations

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def wait_for(dash_duo, condition, message: str, timeout: float = 20, poll: float = 0.5) -> None:
    """Wait until `condition()` is true (a readiness check, never a fixed sleep), asking it
    every `poll` seconds (selenium's default half second: asking more often takes the CPU
    the page needs to draw, and lets a check that reads a page between two of Dash's updates
    see it as finished). An element that Dash re-renders while the condition reads it is
    stale: that is "not yet", so the condition is asked again."""
    WebDriverWait(dash_duo.driver, timeout, poll_frequency=poll,
                  ignored_exceptions=(StaleElementReferenceException,)
                  ).until(lambda _d: condition(), message=message)


# The page does `first` once, then asks itself `check` (function bodies, called with the
# same arguments) every few milliseconds
# and answers once it has been truthy on READINGS checks in a row (a page between two of
# Dash's updates can read as finished for a moment), or false at the deadline.
_IN_PAGE = """
const [args, timeout, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const check = function () { CHECK };
(function () { FIRST }).apply(null, args);
const deadline = performance.now() + timeout;
let inRow = 0;
const tick = () => {
  let now = false;
  try { now = check.apply(null, args); } catch (error) { now = false; }
  inRow = now ? inRow + 1 : 0;
  if (inRow >= READINGS) { done(now); return; }
  if (performance.now() > deadline) { done(false); return; }
  setTimeout(tick, PAUSE);
};
tick();
"""


def wait_in_page(dash_duo, check: str, message: str, *args, timeout: float = 20,
                 pause_ms: int = 25, first: str = "", readings: int = 2):
    """Do the JavaScript function body `first` (e.g. a navigation), then wait until the
    function body `check` returns a truthy value on `readings` checks in a row, `pause_ms`
    apart (one is enough where what it reads arrives in one update), and return that
    value; both are called with `args`. The page asks itself, so a wait costs one call to
    the browser instead of two or three per question, and ends within milliseconds of the
    page being ready; a question of a few DOM reads leaves the CPU to the page.
    TimeoutException(message) at `timeout`."""
    dash_duo.driver.set_script_timeout(timeout + 10)
    script = (_IN_PAGE.replace("CHECK", check).replace("FIRST", first)
              .replace("PAUSE", str(pause_ms)).replace("READINGS", str(readings)))
    value = dash_duo.driver.execute_async_script(script, list(args), timeout * 1000)
    if not value:
        raise TimeoutException(message)
    return value


def table_cells(dash_duo, rows_selector: str) -> list[list[str]]:
    """The text of each cell of each row the CSS selector picks (e.g. "#x tbody tr")."""
    return [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in dash_duo.driver.find_elements(By.CSS_SELECTOR, rows_selector)]


def url_control(dash_duo, page: str, key: str):
    """The dropdown whose value is kept in the URL under `key` on `page`."""
    selector = f"[id*='\"key\":\"{key}\"'][id*='\"page\":\"{page}\"']"
    elements = dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)
    assert elements, f"control {page}/{key} not found"
    return elements[0]


def choose_by_keyboard(dash_duo, dropdown, text: str) -> None:
    """Open a dropdown, type to filter and press Enter, as a keyboard user would."""
    dropdown.click()
    search = dash_duo.wait_for_element(".dash-dropdown-search")
    search.send_keys(text)
    wait_for(dash_duo, lambda: any(o.text == text for o in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, ".dash-dropdown-option")), f"option {text}")
    search.send_keys(Keys.ENTER)


# A chart title as read aloud: a wrapped title's lines joined by spaces (plotly draws
# each line of a title as its own tspan).
CHART_TITLE = """
const title = document.querySelector(arguments[0] + ' .gtitle');
if (!title) return '';
const lines = [...title.querySelectorAll('tspan.line')].map(line => line.textContent);
return lines.length ? lines.join(' ') : title.textContent;
"""


def chart_title(dash_duo, graph: str) -> str:
    """The title of the chart `graph` (a CSS selector), its lines joined by spaces."""
    return dash_duo.driver.execute_script(CHART_TITLE, graph)
