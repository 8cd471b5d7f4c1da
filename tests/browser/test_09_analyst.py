"""An analyst's journey in headless Chromium: change the trends view by keyboard and by URL,
check the chart title and the table against the store, change the compare page's benchmark,
and download the trends CSV, which must hold the same rows as `python -m data export`."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import create_engine, text

from data.downloads import COMPUTED_HERE
from indicators.catalogue import get_indicator
from tests.browser import helpers
from tests.browser.helpers import choose_by_keyboard, url_control, wait_for

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[2]
ENGLAND = "E92000001"
VALUES = text("""
    SELECT period_label, value FROM indicator_value
    WHERE indicator_id = :indicator AND area_code = :area AND category_type = ''
    ORDER BY period_sortable""")
PARENT = text("SELECT parent_code FROM area WHERE code = :code")
COMPARISONS = text("""
    SELECT a.name, a.parent_code, v.compared_england, v.compared_region
    FROM indicator_value v JOIN area a ON a.code = v.area_code
    WHERE v.indicator_id = :indicator AND v.category_type = '' AND a.area_type = 'county_ua'
      AND v.period_sortable = (SELECT max(period_sortable) FROM indicator_value
                               WHERE indicator_id = :indicator AND category_type = '')""")
NAME = text("SELECT name FROM area WHERE code = :code")


def read_store(settings, query, **params) -> list:
    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        rows = connection.execute(query, params).all()
    engine.dispose()
    return rows


def stored_values(settings, indicator: str, area: str) -> dict[str, str]:
    """Period -> value as the table prints it (1 decimal place; blank when missing)."""
    return {p: "" if v is None else f"{v:.1f}"
            for p, v in read_store(settings, VALUES, indicator=indicator, area=area)}


def table_text(dash_duo, selector: str) -> tuple[list[str], list[list[str]]]:
    """A table's header and body cells, read in one script (the table may be redrawn)."""
    return dash_duo.driver.execute_script("""
        const table = document.querySelector(arguments[0]);
        if (!table) return [[], []];
        const text = cells => [...cells].map(c => c.innerText.trim());
        return [text(table.querySelectorAll('thead th')),
                [...table.querySelectorAll('tbody tr')].map(tr => text(tr.querySelectorAll('td')))];
    """, selector)


def column(dash_duo, selector: str, key: str, header: str) -> dict[str, str] | None:
    """{row's `key` cell: its `header` cell} for a table (None until it has both columns)."""
    headers, rows = table_text(dash_duo, selector)
    if key not in headers or header not in headers:
        return None
    return {row[headers.index(key)]: row[headers.index(header)] for row in rows}


def shown_values(dash_duo) -> dict[str, str] | None:
    return column(dash_duo, "#trends-table table", "Period", "Value")


def chart_title(dash_duo) -> str:
    return helpers.chart_title(dash_duo, "#trends-chart")


def expect_trend(dash_duo, settings, indicator: str, area: str) -> None:
    """The chart is titled with the indicator and the area, and the table has its values."""
    name = get_indicator(indicator).name
    area_name = read_store(settings, NAME, code=area)[0][0]
    wait_for(dash_duo, lambda: chart_title(dash_duo) == f"{name}: {area_name}",
             f"chart titled {name}: {area_name}")
    expected = stored_values(settings, indicator, area)
    assert expected, f"the sample store has no {indicator} values for {area}"
    wait_for(dash_duo, lambda: shown_values(dash_duo) == expected, f"table of {indicator} for {area}")


def stored_comparisons(settings, indicator: str, region: str):
    """Area name -> comparison word in the latest period: with England for every county and
    UA, and with the region for the region's own counties and UAs."""
    rows = read_store(settings, COMPARISONS, indicator=indicator)
    england = {name: e or "Not compared" for name, _parent, e, _r in rows}
    in_region = {name: r or "Not compared" for name, parent, _e, r in rows if parent == region}
    assert in_region, f"no counties or UAs under {region} in the store"
    return england, in_region


def compare_column(dash_duo, header: str) -> dict[str, str] | None:
    """Area -> the words in the compare table's column `header`."""
    return column(dash_duo, "#compare-table table", "Area", header)


def parent_chain(settings, area: str) -> list[str]:
    """The area, then each parent up to England, read from the store's area table."""
    chain = [area]
    while chain[-1] != ENGLAND:
        chain.append(read_store(settings, PARENT, code=chain[-1])[0][0])
    return chain


def export_rows(settings, indicator: str, codes: list[str]) -> list[list[str]]:
    """`python -m data export` on the same store, keeping the header and the given areas."""
    env = {**os.environ, "DATABASE_URL": settings.database_url,
           "DASHBOARD_INSTANCE_DIR": str(settings.instance_dir)}
    done = subprocess.run([sys.executable, "-m", "data", "export", "--indicator", indicator,
                           "--format", "fingertips"], cwd=PROJECT, env=env, capture_output=True,
                          text=True, check=True, timeout=120)
    rows = list(csv.reader(io.StringIO(done.stdout, newline="")))
    column = rows[0].index("Area Code")
    return [rows[0]] + [row for row in rows[1:] if row[column] in codes]


def wait_for_file(dash_duo, folder: Path, name: str) -> Path:
    """The downloaded file once Chromium has finished writing it (no .crdownload beside it)."""
    path = folder / name

    def written() -> bool:
        return path.exists() and path.stat().st_size > 0 and not any(folder.glob("*.crdownload"))

    wait_for(dash_duo, written, f"{name} downloaded into {folder}", timeout=30)
    return path


def test_analyst_journey(dash_duo, dashboard, sample_settings, tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    dash_duo.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    dash_duo.start_server(dashboard)

    # Trends, by keyboard: the indicator, then the area.
    dash_duo.wait_for_page(f"{dash_duo.server_url}/trends?area=E08000003")
    expect_trend(dash_duo, sample_settings, "infant_mortality", "E08000003")
    smoking = get_indicator("smoking_delivery").name
    choose_by_keyboard(dash_duo, url_control(dash_duo, "trends", "indicator"), smoking)
    expect_trend(dash_duo, sample_settings, "smoking_delivery", "E08000003")
    wait_for(dash_duo, lambda: "indicator=smoking_delivery" in dash_duo.driver.current_url,
             "URL carries the indicator")
    choose_by_keyboard(dash_duo, url_control(dash_duo, "trends", "area"), "Blackpool")
    expect_trend(dash_duo, sample_settings, "smoking_delivery", "E06000009")
    wait_for(dash_duo, lambda: "area=E06000009" in dash_duo.driver.current_url,
             "URL carries the area")

    # Trends, by URL: the controls, the chart and the table follow the link.
    dash_duo.wait_for_page(f"{dash_duo.server_url}/trends?indicator=smoking_delivery&area=E06000008")
    expect_trend(dash_duo, sample_settings, "smoking_delivery", "E06000008")
    assert url_control(dash_duo, "trends", "area").text == "Blackburn with Darwen"
    assert url_control(dash_duo, "trends", "indicator").text == smoking

    # The CSV download holds exactly the export command's rows for the areas on the chart.
    dash_duo.find_element("#trends-download-button").click()
    downloaded = wait_for_file(dash_duo, downloads, "smoking_delivery_E06000008.csv")
    with downloaded.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    chain = parent_chain(sample_settings, "E06000008")
    expected = export_rows(sample_settings, "smoking_delivery", chain)
    # The download is the export's columns with the unit and the source after them.
    assert rows[0][-2:] == ["Unit", "Source"]
    assert len(expected) > 1 and [row[:-2] for row in rows] == expected
    # each row names the extract it was computed from ("computed from satod.csv of ...")
    assert all(row[-1].startswith(f"{COMPUTED_HERE} from satod.csv of ") for row in rows[1:])
    area_column = rows[0].index("Area Code")
    assert {row[area_column] for row in rows[1:]} == set(chain)

    # Compare areas: the benchmark control switches the comparison words from England's to
    # the region's, as stored, and the peers to the region's counties and UAs.
    dash_duo.wait_for_page(f"{dash_duo.server_url}/compare?area=E06000008")
    region = chain[1]
    region_name = read_store(sample_settings, NAME, code=region)[0][0]
    england_words, region_words = stored_comparisons(sample_settings, "infant_mortality", region)
    wait_for(dash_duo, lambda: compare_column(dash_duo, "Compared with England")
             == england_words, "words compared with England")
    benchmark = url_control(dash_duo, "compare", "benchmark")
    benchmark.find_element(By.CSS_SELECTOR, "input[value='region']").click()
    wait_for(dash_duo, lambda: "benchmark=region" in dash_duo.driver.current_url,
             "URL carries the benchmark")
    wait_for(dash_duo, lambda: compare_column(dash_duo, f"Compared with {region_name}")
             == region_words, f"words compared with {region_name}, for its areas only")
    assert region_name in dash_duo.find_element("#compare-summary").text

    assert dash_duo.get_logs() == []
