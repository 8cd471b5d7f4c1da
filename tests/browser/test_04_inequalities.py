"""Inequalities page in headless Chromium: the rates by quintile and the measures of the gap,
checked against the store read with plain SQL and an independent least-squares fit."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text

from data.downloads import DOWNLOAD_COLUMNS
from data.store import make_engine
from tests.browser.helpers import chart_title, choose_by_keyboard, url_control, wait_for

pytestmark = pytest.mark.browser

AREA = "E08000003"  # Manchester
QUINTILES = text("""
    SELECT period_label, category, count, denominator, value, lower95, upper95
    FROM indicator_value
    WHERE indicator_id = :indicator AND area_code = :area AND category_type = 'IMD quintile'
    ORDER BY period_sortable DESC, category
""")
ETHNIC = text("""
    SELECT a.category, a.count, a.denominator, a.value, a.lower95, a.upper95, e.value AS england
    FROM indicator_value a LEFT JOIN indicator_value e
      ON e.indicator_id = a.indicator_id AND e.area_code = 'E92000001'
     AND e.category_type = a.category_type AND e.category = a.category
     AND e.period_label = a.period_label
    WHERE a.indicator_id = 'infant_mortality_ethnic_3yr' AND a.area_code = :area
      AND a.category_type = 'Ethnic group'
      AND a.period_label = (SELECT MAX(period_label) FROM indicator_value
                            WHERE indicator_id = 'infant_mortality_ethnic_3yr' AND area_code = :area)
""")
ETHNIC_ORDER = ["Asian", "Black", "Mixed", "White", "Other", "Not known"]


def _stored(settings, indicator: str) -> pd.DataFrame:
    engine = make_engine(settings)
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(QUINTILES, {"indicator": indicator, "area": AREA})
                             .mappings().all())
    engine.dispose()
    return frame


# Read in one script call, so a table re-drawn mid-read cannot leave stale elements.
_ROWS = """return [...document.querySelectorAll(arguments[0] + ' tbody tr')]
  .map(r => [...r.querySelectorAll('td')].map(c => c.innerText.trim()));"""


def _table_rows(dash_duo) -> list[list[str]]:
    return dash_duo.driver.execute_script(_ROWS, "#inequalities-table")


def _settled(dash_duo) -> bool:
    """No dcc.Loading spinner on the page: the chart's callback has answered."""
    return dash_duo.driver.execute_script(
        "return document.querySelectorAll('.dash-spinner').length === 0;")


# Bootstrap asks for smooth scrolling, so a click straight after Selenium scrolls can land
# before the button arrives; jump instead and wait until it is on screen.
_IN_VIEW = """const e = document.querySelector(arguments[0]);
e.scrollIntoView({block: 'center', behavior: 'instant'});
const r = e.getBoundingClientRect();
return r.top >= 0 && r.bottom <= window.innerHeight;"""


def click_in_view(dash_duo, selector: str) -> None:
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(_IN_VIEW, selector),
             f"{selector} scrolled into view")
    dash_duo.find_element(selector).click()


def _expected_rows(frame: pd.DataFrame) -> list[list[str]]:
    order = frame["category"].str[0].astype(int)
    frame = frame.assign(order=order).sort_values("order")
    label = frame["category"].str.replace(r" - (.*)", r" (\1)", regex=True)
    return [[q, f"{c:,.0f}", f"{d:,.0f}", f"{v:.1f}", f"{lo:.1f}", f"{hi:.1f}", ""]
            for q, c, d, v, lo, hi in zip(label, frame["count"], frame["denominator"],
                                          frame["value"], frame["lower95"], frame["upper95"],
                                          strict=True)]


def _sii(frame: pd.DataFrame) -> float:
    """Low & Low's SII on the log scale (phe_sii, transform = TRUE) written out: weighted
    least squares of log(rate) on the cumulative mid-points, back on the rate scale."""
    frame = frame.assign(order=frame["category"].str[0].astype(int)).sort_values("order")
    share = frame["denominator"].to_numpy() / frame["denominator"].sum()
    rank = np.cumsum(share) - share / 2
    weights = np.sqrt(share)
    design = np.column_stack([weights, rank * weights])
    (c0, c1), *_ = np.linalg.lstsq(design, np.log(frame["value"].to_numpy()) * weights,
                                   rcond=None)
    return float(np.exp(c0 + c1) - np.exp(c0))


def test_quintile_rates_and_gap_match_the_store(dash_duo, dashboard, sample_settings):
    pooled = _stored(sample_settings, "infant_mortality_imd_3yr")
    latest = pooled["period_label"].iloc[0]
    expected = pooled[pooled["period_label"] == latest]

    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/inequalities?area={AREA}")
    dash_duo.wait_for_element("#inequalities-chart .main-svg", timeout=20)
    wait_for(dash_duo, lambda: _table_rows(dash_duo) == _expected_rows(expected),
             "quintile table shows the stored values for the latest pooled period")
    assert f"Manchester, {latest}" in chart_title(dash_duo, "#inequalities-chart")
    wait_for(dash_duo, lambda: f"period={latest.replace(' ', '+')}" in dash_duo.driver.current_url,
             "URL carries the period")

    sii_text = dash_duo.find_element(".sii-sentence").text
    assert (expected["count"] > 0).all()  # every quintile had a death: the log fit is possible
    sii = _sii(expected)
    side = "lower" if sii < 0 else "higher"
    assert (f"{abs(sii):.1f} per 1,000 live births {side} at the least deprived end than at "
            "the most deprived end") in sii_text
    assert f"(SII {sii:.1f}, 95% CI" in sii_text
    rii_text = dash_duo.find_element(".rii-sentence").text
    lower, upper = (float(x) for x in re.search(r"95% CI ([\d.]+) to ([\d.]+)\)", rii_text)
                    .groups())
    assert 0 < lower < upper  # a ratio's interval stays positive
    excess_text = dash_duo.find_element(".excess-sentence").text
    least = expected.sort_values("category")["count"].iloc[-2:]
    if least.iloc[-1] >= 10 or least.sum() >= 10:
        assert "would not have happened" in excess_text and "Reference: " in excess_text
    else:
        assert "not calculated" in excess_text and "a reference rate needs 10 or more" \
            in excess_text

    # A single year, chosen by keyboard: the URL and the table follow.
    annual = _stored(sample_settings, "infant_mortality_imd")
    year = annual["period_label"].iloc[0]
    choose_by_keyboard(dash_duo, url_control(dash_duo, "inequalities", "period"),
                       f"{year} (single year)")
    wait_for(dash_duo, lambda: f"period={year}" in dash_duo.driver.current_url, "URL follows")
    wait_for(dash_duo, lambda: _table_rows(dash_duo) == _expected_rows(
        annual[annual["period_label"] == year]), "table for the single year")

    # The CSV has the five quintiles as stored, then the measures.
    folder = Path(dash_duo.download_path)
    wait_for(dash_duo, lambda: _settled(dash_duo), "page settled")
    click_in_view(dash_duo, "#inequalities-download-button")
    wait_for(dash_duo, lambda: any(p.suffix == ".csv" for p in folder.iterdir()), "CSV saved")
    csv = pd.read_csv(next(p for p in folder.iterdir() if p.suffix == ".csv"))
    assert list(csv.columns) == DOWNLOAD_COLUMNS  # the layout every page's CSV shares
    rates = csv[csv["Category Type"].eq("IMD quintile")
                & ~csv["Indicator Name"].str.contains(":")]
    stored_year = annual[annual["period_label"] == year].set_index("category")
    assert rates.set_index("Category")["Count"].to_dict() == stored_year["count"].to_dict()
    measures = csv[csv["Indicator Name"].str.endswith("Slope index of inequality (SII)")]
    pooled_periods = set(pooled["period_label"])
    assert pooled_periods <= set(measures["Time period"])  # the gap over time
    assert (measures["Value"].notna() | measures["Value note"].notna()).all()  # else says why
    # ... and the rates by ethnic group the page shows, the area's and England's, as stored
    engine = make_engine(sample_settings)
    with engine.connect() as connection:
        ethnic = pd.DataFrame(connection.execute(ETHNIC, {"area": AREA}).mappings().all())
    engine.dispose()
    shown = csv[csv["Category Type"].eq("Ethnic group") & csv["Area Code"].eq(AREA)]
    assert shown.set_index("Category")["Count"].to_dict() == \
        ethnic.set_index("category")["count"].to_dict()
    england = csv[csv["Category Type"].eq("Ethnic group") & csv["Area Code"].eq("E92000001")]
    assert set(england["Category"]) == set(ETHNIC_ORDER)
    assert dash_duo.get_logs() == []


def test_rates_by_ethnic_group_match_the_store(dash_duo, dashboard, sample_settings):
    engine = make_engine(sample_settings)
    with engine.connect() as connection:
        ethnic = pd.DataFrame(connection.execute(ETHNIC, {"area": AREA}).mappings().all())
    engine.dispose()
    ethnic = ethnic.set_index("category").loc[ETHNIC_ORDER]
    expected = [[group, f"{r['count']:,.0f}", f"{r['denominator']:,.0f}", f"{r['value']:.1f}",
                 f"{r['lower95']:.1f}", f"{r['upper95']:.1f}", f"{r['england']:.1f}"]
                for group, r in ethnic.iterrows()]
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/inequalities?area={AREA}")
    dash_duo.wait_for_element("#inequalities-ethnic-chart .main-svg", timeout=20)
    wait_for(dash_duo, lambda: [row[:7] for row in dash_duo.driver.execute_script(
        _ROWS, "#inequalities-ethnic-table")] == expected,
        "ethnic group table shows the stored rates and England's")
    summary = dash_duo.find_element(".ethnic-summary").text
    assert "a rate for 6 of 6 groups" in summary and "England's rates" in summary
    assert "Manchester" in chart_title(dash_duo, "#inequalities-ethnic-chart")
    assert dash_duo.get_logs() == []
