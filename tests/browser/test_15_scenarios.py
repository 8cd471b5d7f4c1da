"""The scenarios page in headless Chromium: the sentence states the deaths avoided that the
engine computes from the store for the target in the URL, and a changed target goes into
the URL. The page's axe-core (WCAG 2.2 AA) and width checks at 1280, 768 and 375 px are
test_08_accessibility's, with the chart drawn."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from data.queries.scenarios import build_scenario
from data.settings import Settings
from data.store import make_engine
from indicators.scenarios.risks import DEFAULT_RELATIVE_RISKS
from tests.browser.helpers import url_control, wait_for

pytestmark = pytest.mark.browser

GAP_AREA = "E06000009"  # Blackpool: more deaths than England's rate gives, in the sample


@pytest.fixture(scope="module")
def sample_settings(tmp_path_factory, sample_stores) -> Settings:
    """The sample without its action plan: this page does not read plans, and on a clock
    past 2026-12 the sample plan's due dates fail validation (reported to the lead)."""
    return sample_stores.copy(tmp_path_factory.mktemp("scenarios-store"), (
        "areas", "births_deaths", "satod", "breastfeeding", "deprivation", "booking",
        "conceptions")).settings


@pytest.fixture(scope="module")
def dashboard(sample_settings):
    """The app over this module's store (the session's dashboard serves the whole sample)."""
    from app import create_app

    return create_app(sample_settings)


def _words(dash_duo) -> str:
    return dash_duo.find_element("#scenario-words").text


def test_sentence_matches_the_engine_and_targets_stay_in_the_url(dash_duo, dashboard,
                                                                  sample_settings):
    engine = make_engine(sample_settings)
    expected = build_scenario(engine, GAP_AREA, DEFAULT_RELATIVE_RISKS, {"smoking_delivery": 6.0})
    engine.dispose()
    smoking = expected.table.set_index("indicator").loc["smoking_delivery"]
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/scenarios?area={GAP_AREA}&smoking_delivery=6.0")
    wait_for(dash_duo, lambda: "to 6.0%" in _words(dash_duo), "smoking sentence")
    line = next(t for t in _words(dash_duo).splitlines() if t.startswith("Bringing smoking"))
    assert (f"{smoking.current_prevalence * 100:.1f}% to 6.0% would avoid about "
            f"{smoking.deaths_avoided_per_year:.1f} infant deaths a year "
            f"({smoking.deaths_avoided_lower:.1f} to {smoking.deaths_avoided_upper:.1f})") in line
    assert smoking.share_of_gap > 0
    assert f"about {smoking.share_of_gap:.0%} of the gap with England" in line
    assert "Department of Health (2007)" in dash_duo.find_element("main").text
    box = url_control(dash_duo, "scenarios", "smoking_delivery")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("5", Keys.ENTER)
    wait_for(dash_duo, lambda: "smoking_delivery=5" in dash_duo.driver.current_url, "URL")
    wait_for(dash_duo, lambda: "to 5.0%" in _words(dash_duo), "new sentence")
    assert dash_duo.get_logs() == []
