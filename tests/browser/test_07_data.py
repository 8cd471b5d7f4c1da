"""Data page in headless Chromium: the intelligence team signs in, a malformed extract is
refused with located problems and nothing changes, then a new year is loaded and stored;
the reconciliation table turns its pages at desktop, tablet and phone widths."""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pandas as pd
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from sqlalchemy import func, select

from data.auth import hash_password
from data.queries.reconcile import reconciliation
from data.schema import indicator_value, load, raw_row
from data.store import make_engine
from tests.browser.helpers import table_cells, wait_for
from tests.browser.test_08_accessibility import DESKTOP, PHONE, TABLET, set_viewport, width_problems

pytestmark = pytest.mark.browser

USER, PASSWORD = "analyst", "browser test passphrase"
AREA = "E06000008"  # Blackburn with Darwen


@pytest.fixture
def upload_settings(sample_settings, tmp_path):
    """The sample store copied (uploads change it) and served with one known uploader."""
    shutil.copy(sample_settings.database_url.removeprefix("sqlite:///"), tmp_path / "store.sqlite")
    return dataclasses.replace(
        sample_settings, database_url=f"sqlite:///{tmp_path / 'store.sqlite'}",
        instance_dir=tmp_path, secret_key="browser test secret, long enough",
        upload_users={USER: hash_password(PASSWORD)})


@pytest.fixture
def engine(upload_settings):
    engine = make_engine(upload_settings)
    yield engine
    engine.dispose()


def _text(dash_duo, selector: str) -> str:
    elements = dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)
    return elements[0].text if elements else ""


def _store_state(engine) -> tuple:
    with engine.connect() as connection:
        raw = connection.execute(select(func.count()).select_from(raw_row)).scalar_one()
        values = connection.execute(select(func.count(), func.sum(indicator_value.c.value))).one()
    return raw, tuple(values)


def _sign_in(dash_duo, password: str) -> None:
    dash_duo.find_element("#data-sign-in-user").send_keys(USER)
    dash_duo.find_element("#data-sign-in-password").send_keys(password)
    dash_duo.find_element("#data-sign-in-button").click()


def _upload(dash_duo, path) -> None:
    dash_duo.find_element("#data-upload input[type=file]").send_keys(str(path))
    wait_for(dash_duo, lambda: path.name in _text(dash_duo, "#data-upload-chosen"), "file chosen")
    dash_duo.find_element("#data-upload-button").click()


def _first_history_row(dash_duo) -> str:
    return _text(dash_duo, "#data-history tbody tr")


def test_sign_in_refused_upload_then_a_new_year(dash_duo, sample_settings, upload_settings, engine,
                                                 tmp_path):
    from app import create_app

    dash_duo.start_server(create_app(upload_settings))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/data")
    wait_for(dash_duo, lambda: "sample-data" in _first_history_row(dash_duo), "load history")
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#data-upload")  # not signed in

    # Data-quality flags: the page lists exactly the flagged values of the store.
    with engine.connect() as connection:
        flagged = connection.execute(select(func.count()).where(indicator_value.c.dq_flag.is_not(None),
                                                                indicator_value.c.dq_flag != "")
                                     ).scalar_one()
        worst = connection.execute(select(indicator_value.c.dq_flag, indicator_value.c.dq_value)
                                   .order_by(indicator_value.c.dq_value.desc()).limit(1)).one()
    flags = _text(dash_duo, "#data-flags")
    assert f"{flagged:,} flagged values." in flags
    assert worst.dq_flag in flags and f"{worst.dq_value:.1f}" in flags

    _sign_in(dash_duo, "a wrong password")
    wait_for(dash_duo, lambda: "not recognised" in _text(dash_duo, "#data-upload-panel"),
             "sign-in refused")
    _sign_in(dash_duo, PASSWORD)
    wait_for(dash_duo, lambda: f"Signed in as {USER}" in _text(dash_duo, "#data-upload-panel"),
             "signed in")

    # A malformed births and deaths extract: every problem located, nothing changed.
    births = pd.read_csv(sample_settings.instance_dir / "sample" / "births_deaths.csv")
    before = _store_state(engine)
    bad = births[births["area_code"] == AREA].head(3).copy()
    bad["live_births"] = bad["live_births"].astype(object)
    bad.iloc[1, bad.columns.get_loc("live_births")] = "many"
    bad.iloc[2, bad.columns.get_loc("area_code")] = "E06999999"
    bad_path = tmp_path / "bad_births.csv"
    bad.to_csv(bad_path, index=False)
    _upload(dash_duo, bad_path)
    wait_for(dash_duo, lambda: "Refused" in _text(dash_duo, "#data-upload-report"), "refusal shown")
    report = _text(dash_duo, "#data-upload-report")
    assert "bad_births.csv 3 live_births many" in report  # file, row, column, value
    assert "E06999999" in report and "Refused: 2 problems" in report
    wait_for(dash_duo, lambda: "refused" in _first_history_row(dash_duo), "refused load listed")
    assert USER in _first_history_row(dash_duo) and "bad_births.csv" in _first_history_row(dash_duo)
    assert _store_state(engine) == before

    # A valid file with the next year for one area: loaded, listed, and its values stored.
    latest = births[births["area_code"] == AREA].sort_values("year").iloc[-1].copy()
    new_year = int(births["year"].max()) + 1
    latest["year"] = new_year
    good_path = tmp_path / "births_next_year.csv"
    pd.DataFrame([latest]).to_csv(good_path, index=False)
    _upload(dash_duo, good_path)
    wait_for(dash_duo, lambda: "Loaded: 1 row read." in _text(dash_duo, "#data-upload-report"),
             "load shown")
    assert f"new period {new_year}" in _text(dash_duo, "#data-upload-report")
    wait_for(dash_duo, lambda: "births_next_year.csv" in _first_history_row(dash_duo), "load listed")
    row = _first_history_row(dash_duo)
    assert "loaded" in row and USER in row and f"new period {new_year}" in row

    with engine.connect() as connection:
        stored = connection.execute(select(indicator_value.c.value).where(
            indicator_value.c.indicator_id == "infant_mortality", indicator_value.c.area_code == AREA,
            indicator_value.c.period_label == str(new_year), indicator_value.c.category_type == "")
        ).scalar_one()
        who = connection.execute(select(load.c.user_name).order_by(load.c.id.desc())).scalars().first()
    assert stored == pytest.approx(latest["infant_deaths"] / latest["live_births"] * 1000)
    assert who == USER
    assert dash_duo.get_logs() == []


PAIRS = "#data-reconcile-pairs"


def _by_largest_difference(engine) -> list[str]:
    """Area names of the store's local-against-published pairs, largest |count difference|
    first, then |value difference|, then |denominator difference|; ties in the query's order."""
    pairs = reconciliation(engine)
    keys = [-pairs[c].astype(float).abs().fillna(-np.inf).to_numpy() for c in (
        "denominator_difference", "value_difference", "count_difference")]
    order = np.lexsort(keys)  # the last key sorts first; lexsort is stable
    return list(pairs["area_name"].to_numpy()[order])


def _pairs_status(dash_duo) -> str:
    return _text(dash_duo, f"{PAIRS}-status")


def test_reconciliation_table_turns_its_pages(dash_duo, dashboard, sample_settings):
    engine = make_engine(sample_settings)
    names, total = _by_largest_difference(engine), len(reconciliation(engine))
    engine.dispose()
    assert total > 40  # three pages at least, or the test shows nothing
    dash_duo.start_server(dashboard)
    for size, by_keyboard in ((DESKTOP, False), (TABLET, True), (PHONE, False)):
        set_viewport(dash_duo, size)
        dash_duo.wait_for_page(f"{dash_duo.server_url}/data")
        wait_for(dash_duo, lambda: _pairs_status(dash_duo).startswith("Rows 1–20 of"), "page 1")
        assert _pairs_status(dash_duo) == f"Rows 1–20 of {total:,} (page 1 of {-(-total // 20)})"
        rows = table_cells(dash_duo, f"{PAIRS}-rows tbody tr")
        assert [row[0] for row in rows] == names[:20], size
        previous, following = (dash_duo.find_element(f"{PAIRS}-{b}") for b in ("previous", "next"))
        assert previous.get_attribute("aria-disabled") == "true"
        if by_keyboard:  # Tab to the button, then Enter, as a keyboard user would
            dash_duo.driver.execute_script("arguments[0].focus();", previous)
            dash_duo.driver.switch_to.active_element.send_keys(Keys.TAB)
            dash_duo.driver.switch_to.active_element.send_keys(Keys.ENTER)
        else:
            following.click()
        wait_for(dash_duo, lambda: _pairs_status(dash_duo).startswith("Rows 21–40 of"), "page 2")
        rows = table_cells(dash_duo, f"{PAIRS}-rows tbody tr")
        assert [row[0] for row in rows] == names[20:40], size
        assert previous.get_attribute("aria-disabled") == "false"
        if by_keyboard:
            focused = dash_duo.driver.switch_to.active_element.get_attribute("id")
            assert focused == following.get_attribute("id")  # the focus stays on Next
        assert not width_problems(dash_duo), size
        previous.click()
        wait_for(dash_duo, lambda: _pairs_status(dash_duo).startswith("Rows 1–20 of"), "back")
    assert dash_duo.get_logs() == []
