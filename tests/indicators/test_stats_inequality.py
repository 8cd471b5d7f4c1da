"""SII/RII against PHEindicatormethods' testdata_SII.xlsx; excess deaths against ONS Table_21."""

import numpy as np
import pandas as pd
import pytest

from indicators.stats.excess import excess_events, reference_groups
from indicators.stats.inequality import slope_index_of_inequality
from indicators.stats.rates import crude_rate

REL = 1e-6
# Simulated limits use a different random generator from R's, so they agree only to
# Monte Carlo error; PHEindicatormethods' own tests allow 5%.
SIM_REL = 0.02
REPETITIONS = 20_000


@pytest.fixture(scope="module")
def sii_fixture(phe_methods_dir):
    return pd.read_excel(phe_methods_dir / "testdata_SII.xlsx")


CASES = [
    # (test description, value_type, transform, multiplier)
    ("rate (e.g. infant mortality) - intercept", "rate", False, 1),
    ("rate (e.g. infant mortality) - log transform with intercept", "rate", True, 1),
    ("rate (e.g. infant mortality) - log transform with negative multiplier", "rate", True, -1),
    ("default (e.g. life expectancy) - intercept", "other", False, 1),
    ("proportion (e.g. child obesity) - intercept", "proportion", False, 1),
    ("proportion (e.g. child obesity) - logit transform with intercept", "proportion", True, 1),
]


@pytest.mark.parametrize(("description", "value_type", "transform", "multiplier"), CASES)
def test_sii_rii_and_limits_match_fixture(sii_fixture, description, value_type, transform,
                                          multiplier):
    rows = sii_fixture[sii_fixture["TestDescription"] == description]
    assert rows["Area"].nunique() == 2
    for _, area in rows.groupby("Area"):
        area = area.sort_values("Quantile")  # quantile 1 = most deprived first
        expected = area.iloc[0]
        result = slope_index_of_inequality(
            area["Value"], area["Population"], area["LowerCL"], area["UpperCL"],
            value_type=value_type, transform=transform, multiplier=multiplier,
            repetitions=REPETITIONS)
        assert result.sii == pytest.approx(expected["sii"], rel=REL)
        assert result.rii == pytest.approx(expected["rii"], rel=REL)
        assert result.intercept == pytest.approx(expected["Intercept"], rel=REL)
        assert result.sii_lower == pytest.approx(expected["sii_lowercl_1"], rel=SIM_REL)
        assert result.sii_upper == pytest.approx(expected["sii_uppercl_1"], rel=SIM_REL)
        assert result.rii_lower == pytest.approx(expected["rii_lowercl_1"], rel=SIM_REL)
        assert result.rii_upper == pytest.approx(expected["rii_uppercl_1"], rel=SIM_REL)


# Every transform = TRUE case of the fixture (phe_sii's log scale for rates, logit for
# proportions): description -> (value_type, multiplier, levels in the order of the
# fixture's _1 and _2 limit columns).
TRANSFORM_CASES = {
    "rate (e.g. infant mortality) - log transform with intercept": ("rate", 1, [0.95]),
    "rate (e.g. infant mortality) - log transform with negative multiplier": ("rate", -1, [0.95]),
    "rate (e.g. infant mortality) - log transform with multiple Cis (95 and 98)":
        ("rate", 1, [0.95, 0.98]),
    "rate (e.g. infant mortality) - log transform with 98% CI": ("rate", 1, [0.98]),
    "rate (e.g. infant mortality) - log transform without rii": ("rate", 1, [0.95]),
    "proportion (e.g. child obesity) - logit transform with intercept": ("proportion", 1, [0.95]),
    "proportion (e.g. child obesity) - logit transform with negative multiplier":
        ("proportion", -1, [0.95]),
    "proportion (e.g. child obesity) - logit transform without rii": ("proportion", 1, [0.95]),
    "proportion (e.g. child obesity) - logit transform with 98% cis": ("proportion", 1, [0.98]),
    "proportion (e.g. child obesity) - logit transform with 95% and 98% cis":
        ("proportion", 1, [0.95, 0.98]),
}


def test_every_transform_case_of_the_fixture_is_covered(sii_fixture):
    in_fixture = {d for d in sii_fixture["TestDescription"].unique() if "transform" in d}
    assert in_fixture == set(TRANSFORM_CASES)


@pytest.mark.parametrize("description", sorted(TRANSFORM_CASES))
def test_transformed_sii_and_rii_match_fixture(sii_fixture, description):
    value_type, multiplier, levels = TRANSFORM_CASES[description]
    rows = sii_fixture[sii_fixture["TestDescription"] == description]
    for _, area in rows.groupby("Area"):
        area = area.sort_values("Quantile")
        expected = area.iloc[0]
        for column, level in enumerate(levels, start=1):
            result = slope_index_of_inequality(
                area["Value"], area["Population"], area["LowerCL"], area["UpperCL"],
                value_type=value_type, transform=True, multiplier=multiplier,
                confidence=level, repetitions=REPETITIONS)
            assert result.sii == pytest.approx(expected["sii"], rel=REL)
            assert result.intercept == pytest.approx(expected["Intercept"], rel=REL)
            assert result.sii_lower == pytest.approx(expected[f"sii_lowercl_{column}"], rel=SIM_REL)
            assert result.sii_upper == pytest.approx(expected[f"sii_uppercl_{column}"], rel=SIM_REL)
            if pd.isna(expected["rii"]):  # the "without rii" cases
                continue
            assert result.rii == pytest.approx(expected["rii"], rel=REL)
            assert result.rii_lower == pytest.approx(expected[f"rii_lowercl_{column}"], rel=SIM_REL)
            assert result.rii_upper == pytest.approx(expected[f"rii_uppercl_{column}"], rel=SIM_REL)
            assert 0 < result.rii_lower < result.rii < result.rii_upper


def test_a_zero_rate_cannot_be_fitted_on_the_log_scale():
    with pytest.raises(ValueError, match="must be above 0 to fit on the log scale"):
        slope_index_of_inequality([0.0, 2.0, 3.0, 4.0, 5.0], [100] * 5, [0.0, 1, 2, 3, 4],
                                  [3.0, 4, 5, 6, 7], transform=True, repetitions=1000)


def test_methods_md_infant_mortality_reference(sii_fixture):
    rows = sii_fixture[sii_fixture["TestDescription"] == CASES[0][0]]
    area = rows[rows["Area"] == "area1"].sort_values("Quantile")
    args = (area["Value"], area["Population"], area["LowerCL"], area["UpperCL"])
    plain = slope_index_of_inequality(*args, repetitions=1000)
    logged = slope_index_of_inequality(*args, transform=True, repetitions=1000)
    assert (round(plain.sii, 4), round(plain.rii, 4)) == (-3.2752, 0.4060)
    assert (round(logged.sii, 4), round(logged.rii, 4)) == (-3.1559, 0.4419)


def test_limits_are_reproducible_with_a_seed_and_differ_between_seeds(sii_fixture):
    rows = sii_fixture[sii_fixture["TestDescription"] == CASES[0][0]]
    area = rows[rows["Area"] == "area1"].sort_values("Quantile")
    args = (area["Value"], area["Population"], area["LowerCL"], area["UpperCL"])
    first = slope_index_of_inequality(*args, repetitions=2000, seed=1)
    again = slope_index_of_inequality(*args, repetitions=2000, seed=1)
    other = slope_index_of_inequality(*args, repetitions=2000, seed=2)
    assert first == again
    assert first.sii_lower != other.sii_lower


def test_se_can_be_given_instead_of_limits(sii_fixture):
    rows = sii_fixture[sii_fixture["TestDescription"] == CASES[3][0]]
    area = rows[rows["Area"] == "area1"].sort_values("Quantile")
    result = slope_index_of_inequality(area["Value"], area["Population"],
                                       se=area["StandardError"], value_type="other",
                                       repetitions=REPETITIONS)
    assert result.sii_lower == pytest.approx(area.iloc[0]["sii_lowercl_1"], rel=SIM_REL)


def test_zero_lower_limit_cannot_be_simulated_on_the_log_scale():
    with pytest.raises(ValueError, match="lower95 must be above 0"):
        slope_index_of_inequality([0.0, 2.0, 3.0], [100, 100, 100], [0.0, 1.0, 2.0],
                                  [3.0, 4.0, 5.0], repetitions=1000)


@pytest.fixture(scope="module")
def ons_quintiles_2020(ons_child_mortality_workbook):
    table = pd.read_excel(ons_child_mortality_workbook, sheet_name="Table_21", header=4)
    table = table[(table["Year"] == 2020) & (table["IMD"] != "Total")].copy()
    table["quintile"] = (table["IMD"].astype(int) + 1) // 2  # decile 1-2 -> quintile 1
    return table.groupby("quintile")[["Live births", "Infant deaths"]].sum()


def test_excess_infant_deaths_england_2020(ons_quintiles_2020):
    deaths = ons_quintiles_2020["Infant deaths"].to_numpy(float)
    births = ons_quintiles_2020["Live births"].to_numpy(float)
    assert deaths.sum() == 2100  # England 2020 (ONS Table_21 total row)
    result = excess_events(deaths, births, repetitions=20_000)
    least_deprived_rate = deaths[-1] / births[-1]
    expected = sum(d - least_deprived_rate * b for d, b in zip(deaths, births, strict=True))
    assert result.excess == pytest.approx(expected, rel=1e-12)
    assert result.paf == pytest.approx(expected / 2100, rel=1e-12)
    assert 0.2 < result.paf < 0.45  # about a quarter to a third of infant deaths
    assert result.excess_lower < result.excess < result.excess_upper
    assert result.paf_lower < result.paf < result.paf_upper


def test_sii_on_ons_quintiles_is_negative_for_infant_mortality(ons_quintiles_2020):
    deaths = ons_quintiles_2020["Infant deaths"]
    births = ons_quintiles_2020["Live births"]
    rates = crude_rate(deaths, births)
    result = slope_index_of_inequality(rates["value"], births, rates["lower95"],
                                       rates["upper95"], repetitions=5000)
    # fitted least deprived rate is lower than the most deprived one
    assert result.sii < 0 and 0 < result.rii < 1
    assert result.sii_lower < result.sii < result.sii_upper


def test_excess_needs_events():
    with pytest.raises(ValueError, match="no events"):
        excess_events([0, 0], [100, 100])
    assert np.isfinite(excess_events([3, 1], [100, 100], repetitions=1000).excess)


def test_reference_is_the_least_deprived_group_then_the_two_least_deprived_then_none():
    assert reference_groups([30, 20, 15, 12, 10]) == (4,)
    assert reference_groups([30, 20, 15, 6, 4]) == (3, 4)
    assert reference_groups([30, 20, 15, 5, 4]) is None
    assert reference_groups([30, 20, 15, 0, 0]) is None


def test_pooled_reference_uses_summed_counts_over_summed_denominators():
    deaths, births = [40.0, 30, 20, 6, 4], [5000.0, 5000, 5000, 4000, 4000]
    result = excess_events(deaths, births, reference=(3, 4), repetitions=5000)
    rate = (6 + 4) / 8000
    assert result.reference_rate == pytest.approx(rate, rel=1e-12)
    assert result.reference == (3, 4)
    assert result.excess == pytest.approx(sum(deaths) - rate * sum(births), rel=1e-12)
    assert result.excess_lower < result.excess < result.excess_upper
