"""Action plan page and balanced scorecard in headless Chromium, over the sample's synthetic
Manchester plan. What the page says is checked against the store read with plain SQL and
the trajectory worked out here with numpy; filters follow the URL; the CSV holds the whole
grid. Both pages' axe-core (WCAG 2.2 AA) and width checks at 1280, 768 and 375 px are
test_08_accessibility's, with the plan's actions and the scorecard's tables drawn."""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import text

from data.store import make_engine
from tests.browser.helpers import choose_by_keyboard, url_control, wait_for
from tests.browser.test_08_accessibility import wait_rendered

pytestmark = pytest.mark.browser

PLAN = "Manchester reducing infant mortality plan"
READ_PLAN = """
return Array.from(document.querySelectorAll('.plan-action')).map(a => ({
  priority: a.closest('.plan-priority').dataset.priority,
  status: a.dataset.status, overdue: a.dataset.overdue,
  action: a.querySelector('h3').textContent,
  indicators: Array.from(a.querySelectorAll('.plan-indicator')).map(i => ({
    id: i.dataset.indicator, trajectory: i.dataset.trajectory,
    latest: (i.querySelector('.plan-latest') || {}).textContent,
    projection: Array.from(i.querySelectorAll('.plan-projection')).map(p => p.textContent),
    charts: i.querySelectorAll('.js-plotly-plot').length,
  })),
}));
"""


def _plan_rows(settings) -> list[dict]:
    engine = make_engine(settings)
    with engine.connect() as connection:
        payloads = connection.execute(
            text("SELECT payload FROM raw_row WHERE source = 'action_plan'")).scalars().all()
    engine.dispose()
    return [json.loads(p) for p in payloads]


def _series(settings, indicator: str, area: str) -> list[dict]:
    engine = make_engine(settings)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT period_label, value, lower95, upper95 FROM indicator_value "
            "WHERE indicator_id = :i AND area_code = :a AND category_type = '' "
            "ORDER BY period_sortable"), {"i": indicator, "a": area}).mappings().all()
    engine.dispose()
    return [dict(r) for r in rows]


def _expected_smoking(settings) -> tuple[str, str]:
    """(trajectory status, projected financial year) of the plan's smoking row, worked out
    from the stored values: 6% by 2021/22, so the trajectory point now is 6 itself."""
    series = _series(settings, "smoking_delivery", "E08000003")
    latest = series[-1]
    status = "on track" if latest["lower95"] <= 6 else "off track"
    last = series[-5:]
    times = np.array([int(r["period_label"][:4]) + 0.75 for r in last])
    weights = 1 / ((np.array([r["upper95"] - r["lower95"] for r in last])) / 3.92) ** 2
    slope, intercept = np.polyfit(times, [r["value"] for r in last], 1, w=np.sqrt(weights))
    now = intercept + slope * times[-1]
    years = math.ceil((6 - now) / slope)
    first = int(last[-1]["period_label"][:4]) + years
    return status, f"{first}/{str(first + 1)[2:]}"


def _actions(dash_duo) -> list[dict]:
    return dash_duo.driver.execute_script(READ_PLAN)


def test_plan_page_journey(dash_duo, dashboard, sample_settings):
    rows = _plan_rows(sample_settings)
    assert {r["plan"] for r in rows} == {PLAN}
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/plan")
    wait_for(dash_duo, lambda: len(_actions(dash_duo)) > 0, "plan actions drawn", timeout=30)
    wait_rendered(dash_duo, "/plan")
    shown = _actions(dash_duo)

    # Every action of the plan, in its priority's section, with its stored status.
    stored = {(str(r["priority"]), r["action"]): r for r in rows}
    assert {(a["priority"], a["action"]) for a in shown} == set(stored)
    today = date.today().isoformat()
    for action in shown:
        row = stored[(action["priority"], action["action"])]
        assert action["status"] == row["status"]
        late = bool(row["due_date"]) and row["due_date"] < today and row["status"] != "done"
        assert action["overdue"] == ("yes" if late else "no")
        linked = sorted(r["indicator"] for r in rows
                        if r["action"] == row["action"] and r["indicator"])
        assert sorted(i["id"] for i in action["indicators"]) == linked

    # The smoking row: the status and the projection are the ones worked out from the store.
    status, projected = _expected_smoking(sample_settings)
    smoking = next(i for a in shown for i in a["indicators"]
                   if i["id"] == "smoking_delivery" and "monitoring" in a["action"])
    assert smoking["trajectory"] == status and smoking["charts"] == 1
    assert (f"At the current rate, smoking at delivery reaches 6% in {projected}, "
            f"{int(projected[:4]) - 2021} years after the target.") in smoking["projection"]
    latest = _series(sample_settings, "smoking_delivery", "E08000003")[-1]
    assert smoking["latest"].startswith(f"{latest['value']:.1f}% in {latest['period_label']}")

    # A keyboard user filters by status; the URL keeps it, and only those actions remain.
    choose_by_keyboard(dash_duo, url_control(dash_duo, "plan", "status"), "At risk")
    wait_for(dash_duo, lambda: "status=at+risk" in dash_duo.driver.current_url, "URL keeps status",
             timeout=30)
    wait_for(dash_duo, lambda: {a["status"] for a in _actions(dash_duo)} == {"at risk"},
             "only actions at risk", timeout=30)
    # A link with a priority shows that priority only.
    dash_duo.wait_for_page(f"{dash_duo.server_url}/plan?priority=3")
    wait_for(dash_duo, lambda: _actions(dash_duo) and {a["priority"] for a in _actions(dash_duo)}
             == {"3"}, "priority 3 only", timeout=30)

    # The CSV is the whole grid, whatever the filters.
    folder = Path(dash_duo.download_path)
    dash_duo.find_element("#plan-download-button").click()
    wait_for(dash_duo, lambda: any(p.suffix == ".csv" for p in folder.iterdir()), "CSV saved",
             timeout=30)
    path = next(p for p in folder.iterdir() if p.suffix == ".csv")
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(rows)
    assert {"trajectory_status", "projected_period", "change_needed_per_year"} <= set(table[0])
    assert dash_duo.get_logs() == []


def test_scorecard_counts_and_words(dash_duo, dashboard, sample_settings):
    rows = _plan_rows(sample_settings)
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/scorecard")
    wait_for(dash_duo, lambda: dash_duo.driver.find_elements(By.ID, "scorecard-heading"),
             "scorecard drawn", timeout=30)
    counts = dash_duo.driver.execute_script("""
      return Array.from(document.querySelectorAll('.scorecard-counts tbody tr')).map(r => ({
        priority: r.dataset.priority,
        cells: Array.from(r.querySelectorAll('td')).map(td => td.textContent)}));""")
    for row in counts:
        actions = {r["action"]: r["status"] for r in rows if str(r["priority"]) == row["priority"]}
        statuses = Counter(actions.values())
        assert row["cells"][0] == str(len(actions))
        for word, cell in zip(["on track", "at risk", "off track", "not started", "done"],
                              row["cells"][1:6], strict=True):
            assert cell == f"{statuses.get(word, 0)} {word}"
    outcomes = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.scorecard-table')[0]"
        ".querySelectorAll('tbody tr')).map(r => [r.dataset.indicator, r.dataset.trajectory]);")
    assert [o[0] for o in outcomes] == ["infant_mortality", "neonatal_mortality",
                                       "postneonatal_mortality", "stillbirth_rate"]
    status, _projected = _expected_smoking(sample_settings)
    risks = dict(dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.scorecard-table')[1]"
        ".querySelectorAll('tbody tr')).map(r => [r.dataset.indicator, r.dataset.trajectory]);"))
    assert risks["smoking_delivery"] == status
    words = {"on track": "On trajectory", "off track": "Off trajectory"}
    cell = dash_duo.find_element("tr[data-indicator='smoking_delivery'] .plan-badge.trajectory")
    assert cell.text == words[status]
    assert dash_duo.get_logs() == []
