"""Sample deprivation and child death review extracts agree with the births/deaths sample."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.data.conftest import SAMPLE_LAST_YEAR

LAST_YEAR = SAMPLE_LAST_YEAR
ENGLAND, NORTH_WEST = "E92000001", "E12000002"


@pytest.fixture(scope="module")
def deprivation(sample_dir: Path) -> pd.DataFrame:
    return pd.read_csv(sample_dir / "deprivation.csv", dtype={"area_code": str})


@pytest.fixture(scope="module")
def cdop(sample_dir: Path) -> pd.DataFrame:
    return pd.read_csv(sample_dir / "cdop.csv", dtype=str, keep_default_na=False)


def test_deprivation_sums_to_births_deaths(deprivation: pd.DataFrame, births: pd.DataFrame) -> None:
    quintiles = deprivation.groupby(["area_code", "year"]).imd_quintile.apply(list)
    assert quintiles.map(lambda q: q == [1, 2, 3, 4, 5]).all()
    columns = ["live_births", "infant_deaths", "neonatal_deaths", "postneonatal_deaths", "stillbirths"]
    summed = deprivation.groupby(["area_code", "year"])[columns].sum()
    totals = births.set_index(["area_code", "year"])[columns]
    pd.testing.assert_frame_equal(summed.sort_index(), totals.sort_index())
    assert (deprivation.neonatal_deaths <= deprivation.infant_deaths).all()
    assert (deprivation.neonatal_deaths + deprivation.postneonatal_deaths == deprivation.infant_deaths).all()


def test_deprivation_gradient(deprivation: pd.DataFrame) -> None:
    england = (
        deprivation[deprivation.area_code == ENGLAND]
        .groupby("imd_quintile")[["live_births", "infant_deaths"]]
        .sum()
    )
    rate = 1000 * england.infant_deaths / england.live_births
    assert rate.is_monotonic_decreasing
    assert 1.7 <= rate[1] / rate[5] <= 2.4
    manchester = deprivation[deprivation.area_code == "E08000003"].groupby("imd_quintile")
    births_share = manchester.live_births.sum() / manchester.live_births.sum().sum()
    assert births_share[1] > 0.5  # a deprived city: most births in the most deprived fifth


def test_cdop_infant_deaths_match_births_deaths(
    cdop: pd.DataFrame, births: pd.DataFrame, areas: pd.DataFrame
) -> None:
    local = set(areas[(areas.area_type == "county_ua") & (areas.parent_code == NORTH_WEST)].area_code)
    assert set(cdop.area_code) == local and len(local) == 24
    age = cdop.age_at_death_days.astype(int)
    cdop = cdop.assign(year=cdop.date_of_death.str[:4].astype(int), age=age)
    infants = cdop[cdop.age < 365]
    counted = infants.groupby(["area_code", "year"]).size()
    expected = births[births.area_code.isin(local) & (births.year >= 2019)].set_index(["area_code", "year"])
    assert counted.reindex(expected.index, fill_value=0).equals(expected.infant_deaths)
    neonatal = infants[infants.age < 28].groupby(["area_code", "year"]).size()
    assert neonatal.reindex(expected.index, fill_value=0).equals(expected.neonatal_deaths)
    assert cdop.age.max() < 18 * 365
    older_share = (cdop.age >= 365).mean()
    assert 0.25 < older_share < 0.5


def test_cdop_values_and_dates(cdop: pd.DataFrame) -> None:
    assert cdop.case_id.is_unique and list(cdop.case_id) == sorted(cdop.case_id)
    assert set(cdop.category.astype(int)) <= set(range(1, 11))
    assert set(cdop.expected) == {"Y", "N"}
    assert set(cdop.sex) == {"Male", "Female"}
    assert set(cdop.imd_quintile) == {"1", "2", "3", "4", "5"}
    died = pd.to_datetime(cdop.date_of_death)
    notified = pd.to_datetime(cdop.notified_date)
    assert (notified >= died).all()
    closed = pd.to_datetime(cdop.review_closed_date.replace("", None))
    assert (closed.dropna() > notified[closed.notna()]).all()
    assert closed.max() <= pd.Timestamp(LAST_YEAR + 1, 3, 31)
    open_reviews = closed.isna()
    assert 0.03 < open_reviews.mean() < 0.25
    assert (cdop.modifiable_factors[open_reviews] == "").all()
    assert set(cdop.modifiable_factors[~open_reviews]) == {"Y", "N", "Insufficient information"}
    gestation = pd.to_numeric(cdop.gestation_weeks.replace("", None)).dropna()
    assert gestation.between(22, 42).all()
    weight = pd.to_numeric(cdop.birth_weight_grams.replace("", None)).dropna()
    assert weight.between(250, 5500).all()


def test_cdop_category_mix_for_infants(cdop: pd.DataFrame) -> None:
    infants = cdop[cdop.age_at_death_days.astype(int) < 365]
    shares = infants.category.astype(int).value_counts(normalize=True)
    assert list(shares.index[:2]) == [8, 7]
    assert shares[10] > shares.get(1, 0) and shares[9] > shares.get(4, 0)
    assert shares.reindex([1, 2, 3, 4], fill_value=0).sum() < 0.08
    closed = infants[infants.review_closed_date != ""]
    assert 0.28 <= (closed.modifiable_factors == "Y").mean() <= 0.42


def test_cdop_factor_flags_are_consistent(cdop: pd.DataFrame) -> None:
    factors = [c for c in cdop.columns if c.startswith("factor_")]
    flags = cdop[factors]
    open_reviews = cdop.review_closed_date == ""
    assert (flags[open_reviews] == "").all().all()
    assert flags[~open_reviews].isin(["Y", "N"]).all().all()
    modifiable = cdop.modifiable_factors == "Y"
    assert (flags[modifiable] == "Y").any(axis=1).all()
    assert (flags[~modifiable & ~open_reviews] == "N").all().all()
    sudden = modifiable & (cdop.category == "10")
    other = modifiable & (cdop.category != "10")
    for factor in ("factor_smoking", "factor_co_sleeping"):
        assert (cdop.loc[sudden, factor] == "Y").mean() > (cdop.loc[other, factor] == "Y").mean() + 0.2
