"""The page links on a phone: behind a Menu button, so the page starts in the first screen;
the button opens and closes them by keyboard, says whether they are open (aria-expanded),
a chosen page closes them, and axe-core finds nothing with them open (closed, as every page
opens on a phone, is test_08_accessibility's, with its sideways-scrolling check). On a
laptop the links show with no button."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from callbacks.pages import PAGES
from tests.browser.axe import describe, run_axe
from tests.browser.helpers import wait_for
from tests.browser.test_08_accessibility import (
    DESKTOP,
    PHONE,
    press,
    set_viewport,
    wait_rendered,
)

pytestmark = pytest.mark.browser
AREA = "E08000003"
STATE = """
const shown = e => !!e && e.getClientRects().length > 0;
const button = document.getElementById('nav-toggle');
return {button: shown(button), expanded: button.getAttribute('aria-expanded'),
        links: [...document.querySelectorAll('#site-nav a')].filter(shown).length,
        header: document.querySelector('.site-header').getBoundingClientRect().height};
"""


def opened(dash_duo, dashboard, size, path: str) -> None:
    """The dashboard served and `path` shown for the area at a window `size`, rendered."""
    dash_duo.start_server(dashboard)
    set_viewport(dash_duo, size)
    dash_duo.wait_for_page(f"{dash_duo.server_url}{path}?area={AREA}")
    wait_rendered(dash_duo, path)


def state(dash_duo) -> dict:
    return dash_duo.driver.execute_script(STATE)


def test_the_phone_menu_opens_by_keyboard_and_closes_on_a_new_page(dash_duo, dashboard):
    opened(dash_duo, dashboard, PHONE, "/")
    closed = state(dash_duo)
    assert closed["button"] and closed["expanded"] == "false" and closed["links"] == 0
    assert closed["header"] < 80, closed  # one row, the name and the button: the page comes first

    dash_duo.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
    assert press(dash_duo, Keys.TAB)["href"] == "#main"
    assert press(dash_duo, Keys.TAB)["text"] == "Menu"
    press(dash_duo, Keys.ENTER)
    wait_for(dash_duo, lambda: state(dash_duo)["links"] == len(PAGES), "the links shown")
    assert state(dash_duo)["expanded"] == "true"
    violations = run_axe(dash_duo.driver)
    assert violations == [], describe(violations)
    assert press(dash_duo, Keys.TAB)["href"] == PAGES[0].path  # the links follow the button

    press(dash_duo, Keys.SHIFT, Keys.TAB)
    press(dash_duo, Keys.ENTER)  # the button again: closed
    wait_for(dash_duo, lambda: state(dash_duo)["links"] == 0, "the links hidden")
    assert state(dash_duo)["expanded"] == "false"

    press(dash_duo, Keys.ENTER)
    wait_for(dash_duo, lambda: state(dash_duo)["links"] == len(PAGES), "the links shown again")
    dash_duo.driver.find_element("css selector", "#site-nav a[href='/trends']").click()
    wait_for(dash_duo, lambda: dash_duo.driver.current_url.split("?")[0].endswith("/trends"),
             "the trends page")
    wait_for(dash_duo, lambda: state(dash_duo)["links"] == 0, "the menu closed on a new page")
    # The trends page's own callbacks finish before the test ends: the server is stopped
    # with the test, and a callback it cuts short is an error in the run's log.
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(
        "return !!document.querySelector('#trends-chart .main-svg .trace') && "
        "!document.querySelector('[data-dash-is-loading=\"true\"]');"), "the trends page drawn")
    assert dash_duo.get_logs() == []


def test_the_links_show_without_a_button_on_a_laptop(dash_duo, dashboard):
    opened(dash_duo, dashboard, DESKTOP, "/")
    shown = state(dash_duo)
    assert not shown["button"] and shown["links"] == len(PAGES)
