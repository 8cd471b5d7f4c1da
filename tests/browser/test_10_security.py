"""The security headers in headless Chromium: every page still renders under the
Content-Security-Policy with no violation logged, and area names that carry markup are
shown as text in the charts (no live link, no image), with the policy as a second guard."""

from __future__ import annotations

import pytest

from callbacks.pages import PAGES
from data.settings import Settings
from tests.browser.test_08_accessibility import wait_rendered
from tests.hostile import sample_store

pytestmark = pytest.mark.browser

AREA = "E08000003"
LINK = '<a href="https://attacker.example/">Evil</a><img src=x onerror="window.pwned=1">'

# Everything the policy refused, as the browser reports it to the page.
LISTEN = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def hostile_settings(tmp_path_factory, sample_stores) -> Settings:
    return sample_store(sample_stores, tmp_path_factory.mktemp("browser-hostile"),
                        lambda code: f"{code} {LINK}")


def test_every_page_renders_under_the_policy_and_names_stay_text(dash_duo, hostile_settings):
    from app import create_app

    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTEN})
    dash_duo.start_server(create_app(hostile_settings))
    problems = []
    for path in (page.path for page in PAGES):
        dash_duo.driver.get(f"{dash_duo.server_url}{path}?area={AREA}")
        wait_rendered(dash_duo, path)
        found = dash_duo.driver.execute_script("""
            const svg = [...document.querySelectorAll('.js-plotly-plot svg')];
            return {charts: document.querySelectorAll('.js-plotly-plot .main-svg').length,
                    links: svg.flatMap(s => [...s.querySelectorAll('a')])
                              .map(a => a.getAttribute('href') || a.getAttribute('xlink:href')),
                    images: svg.flatMap(s => [...s.querySelectorAll('image')]).length,
                    shown: svg.some(s => s.textContent.includes('attacker.example/">Evil</a>')),
                    pwned: !!window.pwned, violations: window.cspViolations};
        """)
        if found["links"] or found["images"] or found["pwned"]:
            problems.append(f"{path}: markup from a name became live: {found}")
        # The map names areas only in its hover text (tests/callbacks/test_figure_text.py
        # checks that text is escaped), so its drawing holds no name to find.
        if found["charts"] and not found["shown"] and path != "/map":
            problems.append(f"{path}: the name is not shown as text in its charts")
        if found["violations"]:
            problems.append(f"{path}: CSP violations {found['violations']}")
    logs = [entry for entry in dash_duo.get_logs() if "Content Security Policy" in entry["message"]
            or entry["level"] == "SEVERE"]
    assert not problems and not logs, problems + [e["message"][:300] for e in logs]
