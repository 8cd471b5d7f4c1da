"""Run the axe-core accessibility engine in the page under test (vendored, no download).

axe-core is MPL-2.0; see tests/browser/vendor/README.md for where the file came from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE_FILE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

# WCAG 2.2 AA, as axe-core tags its rules (each level's rules carry their own tag).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Parts of Dash's own components left out of the scan, each for a reason checked elsewhere.
DASH_INTERNALS = [
    # Dash 4's dropdown puts an aria-hidden <input tabindex=0> before its button as a
    # focus trampoline: on focus it hands focus straight to the labelled button, so it never
    # holds focus (test_08's keyboard test checks that Tab lands on the button).
    ".dash-dropdown-focus-target",
]

_RUN = """
const [tags, exclude, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
axe.run({exclude: exclude.map(s => [s])}, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(result => done({violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))
  }))}))
  .catch(error => done({error: String(error)}));
"""


@cache
def axe_source() -> str:
    return AXE_FILE.read_text(encoding="utf-8")


def run_axe(driver, tags: list[str] | None = None, exclude: list[str] | None = None,
            timeout: float = 60) -> list[dict]:
    """Inject axe-core into the current page (once) and return its violations.

    tags: axe rule tags to run (default WCAG 2.2 AA); exclude: CSS selectors to leave out
    (default DASH_INTERNALS).

    Each violation: id, impact, help, helpUrl and nodes (target selectors, html, summary).
    """
    if not driver.execute_script("return typeof window.axe === 'object';"):
        driver.execute_script(axe_source())
    driver.set_script_timeout(timeout)
    result = driver.execute_async_script(
        _RUN, tags or WCAG_22_AA, DASH_INTERNALS if exclude is None else exclude)
    if "error" in result:
        raise RuntimeError(f"axe-core failed: {result['error']}")
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """One block per violation: rule id, what it asks, and every element it found."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("summary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)
