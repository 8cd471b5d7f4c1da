"""The relative risks the scenario table computes from ONS counts, recomputed from the
published workbook read in place (ONS child mortality death cohort tables, 2020), and the
unexplained share stated with its source."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest

from indicators.scenarios.published import DH_2007_CONTRIBUTIONS
from indicators.scenarios.risks import DEFAULT_RELATIVE_RISKS, UNEXPLAINED_SHARE

WORKBOOK = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "raw"
            / "ons-child-mortality" / "EXAMPLE_cim2020deathcohortworkbook.xlsx")
RISKS = {risk.key: risk for risk in DEFAULT_RELATIVE_RISKS}
Z = 1.959963984540054


def _katz(deaths_1: float, births_1: float, deaths_0: float, births_0: float):
    ratio = (deaths_1 / births_1) / (deaths_0 / births_0)
    se = math.sqrt(1 / deaths_1 - 1 / births_1 + 1 / deaths_0 - 1 / births_0)
    return ratio, ratio * math.exp(-Z * se), ratio * math.exp(Z * se)


@pytest.fixture(scope="module")
def sheets() -> dict[str, list[tuple]]:
    if not WORKBOOK.exists():
        pytest.skip(f"{WORKBOOK} is not present")
    book = openpyxl.load_workbook(WORKBOOK, read_only=True)
    wanted = {name.strip(): name for name in book.sheetnames}
    return {key: list(book[wanted[key]].iter_rows(values_only=True))
            for key in ("Table_16", "Table_21")}


def test_mother_under_20_from_table_16(sheets):
    header = next(r for r in sheets["Table_16"] if r[0] == "Place of delivery")
    births, deaths = header.index("Live births"), header.index("Infant deaths")
    rows = {str(r[1]).strip(): r for r in sheets["Table_16"]
            if r[0] and str(r[0]).strip() == "All" and r[1]}
    older = [rows[age] for age in ("20-24", "25-29", "30-34", "35-39", "40 and over")]
    ratio, lower, upper = _katz(rows["<20"][deaths], rows["<20"][births],
                                sum(r[deaths] for r in older), sum(r[births] for r in older))
    risk = RISKS["mother_under_20"]
    assert (risk.relative_risk, risk.lower, risk.upper) == pytest.approx(
        (ratio, lower, upper), abs=5e-4)
    assert "Table 16" in risk.source and "15,940" in risk.source


def test_most_deprived_quintile_from_table_21(sheets):
    counts = {}
    for row in sheets["Table_21"]:
        if row[0] in (2018, 2019, 2020) and row[1] in (1, 2, 9, 10):
            quintile = 1 if row[1] <= 2 else 5
            deaths, births = counts.get(quintile, (0, 0))
            counts[quintile] = (deaths + row[5], births + row[2])
    ratio, lower, upper = _katz(*counts[1], *counts[5])
    risk = RISKS["most_deprived_quintile"]
    assert (risk.relative_risk, risk.lower, risk.upper) == pytest.approx(
        (ratio, lower, upper), abs=5e-4)
    assert counts == {1: (2329, 469104), 5: (727, 276337)}


def test_every_risk_names_its_source_and_sids_risks_act_on_the_unexplained_share():
    assert UNEXPLAINED_SHARE == 0.073
    for risk in DEFAULT_RELATIVE_RISKS:
        assert len(risk.source) > 40, risk.key
        sids = "sudden infant death" in risk.outcome
        assert risk.applies_to_share == (UNEXPLAINED_SHARE if sids else 1.0), risk.key


def test_published_contributions_point_at_known_risks():
    for _, key, _ in DH_2007_CONTRIBUTIONS:
        assert not key or key in RISKS
    assert dict((label, key) for label, key, _ in DH_2007_CONTRIBUTIONS)[
        "Reducing under-18 conceptions"] == "mother_under_20"
