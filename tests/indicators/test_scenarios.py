"""The scenario engine against hand-worked cases, and its simulated intervals' coverage."""

from __future__ import annotations

import math

import numpy as np
import pytest

from indicators.scenarios.arithmetic import (
    combined_fraction,
    deaths_avoided,
    excess_deaths,
    impact_fraction,
)
from indicators.scenarios.risks import (
    DEFAULT_RELATIVE_RISKS,
    RelativeRisk,
    parse_relative_risks,
    relative_risks_csv,
)
from indicators.scenarios.simulate import (
    SCENARIO_COLUMNS,
    Change,
    Deaths,
    combined_avoided,
    gap,
    scenario_table,
)


def _risk(rr=1.88, lower=1.79, upper=1.97, share=1.0, key="smoking"):
    return RelativeRisk(key, "Smoking in pregnancy", "smoking", "infant death", rr, lower,
                        upper, share, "smoking_delivery", "value", "test")


def test_levin_partial_change_worked_by_hand():
    # (0.14 - 0.088)(1.88 - 1) / (1 + 0.14 x 0.88) = 0.04576 / 1.1232 = 11/270
    assert impact_fraction(0.14, 0.088, 1.88) == pytest.approx(11 / 270, rel=1e-12)
    assert deaths_avoided(30, 0.14, 0.088, 1.88) == pytest.approx(11 / 9, rel=1e-12)


def test_levin_whole_exposure_removed_is_the_classic_paf():
    # p = 0.5, RR = 3: 0.5 x 2 / (1 + 1) = 0.5
    assert impact_fraction(0.5, 0.0, 3.0) == pytest.approx(0.5)
    # no change, or RR 1: nothing avoided; a worse target costs deaths
    assert impact_fraction(0.2, 0.2, 2.0) == 0
    assert impact_fraction(0.2, 0.1, 1.0) == 0
    assert impact_fraction(0.1, 0.2, 2.0) < 0


def test_applies_to_share_scales_the_fraction():
    assert impact_fraction(0.5, 0.0, 3.0, 0.075) == pytest.approx(0.0375)


def test_factors_combine_multiplicatively():
    assert float(combined_fraction([0.1, 0.2])) == pytest.approx(0.28)  # 1 - 0.9 x 0.8
    assert float(combined_fraction([0.0])) == 0


def test_excess_deaths_worked_by_hand():
    assert float(excess_deaths(30, 6000, 4.0)) == pytest.approx(6.0)  # 30 - 6000 x 4/1000


def test_table_point_values_and_share_of_gap():
    deaths = Deaths(count=90, births=18000, years=3)  # 30 deaths and 6,000 births a year
    table = scenario_table(deaths, [Change(_risk(), 0.14, 0.088, "smoking_delivery")], 6.0)
    assert list(table.columns) == SCENARIO_COLUMNS
    row = table.iloc[0]
    assert row.expected_deaths_per_year == pytest.approx(30)
    assert row.deaths_avoided_per_year == pytest.approx(11 / 9)
    assert row.share_of_gap == pytest.approx(11 / 9 / 6)
    assert row.deaths_avoided_lower < row.deaths_avoided_per_year < row.deaths_avoided_upper


def test_missing_prevalence_stays_missing_and_no_gap_gives_no_share():
    deaths = Deaths(count=90, births=18000, years=3)
    table = scenario_table(deaths, [Change(_risk(), math.nan, 0.088)], 6.0)
    assert math.isnan(table.iloc[0].deaths_avoided_per_year)
    assert math.isnan(table.iloc[0].deaths_avoided_lower)
    table = scenario_table(deaths, [Change(_risk(), 0.14, 0.088)], -2.0)
    assert math.isnan(table.iloc[0].share_of_gap)


def test_simulation_is_seeded():
    deaths = Deaths(count=90, births=18000, years=3)
    first = scenario_table(deaths, [Change(_risk(), 0.14, 0.088)], 6.0, seed=1)
    again = scenario_table(deaths, [Change(_risk(), 0.14, 0.088)], 6.0, seed=1)
    assert first.equals(again)


def test_combined_and_gap_intervals():
    deaths = Deaths(count=90, births=18000, years=3)
    changes = [Change(_risk(), 0.14, 0.088), Change(_risk(1.55, 1.41, 1.70, key="o"), 0.25, 0.2)]
    point, lower, upper = combined_avoided(deaths, changes)
    separate = [deaths_avoided(30, c.current, c.target, c.risk.relative_risk) for c in changes]
    assert point == pytest.approx(30 * float(combined_fraction(
        [impact_fraction(c.current, c.target, c.risk.relative_risk) for c in changes])))
    assert point < sum(separate) and lower < point < upper
    excess, low, high = gap(deaths, 4.0)
    assert excess == pytest.approx(6.0) and low < 6 < high
    # against a reference group with its own count: 20 deaths in 10,000 births = 2 per 1,000
    excess, low, high = gap(deaths, math.nan, Deaths(count=20, births=10000, years=3))
    assert excess == pytest.approx(30 - 6000 * 2 / 1000)


def test_interval_coverage_on_a_synthetic_case():
    """Known truth: 30 deaths a year over 3 years, RR 2 with log-SE 0.05 (the count's
    error and the RR's weigh about equally, so leaving either out shows). Each replicate
    observes a Poisson count and a published RR drawn about the truth; about 95% of the
    simulated intervals should hold the true deaths avoided."""
    truth_rate, true_rr, se, p, target = 30.0, 2.0, 0.05, 0.2, 0.1
    true_avoided = truth_rate * float(impact_fraction(p, target, true_rr))
    rng = np.random.default_rng(12345)
    replicates, covered = 400, 0
    for _ in range(replicates):
        count = rng.poisson(truth_rate * 3)
        rr = math.exp(rng.normal(math.log(true_rr), se))
        risk = _risk(rr, rr * math.exp(-1.959964 * se), rr * math.exp(1.959964 * se))
        row = scenario_table(Deaths(count, 18000, 3), [Change(risk, p, target)], 5.0,
                             draws=2000, seed=int(rng.integers(1 << 30))).iloc[0]
        covered += row.deaths_avoided_lower <= true_avoided <= row.deaths_avoided_upper
    assert 0.92 <= covered / replicates <= 0.98


def test_default_table_round_trips_through_the_override_format():
    assert parse_relative_risks(relative_risks_csv()) == DEFAULT_RELATIVE_RISKS
    for risk in DEFAULT_RELATIVE_RISKS:
        assert risk.lower <= risk.relative_risk <= risk.upper and risk.source


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace(",1.88,", ",lots,"), "line 2: column relative_risk: 'lots' is not"),
    (lambda t: t.replace(",1.88,1.79,", ",1.5,1.79,"),
     "line 2: relative risk 'smoking_delivery': need 0 < lower"),
    (lambda t: t.replace("relative_risk,", "rr,", 1), "missing column(s) relative_risk"),
    (lambda t: t.splitlines()[0] + "\n", "no relative risks"),
])
def test_override_file_errors_are_located(edit, message):
    with pytest.raises(ValueError) as error:
        parse_relative_risks(edit(relative_risks_csv()), "risks.csv")
    assert message in str(error.value) and str(error.value).startswith("risks.csv")
