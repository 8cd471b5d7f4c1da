"""Sample smoking-at-delivery and breastfeeding extracts: parts add up, levels are realistic."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.data.conftest import SAMPLE_LAST_YEAR, local_area_codes

LAST_YEAR = SAMPLE_LAST_YEAR
ENGLAND, NORTH_WEST = "E92000001", "E12000002"


@pytest.fixture(scope="module")
def satod(sample_dir: Path) -> pd.DataFrame:
    return pd.read_csv(sample_dir / "satod.csv", dtype={"area_code": str, "period": str})


@pytest.fixture(scope="module")
def feeding(sample_dir: Path) -> pd.DataFrame:
    # "*" and blanks are the missing markers written on purpose.
    return pd.read_csv(sample_dir / "breastfeeding.csv", dtype=str, keep_default_na=False)


def test_satod_periods(satod: pd.DataFrame, areas: pd.DataFrame) -> None:
    annual = [f"{y}/{(y + 1) % 100:02d}" for y in range(2010, LAST_YEAR + 1)]
    quarters = [f"{fy} Q{q}" for fy in annual[-3:] for q in range(1, 5)]
    for _, periods in satod.groupby("area_code").period:
        assert list(periods) == sorted(annual + quarters)
    assert set(satod.area_code) == local_area_codes(areas)


def test_satod_parts_add_up(satod: pd.DataFrame, areas: pd.DataFrame) -> None:
    parts = satod.smokers + satod.non_smokers + satod.status_unknown
    assert (parts == satod.maternities).all()
    assert (satod[["smokers", "non_smokers", "status_unknown"]] >= 0).all().all()
    quarterly = satod[satod.period.str.contains(" Q")].copy()
    quarterly["year"] = quarterly.period.str[:7]
    summed = quarterly.groupby(["area_code", "year"])[["maternities", "smokers"]].sum()
    annual = satod.set_index(["area_code", "period"]).loc[summed.index, ["maternities", "smokers"]]
    assert (summed.to_numpy() == annual.to_numpy()).all()
    parents = areas.set_index("area_code").parent_code
    for parent in (NORTH_WEST, ENGLAND):
        children = satod[satod.area_code.map(parents) == parent].groupby("period").maternities.sum()
        supplied = satod[satod.area_code == parent].set_index("period").maternities
        assert children.equals(supplied.loc[children.index])


def _smoking(satod: pd.DataFrame, code: str, period: str) -> float:
    row = satod[(satod.area_code == code) & (satod.period == period)].iloc[0]
    return 100 * row.smokers / (row.maternities - row.status_unknown)


def test_satod_levels(satod: pd.DataFrame) -> None:
    latest = f"{LAST_YEAR}/{(LAST_YEAR + 1) % 100:02d}"
    assert 12.0 <= _smoking(satod, ENGLAND, "2010/11") <= 14.0
    assert 6.5 <= _smoking(satod, ENGLAND, latest) <= 8.5
    assert _smoking(satod, NORTH_WEST, latest) > _smoking(satod, ENGLAND, latest) + 1
    assert _smoking(satod, "E06000009", latest) > 14  # Blackpool
    assert _smoking(satod, "E08000009", latest) < _smoking(satod, ENGLAND, latest)  # Trafford


def test_satod_status_unknown_shows_data_quality_flags(satod: pd.DataFrame) -> None:
    share = 100 * satod.status_unknown / satod.maternities
    assert share[satod.area_code == ENGLAND].between(0.5, 3.5).all()
    assert share.median() < 3
    flagged = satod[share >= 5]
    assert flagged.area_code.nunique() >= 2
    assert (share >= 10).any()
    assert flagged.area_code.isin(["E08000011", "E08000006", "E10000017"]).all()


def _numeric(frame: pd.DataFrame) -> pd.DataFrame:
    counts = frame.drop(columns=["area_code", "period"]).apply(pd.to_numeric, errors="coerce")
    return pd.concat([frame[["area_code", "period"]], counts], axis=1)


def test_breastfeeding_parts_add_up_and_blanks_are_few(feeding: pd.DataFrame) -> None:
    cells = feeding.drop(columns=["area_code", "period"]).to_numpy()
    markers = (cells == "") | (cells == "*")
    assert 0 < markers.sum() <= 12
    assert set(cells[markers]) == {"", "*"}
    counts = _numeric(feeding)
    whole = counts.dropna()
    parts = (
        whole.totally_breastfed + whole.partially_breastfed + whole.not_breastfed
        + whole.status_unknown
    )  # fmt: skip
    assert (parts == whole.infants_due_review).all()
    assert (whole.first_feed_breastmilk <= whole.births_first_feed_known).all()
    assert len(whole) >= len(counts) - 3


def test_breastfeeding_levels(feeding: pd.DataFrame) -> None:
    counts = _numeric(feeding).set_index(["area_code", "period"])
    first_feed = 100 * counts.first_feed_breastmilk / counts.births_first_feed_known
    known = counts.infants_due_review - counts.status_unknown
    prevalence = 100 * (counts.totally_breastfed + counts.partially_breastfed) / known
    coverage = 100 * known / counts.infants_due_review
    england_ff = first_feed.loc[ENGLAND]
    assert england_ff.between(70, 76).all()
    assert prevalence.loc[ENGLAND].between(44, 51).all()
    assert (prevalence.loc[NORTH_WEST] < prevalence.loc[ENGLAND] - 3).all()
    low = coverage[coverage < 90]
    assert set(low.index.get_level_values("area_code")) == {"E08000015"}  # Wirral
    assert coverage.loc[ENGLAND].min() > 95
