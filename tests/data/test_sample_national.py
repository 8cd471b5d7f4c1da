"""The sample's synthetic national file: the real export's columns, every upper-tier
authority and region, clearly synthetic, and differing from the local extracts exactly
where docs/extracts.md says (checked against counts summed here from the local files)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from data.refresh import refresh
from data.sample import SAMPLE_FILES

LAST_YEAR = 2025  # the data tests' sample (tests/data/conftest.py)
FINGERTIPS_IDS = {"92196", "93085", "93932", "92517", "20101", "20401"}  # the catalogue's, by hand
NORTH_WEST, ENGLAND = "E12000002", "E92000001"
# docs/extracts.md, "The sample's national file": the differences at each authority, in
# (count, denominator) of the national row against the local extract; the North West and
# England rows carry the sum of their authorities' differences.
AUTHORITY_DIFFERENCES = [
    ("E08000003", "92196", ("2021 - 23", "2022 - 24", "2023 - 25"), (2, 0)),
    ("E06000009", "92196", ("2022 - 24", "2023 - 25"), (0, -18)),
    ("E08000011", "93085", ("2024/25",), (-15, -15)),
    ("E10000017", "92517", ("2025/26",), (0, 30)),
]
DOCUMENTED: dict[tuple[str, str, str], tuple[int, int]] = {}
for _code, _indicator, _periods, _change in AUTHORITY_DIFFERENCES:
    for _area in (_code, NORTH_WEST, ENGLAND):
        for _period in _periods:
            _before = DOCUMENTED.get((_area, _indicator, _period), (0, 0))
            DOCUMENTED[(_area, _indicator, _period)] = (_before[0] + _change[0],
                                                        _before[1] + _change[1])


@pytest.fixture(scope="module")
def national(sample_dir: Path) -> pd.DataFrame:
    return pd.read_csv(sample_dir / SAMPLE_FILES["fingertips"], dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def upper_tier(raw_dir: Path) -> dict[str, set[str]]:
    """Region -> its upper-tier authorities, read from the Fingertips area hierarchy."""
    with (raw_dir / "fingertipsnext" / "areas.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    uppers = {r["AreaCode"] for r in rows if r["AreaType"] == "Counties and Unitary Authorities"}
    return {r["AreaCode"]: set(r["Children"].split("|")) & uppers
            for r in rows if r["AreaType"] == "Regions"}


def _local_counts(sample_dir: Path) -> pd.DataFrame:
    """(area, indicator, period) -> count, denominator from the local extracts, summed here."""
    births = pd.read_csv(sample_dir / "births_deaths.csv", dtype={"area_code": str})
    parts = []
    for code, rows in births.sort_values("year").groupby("area_code"):
        pooled = rows[["infant_deaths", "live_births"]].rolling(3).sum()
        start = rows["year"]
        parts.append(pd.DataFrame({
            "area": code, "indicator": "92196",
            "period": [f"{y - 2} - {y % 100:02d}" for y in start],
            "count": pooled["infant_deaths"], "denominator": pooled["live_births"]}).dropna())
    satod = pd.read_csv(sample_dir / "satod.csv", dtype={"area_code": str})
    satod = satod[~satod["period"].str.contains("Q")]
    parts.append(pd.DataFrame({"area": satod["area_code"], "indicator": "93085",
                               "period": satod["period"], "count": satod["smokers"],
                               "denominator": satod["smokers"] + satod["non_smokers"]}))
    feeding = pd.read_csv(sample_dir / "breastfeeding.csv", dtype={"area_code": str},
                          na_values=["*"])
    parts.append(pd.DataFrame({
        "area": feeding["area_code"], "indicator": "92517", "period": feeding["period"],
        "count": feeding["totally_breastfed"] + feeding["partially_breastfed"],
        "denominator": feeding[["totally_breastfed", "partially_breastfed",
                                "not_breastfed"]].sum(axis=1, min_count=3)}).dropna())
    conceptions = pd.read_csv(sample_dir / "conceptions.csv", dtype={"area_code": str,
                                                                      "year": str})
    conceptions = conceptions[conceptions["age_group"] == "under18"]
    parts.append(pd.DataFrame({"area": conceptions["area_code"], "indicator": "20401",
                               "period": conceptions["year"],
                               "count": conceptions["conceptions"],
                               "denominator": conceptions["female_population"]}))
    return pd.concat(parts, ignore_index=True).set_index(["area", "indicator", "period"])


def test_the_header_is_the_real_exports(national: pd.DataFrame, raw_dir: Path, sample_dir):
    real = raw_dir / "fingertips-export-sample" / "indicators-CountyUA.data.csv"
    with real.open(encoding="utf-8", newline="") as handle:
        assert list(national.columns) == next(csv.reader(handle))
    assert (sample_dir / SAMPLE_FILES["fingertips"]).read_bytes().count(b"\r\n") == \
        len(national) + 1  # Fingertips' CRLF records


def test_every_region_and_upper_tier_authority_for_every_fingertips_indicator(
        national: pd.DataFrame, upper_tier: dict[str, set[str]]):
    assert set(national["Indicator ID"]) == FINGERTIPS_IDS
    expected = {ENGLAND, *upper_tier, *set().union(*upper_tier.values())}
    assert len(upper_tier) == 9 and len(expected) == 1 + 9 + 153
    for indicator, rows in national.groupby("Indicator ID"):
        latest = rows[rows["Time period Sortable"] == rows["Time period Sortable"].max()]
        assert set(latest["Area Code"]) == expected, indicator
    authorities = national[national["Area Type"] == "Counties & UAs (from Apr 2023)"]
    for region, children in upper_tier.items():
        parents = authorities.loc[authorities["Area Code"].isin(children), "Parent Code"]
        assert set(parents) == {region}


def test_it_is_marked_synthetic_on_every_row_and_in_its_name(national: pd.DataFrame):
    assert "synthetic" in SAMPLE_FILES["fingertips"]
    assert national["Value note"].str.startswith("Synthetic sample data, not published").all()


def test_it_differs_from_the_local_extracts_only_where_documented(
        national: pd.DataFrame, sample_dir: Path):
    local = _local_counts(sample_dir)
    published = national[national["Indicator ID"].isin({"92196", "93085", "92517",
                                                        "20401"})].copy()
    published = published.set_index(["Area Code", "Indicator ID", "Time period"])
    published.index.names = local.index.names
    both = published.join(local, how="inner")
    assert len(both) == len(local)  # every local count has its national row
    change = pd.DataFrame({"count": both["Count"].astype(float) - both["count"],
                           "denominator": both["Denominator"].astype(float) - both["denominator"]})
    differing = change[(change != 0).any(axis=1)]
    assert {key: tuple(int(v) for v in row) for key, row in differing.iterrows()} == DOCUMENTED


def test_regions_are_the_sums_of_their_authorities(national, upper_tier):
    infant = national[national["Indicator ID"] == "92196"].assign(
        count=lambda f: f["Count"].astype(int), births=lambda f: f["Denominator"].astype(int))
    by_period = infant.set_index(["Area Code", "Time period"])
    for region, children in upper_tier.items():
        parts = infant[infant["Area Code"].isin(children)].groupby("Time period")[
            ["count", "births"]].sum()
        region_rows = by_period.loc[region][["count", "births"]].loc[parts.index]
        pd.testing.assert_frame_equal(region_rows, parts, check_names=False)
    rate = infant["Value"].astype(float)
    assert ((rate - infant["count"] / infant["births"] * 1000).abs() < 1e-9).all()


def test_it_loads_through_the_refresh_beside_the_local_extracts(store, sample_files):
    files = [sample_files[name] for name in ("areas", "births_deaths")]
    report = refresh(store, [*files, sample_files["fingertips_synthetic_national"]], user="t")
    assert report.result == "loaded", report.lines()
    change = next(c for c in report.changes if c.source == "fingertips")
    assert change.new > 0 and change.revised == 0
