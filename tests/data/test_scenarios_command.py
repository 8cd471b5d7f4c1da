"""`python -m data scenarios` on a real SQLite store of hand-made values, against
deaths avoided worked out by hand (Levin's fraction, see tests/indicators)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from data.catalogue_store import write_catalogue
from data.schema import area, indicator_value
from data.settings import Settings
from data.store import make_engine, upgrade
from indicators.scenarios.risks import relative_risks_csv
from indicators.scenarios.simulate import SCENARIO_COLUMNS
from tests.support.command_line import data_command

AREA = "E06000009"
# (indicator, area, period, year_range, category_type, category, count, denominator, value)
VALUES = [
    ("infant_mortality_3yr", AREA, "2021 - 23", 3, "", "", 60, 18000, 3.3),
    ("infant_mortality_3yr", AREA, "2023 - 25", 3, "", "", 90, 18000, 5.0),
    ("infant_mortality_3yr", "E92000001", "2023 - 25", 3, "", "", 5000, 1250000, 4.0),
    ("infant_mortality_imd_3yr", AREA, "2023 - 25", 3, "IMD quintile", "5 - least deprived",
     20, 10000, 2.0),
    ("smoking_delivery", AREA, "2025/26", 1, "", "", 140, 1000, 14.0),
    ("smoking_delivery", "E92000001", "2025/26", 1, "", "", 88, 1000, 8.8),
]


def _row(indicator_id, code, period, years, category_type, category, count, denominator,
         value) -> dict:
    return {
        "indicator_id": indicator_id, "area_code": code, "period_label": period,
        "period_kind": "calendar", "period_start": "2023-01-01", "period_end": "2025-12-31",
        "year_range": years, "period_sortable": int(period[:4]), "category_type": category_type,
        "category": category, "count": count, "denominator": denominator, "value": value,
        "value_note": None, "compared_england": "", "compared_region": "",
        "recent_trend": "", "computed_at": datetime.now(UTC), "load_id": 1,
    }


@pytest.fixture
def run(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = make_engine(Settings(database_url=url, instance_dir=tmp_path))
    upgrade(engine)
    with engine.begin() as connection:
        write_catalogue(connection)
        connection.execute(area.insert(), [
            {"code": "E92000001", "name": "England", "area_type": "england", "parent_code": None},
            {"code": AREA, "name": "Blackpool", "area_type": "county_ua",
             "parent_code": "E92000001"}])
        connection.execute(indicator_value.insert(), [_row(*v) for v in VALUES])
    engine.dispose()

    return data_command(url, tmp_path, "scenarios")


def _rows(stdout: str) -> dict[str, dict]:
    reader = csv.DictReader(io.StringIO(stdout))
    assert reader.fieldnames == SCENARIO_COLUMNS
    return {row["risk_factor"]: row for row in reader}


def test_defaults_to_england_and_matches_hand_working(run):
    result = run("--area", AREA)
    assert result.returncode == 0, result.stderr
    smoking = _rows(result.stdout)["Smoking in pregnancy"]
    # 30 deaths a year; (0.14 - 0.088) x 0.88 / (1 + 0.14 x 0.88) = 11/270 -> 11/9 a year;
    # the gap: 30 - 6,000 births x 4.0/1,000 = 6 a year
    assert float(smoking["current_prevalence"]) == pytest.approx(0.14)
    assert float(smoking["target_prevalence"]) == pytest.approx(0.088)
    assert float(smoking["expected_deaths_per_year"]) == pytest.approx(30)
    assert float(smoking["deaths_avoided_per_year"]) == pytest.approx(11 / 9)
    assert float(smoking["share_of_gap"]) == pytest.approx(11 / 54)
    assert float(smoking["deaths_avoided_lower"]) < 11 / 9 < float(smoking["deaths_avoided_upper"])
    # missing stays missing: no breastfeeding values are stored
    assert _rows(result.stdout)["Not breastfed"]["deaths_avoided_per_year"] == ""
    assert "against England: 6.0" in result.stderr
    # least deprived quintile: 2 per 1,000 -> 30 - 6,000 x 2/1,000 = 18 a year
    assert "least deprived quintile: 18.0" in result.stderr


def test_target_by_fingertips_id_in_the_indicators_unit(run):
    result = run("--area", AREA, "--target", "93085=6.0")
    smoking = _rows(result.stdout)["Smoking in pregnancy"]
    assert float(smoking["target_prevalence"]) == pytest.approx(0.06)
    assert float(smoking["deaths_avoided_per_year"]) == pytest.approx(30 * 0.08 * 0.88 / 1.1232)
    same = run("--area", AREA, "--target", "smoking_delivery=6.0")
    assert same.stdout == result.stdout


def test_relative_risks_from_the_teams_file(run, tmp_path):
    own = tmp_path / "risks.csv"
    own.write_text(relative_risks_csv().replace(",1.88,1.79,1.97,", ",2.0,1.5,2.5,"))
    result = run("--area", AREA, DASHBOARD_RELATIVE_RISKS=str(own))
    smoking = _rows(result.stdout)["Smoking in pregnancy"]
    assert float(smoking["deaths_avoided_per_year"]) == pytest.approx(30 * 0.052 / 1.14)
    own.write_text(relative_risks_csv().replace(",1.88,", ",many,"))
    bad = run("--area", AREA, DASHBOARD_RELATIVE_RISKS=str(own))
    assert bad.returncode == 2 and bad.stdout == ""
    assert f"{own}, line 2: column relative_risk: 'many' is not a number" in bad.stderr


@pytest.mark.parametrize("args, message", [
    (["--area", "E99999999"], "Area 'E99999999' is not in the store"),
    (["--area", AREA, "--target", "93085"], "write it as INDICATOR=VALUE"),
    (["--area", AREA, "--target", "93085=lots"], "'lots' is not a number"),
    (["--area", AREA, "--target", "92196=3"], "no risk factor for '92196'"),
])
def test_bad_requests_are_refused_plainly(run, args, message):
    result = run(*args)
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""
