"""Definitions page in headless Chromium: every catalogue indicator listed by name and drawn
when opened, and one indicator chosen by its Fingertips ID shown first in the catalogue's
own words."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from indicators.catalogue import CATALOGUE, get_indicator
from tests.browser.helpers import choose_by_keyboard, url_control, wait_for

pytestmark = pytest.mark.browser


def _summary(dash_duo, anchor: str) -> dict[str, str]:
    """The dt -> dd pairs of one indicator's summary list, read once the page has settled
    (the URL callback's echo may redraw the section just after it first appears)."""
    found: dict[str, str] = {}

    def read() -> bool:
        try:
            section = dash_duo.find_element(f"section[aria-labelledby='{anchor}']")
            terms = section.find_elements(By.TAG_NAME, "dt")
            details = section.find_elements(By.TAG_NAME, "dd")
            found.update({t.text: d.text for t, d in zip(terms, details, strict=True)})
        except StaleElementReferenceException:
            return False
        return bool(found)

    wait_for(dash_duo, read, f"summary list of {anchor}")
    return found


SUMMARIES = "details.definition-more > summary"


def test_every_indicator_is_listed_and_one_can_be_chosen(dash_duo, dashboard):
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/definitions")
    wait_for(dash_duo, lambda: len(dash_duo.find_elements(SUMMARIES)) == len(CATALOGUE),
             "every catalogue indicator listed by name")
    assert [s.text for s in dash_duo.find_elements(SUMMARIES)] == [i.name for i in CATALOGUE]
    assert dash_duo.find_elements("section h2") == [] and dash_duo.find_elements("dl") == []
    assert len(dash_duo.find_elements("h1")) == 1

    # Opened with the keyboard, an indicator draws its definition there and then.
    stillbirth = get_indicator("stillbirth_rate")
    summary = dash_duo.find_elements(SUMMARIES)[[i.id for i in CATALOGUE].index(stillbirth.id)]
    summary.send_keys(Keys.ENTER)
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("details[open] dl dt")) == 19,
             "the opened definition drawn")
    opened = dash_duo.find_element("details[open]")
    assert stillbirth.denominator in opened.text and len(dash_duo.find_elements("dl")) == 1

    # Choosing by Fingertips ID: the smoking at delivery definition, its denominator and target.
    smoking = get_indicator(93085)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/definitions?indicator=93085")
    wait_for(dash_duo, lambda: f"indicator={smoking.id}" in dash_duo.driver.current_url,
             "the URL names the indicator by our id")
    rows = _summary(dash_duo, f"definition-{smoking.id}")
    assert len(dash_duo.find_elements("section h2")) == 1
    assert len(dash_duo.find_elements(SUMMARIES)) == len(CATALOGUE) - 1  # the rest by name
    assert rows["Denominator"] == smoking.denominator
    assert rows["Target"].startswith("National ambition: 6% or less")
    assert rows["Polarity"] == "Low is good"
    assert rows["Confidence interval method"] == "Wilson score interval"
    assert rows["Fingertips indicator ID"] == "93085"
    link = dash_duo.find_element(f"section[aria-labelledby='definition-{smoking.id}'] dd a")
    assert link.get_attribute("href").endswith("/93085")

    # The dropdown changes the section and the URL.
    pooled = get_indicator("infant_mortality_3yr")
    choose_by_keyboard(dash_duo, url_control(dash_duo, "definitions", "indicator"), pooled.name)
    wait_for(dash_duo, lambda: "indicator=infant_mortality_3yr" in dash_duo.driver.current_url,
             "URL follows the dropdown")
    wait_for(dash_duo, lambda: dash_duo.find_element("section h2").text == pooled.name,
             "the pooled indicator shown")
    rows = _summary(dash_duo, f"definition-{pooled.id}")
    assert "Three years pooled" in rows["Period and pooling"]
    assert rows["Fingertips indicator ID"].startswith("92196")
    assert dash_duo.get_logs() == []
