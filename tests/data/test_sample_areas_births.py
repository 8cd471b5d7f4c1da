"""The sample's areas and births/deaths extracts: real codes, consistent counts, realistic rates."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from data.sample import write_sample
from tests.data.conftest import SAMPLE_LAST_YEAR, local_area_codes

RAW = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "raw"
LAST_YEAR = SAMPLE_LAST_YEAR


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_headers_are_the_design_columns(sample_dir: Path) -> None:
    assert _header(sample_dir / "areas.csv") == [
        "area_code", "area_name", "area_type", "parent_code",
    ]  # fmt: skip
    assert _header(sample_dir / "births_deaths.csv") == [
        "area_code", "year", "live_births", "stillbirths", "infant_deaths", "neonatal_deaths",
        "postneonatal_deaths", "term_births_weight_known", "term_low_birth_weight",
    ]  # fmt: skip


def test_areas_hierarchy(areas: pd.DataFrame) -> None:
    # The area list is national (every upper-tier authority); the extracts are local.
    assert areas["area_type"].value_counts().to_dict() == {
        "county_ua": 153, "region": 9, "england": 1,
    }  # fmt: skip
    england = areas[areas.area_type == "england"].iloc[0]
    assert (england.area_code, england.parent_code) == ("E92000001", "")
    regions = areas[areas.area_type == "region"]
    assert set(regions.parent_code) == {"E92000001"}
    authorities = areas[areas.area_type == "county_ua"]
    assert set(authorities.parent_code) == set(regions.area_code)
    # London's 33 boroughs (City included) and the North West's 24 authorities, by hand
    assert authorities.parent_code.value_counts()[["E12000007", "E12000002"]].tolist() == [33, 24]
    assert areas.area_code.is_unique


def test_area_codes_and_names_match_the_fingertips_hierarchy(areas: pd.DataFrame) -> None:
    reference = pd.read_csv(RAW / "fingertipsnext" / "areas.csv", encoding="utf-8-sig", dtype=str)
    names = dict(zip(reference.AreaCode, reference.AreaName, strict=True))
    for code, name in zip(areas.area_code, areas.area_name, strict=True):
        assert names[code] == name
    children = reference.set_index("AreaCode")["Children"].fillna("").str.split("|")
    uppers = set(reference.loc[reference.AreaType == "Counties and Unitary Authorities",
                               "AreaCode"])
    for region in areas[areas.area_type == "region"].area_code:
        mine = areas[(areas.area_type == "county_ua") & (areas.parent_code == region)]
        assert set(mine.area_code) == set(children[region]) & uppers, region
    assert set(areas[areas.area_type == "county_ua"].area_code) == uppers
    # Spot checks against the reference file, written out independently here.
    assert names["E08000003"] == "Manchester"
    assert names["E06000008"] == "Blackburn with Darwen"
    assert names["E06000063"] == "Cumberland"


def test_every_area_has_every_year(births: pd.DataFrame, areas: pd.DataFrame) -> None:
    assert set(births.area_code) == local_area_codes(areas)
    assert len(local_area_codes(areas)) == 1 + 9 + 24
    assert (
        births.groupby("area_code")
        .year.apply(list)
        .map(lambda years: years == list(range(2010, LAST_YEAR + 1)))
        .all()
    )
    assert not births.isna().any().any()


def test_parts_add_up(births: pd.DataFrame, areas: pd.DataFrame) -> None:
    assert (births.infant_deaths == births.neonatal_deaths + births.postneonatal_deaths).all()
    assert (births.term_low_birth_weight <= births.term_births_weight_known).all()
    assert (births.term_births_weight_known <= births.live_births).all()
    counts = births.columns[2:]
    parents = areas.set_index("area_code").parent_code
    for parent in ("E12000002", "E92000001"):
        children = births[births.area_code.map(parents) == parent].groupby("year")[counts].sum()
        supplied = births[births.area_code == parent].set_index("year")[counts]
        pd.testing.assert_frame_equal(children, supplied, check_names=False)


def _rate(frame: pd.DataFrame, code: str, years: slice | int) -> float:
    rows = frame[frame.area_code == code].set_index("year").loc[years]
    return 1000 * rows.infant_deaths.sum() / rows.live_births.sum()


def test_infant_mortality_levels(births: pd.DataFrame) -> None:
    assert 3.85 <= _rate(births, "E92000001", 2010) <= 4.15
    assert 3.45 <= _rate(births, "E92000001", LAST_YEAR) <= 3.75
    recent = slice(LAST_YEAR - 2, LAST_YEAR)
    assert _rate(births, "E12000002", recent) > _rate(births, "E92000001", recent) + 0.2
    for well_above in ("E06000008", "E06000009", "E08000003"):  # Blackburn, Blackpool, Manchester
        assert _rate(births, well_above, slice(2010, LAST_YEAR)) > 6.0
    neonatal_share = births.neonatal_deaths.sum() / births.infant_deaths.sum()
    assert 0.65 < neonatal_share < 0.75


def test_sizes_and_other_rates(births: pd.DataFrame) -> None:
    england = births[births.area_code == "E92000001"].set_index("year")
    assert 650_000 < england.loc[2010, "live_births"] < 720_000
    assert 540_000 < england.loc[LAST_YEAR, "live_births"] < 600_000
    north_west = births[births.area_code == "E12000002"].set_index("year")
    assert 75_000 < north_west.loc[2019, "live_births"] < 95_000
    stillbirth_rate = 1000 * england.stillbirths / (england.stillbirths + england.live_births)
    assert 4.2 < stillbirth_rate[2010] < 4.9
    assert stillbirth_rate[LAST_YEAR] < stillbirth_rate[2010]
    low_weight = 100 * births.term_low_birth_weight / births.term_births_weight_known
    assert low_weight.between(1.0, 5.5).all()  # small authorities vary by chance
    assert 2.8 < 100 * england.term_low_birth_weight.sum() / england.term_births_weight_known.sum() < 3.5


def test_deterministic(tmp_path: Path, sample_dir: Path) -> None:
    paths = write_sample(tmp_path, last_year=LAST_YEAR)
    assert paths
    for path in paths:
        assert path.read_bytes() == (sample_dir / path.name).read_bytes()


def test_adding_a_year_leaves_earlier_years_unchanged(tmp_path: Path, births: pd.DataFrame) -> None:
    write_sample(tmp_path, last_year=LAST_YEAR + 1)
    longer = pd.read_csv(tmp_path / "births_deaths.csv", dtype={"area_code": str})
    earlier = longer[longer.year <= LAST_YEAR].reset_index(drop=True)
    pd.testing.assert_frame_equal(earlier, births)
