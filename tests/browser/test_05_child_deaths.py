"""Child deaths page in headless Chromium: the review tables agree with counts taken straight
from the sample extract, and no count from 1 to the threshold reaches the screen or the CSV."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from data.downloads import DOWNLOAD_COLUMNS
from tests.browser.helpers import choose_by_keyboard, url_control, wait_for
from tests.browser.test_04_inequalities import click_in_view

pytestmark = pytest.mark.browser

AREA = "E08000003"  # Manchester
CATEGORY_NAMES = {
    1: "1 - Deliberately inflicted injury, abuse or neglect",
    2: "2 - Suicide or deliberate self-inflicted harm",
    3: "3 - Trauma and other external factors",
    4: "4 - Malignancy",
    5: "5 - Acute medical or surgical condition",
    6: "6 - Chronic medical condition",
    7: "7 - Chromosomal, genetic and congenital anomalies",
    8: "8 - Perinatal/neonatal event",
    9: "9 - Infection",
    10: "10 - Sudden unexpected, unexplained death",
}
# Every table cell on the page, read in one call (a re-drawn table cannot go stale mid-read).
_TABLES = """return [...document.querySelectorAll('#child-deaths-tables table')].map(t => ({
  heading: t.closest('div:has(> h3)').querySelector('h3').innerText,
  rows: [...t.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('td')]
        .map(c => c.innerText.trim()))}));"""


# The sample's ethnic group wordings and their ONS 2021 census high-level groups.
ONS_GROUPS = {"White": "White", "Mixed": "Mixed", "Asian or Asian British": "Asian",
              "Black or Black British": "Black", "Other ethnic group": "Other"}


def independent_counts(settings, area: str, year: str, by: str = "category") -> pd.Series:
    """Infant reviews completed in the financial year, by category (or by ethnic group),
    from the extract file."""
    cdop = pd.read_csv(Path(settings.instance_dir) / "sample" / "cdop.csv")
    closed = pd.to_datetime(cdop["review_closed_date"])
    first = int(year[:4])
    done = cdop[(cdop["area_code"] == area) & (cdop["age_at_death_days"] < 365)
                & (closed >= f"{first}-04-01") & (closed <= f"{first + 1}-03-31")]
    if by == "ethnic_group":
        return done["ethnic_group"].map(ONS_GROUPS).fillna("Not known").value_counts()
    return done["category"].map(CATEGORY_NAMES).value_counts()


def page_tables(dash_duo) -> dict[str, list[list[str]]]:
    return {t["heading"]: t["rows"] for t in dash_duo.driver.execute_script(_TABLES)}


def assert_category_table(dash_duo, expected: pd.Series, k: int) -> None:
    rows = dict((r[0], r[1]) for r in page_tables(dash_duo)["Category of death"])
    for name in CATEGORY_NAMES.values():
        true = int(expected.get(name, 0))
        shown = rows[name]
        assert shown == f"{true:,}" or (shown == "hidden" and true > 0), (name, shown, true)
        if 1 <= true <= k:
            assert shown == "hidden", name
    total = int(expected.sum())
    assert rows["Total"] == (f"{total:,}" if total > k else "hidden")


def assert_no_small_number_on_screen(dash_duo, k: int) -> None:
    for heading, rows in page_tables(dash_duo).items():
        for row in rows:
            for cell in row[1:]:
                if re.fullmatch(r"[\d,]+", cell):
                    assert not 1 <= int(cell.replace(",", "")) <= k, (heading, row)
    labels = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#child-deaths-chart text.bartext')]"
        ".map(t => t.textContent);")
    assert labels and all(t == "hidden" or int(t.replace(",", "")) > k or t == "0"
                          for t in labels), labels


def test_review_tables_match_the_extract_and_hide_small_counts(dash_duo, dashboard,
                                                               sample_settings):
    k = sample_settings.small_count_max
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/child-deaths?area={AREA}")
    dash_duo.wait_for_element("#child-deaths-chart .main-svg", timeout=20)
    wait_for(dash_duo, lambda: "period=" in dash_duo.driver.current_url, "URL carries the year")
    year = re.search(r"period=(\d{4})%2F(\d{2})", dash_duo.driver.current_url)
    year = f"{year[1]}/{year[2]}"
    assert f"Counts from 1 to {k} are not shown" in dash_duo.find_element(".disclosure-note").text
    wait_for(dash_duo, lambda: "Category of death" in page_tables(dash_duo), "tables drawn")
    assert_category_table(dash_duo, independent_counts(sample_settings, AREA, year), k)
    assert_no_small_number_on_screen(dash_duo, k)

    # Another year, chosen by keyboard: URL and tables follow.
    other = f"{int(year[:4]) - 2}/{str(int(year[:4]) - 1)[2:]}"
    choose_by_keyboard(dash_duo, url_control(dash_duo, "child-deaths", "period"), other)
    wait_for(dash_duo, lambda: f"period={other.replace('/', '%2F')}" in dash_duo.driver.current_url,
             "URL follows the year")
    wait_for(dash_duo, lambda: f"Manchester, {other}" in dash_duo.find_element(
        "#child-deaths-chart .gtitle").text, "chart for the other year")
    expected = independent_counts(sample_settings, AREA, other)
    wait_for(dash_duo, lambda: dict((r[0], r[1]) for r in page_tables(dash_duo)[
        "Category of death"]).get("Total") == f"{int(expected.sum()):,}", "tables for the year")
    assert_category_table(dash_duo, expected, k)
    assert_no_small_number_on_screen(dash_duo, k)

    # The CSV holds the same published numbers, hidden ones blank, none from 1 to k.
    folder = Path(dash_duo.download_path)
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(
        "return document.querySelectorAll('.dash-spinner').length === 0;"), "page settled")
    click_in_view(dash_duo, "#child-deaths-download-button")
    wait_for(dash_duo, lambda: any(p.suffix == ".csv" for p in folder.iterdir()), "CSV saved")
    csv = pd.read_csv(next(p for p in folder.iterdir() if p.suffix == ".csv"))
    assert list(csv.columns) == DOWNLOAD_COLUMNS  # the layout every page's CSV shares
    assert not csv["Count"].between(1, k).any()
    assert (csv["Count"].isna() == csv["Value note"].eq("Hidden to protect confidentiality")).all()
    category = csv[csv["Category Type"] == "Category of death"].set_index("Category")["Count"]
    assert category["Total"] == expected.sum()
    shown = category.drop("Total").dropna()
    assert (shown == expected.reindex(shown.index, fill_value=0)).all()
    # Reviews by ethnic group: the ONS groups, under the same disclosure control.
    ethnic = csv[csv["Category Type"] == "Ethnic group"].set_index("Category")["Count"]
    assert set(ethnic.index) <= {*ONS_GROUPS.values(), "Not known", "Total"}
    assert ethnic["Total"] == expected.sum()
    by_group = independent_counts(sample_settings, AREA, other, by="ethnic_group")
    shown = ethnic.drop("Total").dropna()
    assert len(shown) >= 2 and (shown == by_group.reindex(shown.index, fill_value=0)).all()
    on_page = dict((r[0], r[1]) for r in page_tables(dash_duo)["Ethnic group"])
    assert set(on_page) == set(ethnic.index)
    assert dash_duo.get_logs() == []


def test_an_area_without_reviews_gets_a_plain_message(dash_duo, dashboard):
    dash_duo.start_server(dashboard)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/child-deaths?area=E12000007&view=age_band")
    wait_for(dash_duo, lambda: "no child death review records for London" in
             dash_duo.find_element("#child-deaths-summary").text, "plain message for London")
    assert dash_duo.driver.execute_script(_TABLES) == []
    assert dash_duo.get_logs() == []
