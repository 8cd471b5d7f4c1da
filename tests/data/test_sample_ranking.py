"""The whole sample loaded as `init-sample` loads it: the area list is national, so the
synthetic national file loads with no row left out and the compare page ranks infant
mortality (92196) over all 153 upper-tier authorities of England: the North West's 24
computed from the local births and deaths, the other 129 as published in the national
file. England and the regions stay computed from their own supplied counts: never a
partial sum of children, never "Not aggregated". On SQLite and PostgreSQL.

The expected values are worked out here from the sample's CSV files (3-year sums of the
local counts; the national file's printed values), not by the engine.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pandas as pd
import pytest

from data import queries
from data.cli import SAMPLE_FILE_ORDER
from data.queries import compare as compare_queries
from data.refresh import refresh
from data.settings import Settings
from data.store import make_engine, upgrade
from indicators.catalogue import CATALOGUE
from layouts.figures.ranked import rank_areas

ENGLAND, NORTH_WEST, LONDON = "E92000001", "E12000002", "E12000007"
BLACKPOOL, CAMDEN = "E06000009", "E09000007"
LATEST = "2022 - 24"  # the tests' sample ends in 2024 (tests/data/conftest.py)
NATIONAL_FILE = "fingertips_synthetic_national.csv"
_numbers = itertools.count(1)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql",
                                                                 marks=pytest.mark.postgres)])
def loaded(request, tmp_path_factory, sample_files):
    """A store holding every sample file, loaded in one refresh as init-sample does."""
    folder = tmp_path_factory.mktemp("ranking")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'store.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database(
            f"test_ranking_{next(_numbers)}")
    engine = make_engine(Settings(database_url=url, instance_dir=folder))
    upgrade(engine)
    by_type = {"fingertips": sample_files["fingertips_synthetic_national"], **sample_files}
    report = refresh(engine, [by_type[name] for name in SAMPLE_FILE_ORDER if name in by_type],
                     user="sample-data")
    yield engine, report
    engine.dispose()


@pytest.fixture(scope="module")
def upper_tier(raw_dir: Path) -> dict[str, str]:
    """Upper-tier authority -> its region, read from the Fingertips area hierarchy."""
    with (raw_dir / "fingertipsnext" / "areas.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    uppers = {r["AreaCode"] for r in rows if r["AreaType"] == "Counties and Unitary Authorities"}
    return {child: r["AreaCode"] for r in rows if r["AreaType"] == "Regions"
            for child in r["Children"].split("|") if child in uppers}


def _local_rates(sample_files) -> pd.Series:
    """Area -> infant deaths per 1,000 live births over 2022-24, from births_deaths.csv."""
    births = pd.read_csv(sample_files["births_deaths"], dtype={"area_code": str})
    sums = births[births["year"].between(2022, 2024)].groupby("area_code")[
        ["infant_deaths", "live_births"]].sum()
    return sums["infant_deaths"] / sums["live_births"] * 1000


def _published_rates(sample_files) -> pd.Series:
    national = pd.read_csv(sample_files["fingertips_synthetic_national"], dtype=str)
    rows = national[(national["Indicator ID"] == "92196") & (national["Time period"] == LATEST)]
    return rows.set_index("Area Code")["Value"].astype(float)


def test_the_national_file_loads_with_no_row_left_out(loaded):
    _, report = loaded
    assert report.result == "loaded", report.lines()
    assert not any("not in the area table" in note for note in report.notes), report.notes
    change = next(c for c in report.changes if c.source == "fingertips")
    assert change.new > 0 and change.revised == 0


def test_ranking_covers_every_upper_tier_authority(loaded, sample_files, upper_tier):
    engine, _ = loaded
    areas = queries.areas(engine)
    peers = compare_queries.peer_set(areas, BLACKPOOL, "england")
    assert set(peers.codes) == set(upper_tier) and len(peers.codes) == 153
    values = compare_queries.period_values(engine, "infant_mortality_3yr", LATEST,
                                           (*peers.codes, ENGLAND)).set_index("area_code")
    local, published = _local_rates(sample_files), _published_rates(sample_files)
    north_west = {code for code, region in upper_tier.items() if region == NORTH_WEST}
    assert len(north_west) == 24

    for code in upper_tier:
        row = values.loc[code]
        if code in north_west:  # computed from the local extract, not the national file
            assert row["source"].startswith("computed from births_deaths.csv"), code
            assert row["value"] == pytest.approx(local[code], rel=1e-12), code
        else:
            assert row["source"].startswith(
                "synthetic sample data (not published figures), file " + NATIONAL_FILE)
            assert row["value"] == pytest.approx(published[code], rel=1e-12), code
    # Blackpool's national count differs (docs/extracts.md): ours, not the file's, is shown
    assert values.loc[BLACKPOOL, "value"] != pytest.approx(published[BLACKPOOL], rel=1e-6)

    # England is the benchmark as computed from its own supplied counts
    assert values.loc[ENGLAND, "source"].startswith("computed from births_deaths.csv")
    assert values.loc[ENGLAND, "value"] == pytest.approx(local[ENGLAND], rel=1e-12)

    ranked = rank_areas(values.drop(index=ENGLAND).reset_index())
    assert ranked["value"].notna().all() and len(ranked) == 153
    expected = pd.concat([local[sorted(north_west)],
                          published.drop(index=[ENGLAND, *north_west]).loc[
                              [c for c in upper_tier if c not in north_west]]])
    position = ranked.index[ranked["area_code"] == BLACKPOOL][0] + 1
    assert position == 1 + int((expected.drop(index=BLACKPOOL) > local[BLACKPOOL]).sum())
    assert ranked["compared_england"].isin(["Better", "Similar", "Worse"]).all()


def test_a_region_of_published_authorities_is_benchmarked_on_its_own_counts(
        loaded, sample_files, upper_tier):
    engine, _ = loaded
    peers = compare_queries.peer_set(queries.areas(engine), CAMDEN, "region")
    london = {code for code, region in upper_tier.items() if region == LONDON}
    assert (peers.benchmark_code, set(peers.codes)) == (LONDON, london)
    values = compare_queries.period_values(engine, "infant_mortality_3yr", LATEST,
                                           (*peers.codes, LONDON)).set_index("area_code")
    region = values.loc[LONDON]
    assert region["source"].startswith("computed from births_deaths.csv")
    assert region["value"] == pytest.approx(_local_rates(sample_files)[LONDON], rel=1e-12)
    authorities = values.drop(index=LONDON)
    assert len(authorities) == 33
    assert authorities["source"].str.startswith("synthetic sample data (not published").all()
    assert authorities["compared_region"].isin(["Better", "Similar", "Worse"]).all()


def test_no_value_is_a_partial_aggregate(loaded):
    engine, _ = loaded
    for indicator in CATALOGUE:
        values = queries.indicator_values(engine, indicator.id, category_type=None)
        notes = values["value_note"].fillna("")
        assert not notes.str.contains("Not aggregated").any(), indicator.id
    for indicator in ("infant_mortality", "infant_mortality_3yr", "smoking_delivery",
                      "breastfeeding_6_8_weeks"):
        values = queries.indicator_values(engine, indicator, [ENGLAND, NORTH_WEST, LONDON])
        assert len(values) and (values["provenance"] == "computed").all(), indicator
