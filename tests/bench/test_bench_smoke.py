"""Smoke tests of the benchmarks at a tiny scale (one region, 5 years): the national-data
generator, one pass of each side, and each command end to end. No timings are asserted:
benchmarks print ratios, and a busy CI machine must not fail a build."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select

from bench import catalogue as catalogue_bench
from bench import refresh as refresh_bench
from bench.baseline import write_with_pandas
from bench.national import TABLES, csv_rows, national_areas, write_national
from data import queries
from data.raw_rows import read_raw_tables
from data.schema import area
from data.settings import Settings
from data.store import make_engine
from indicators import engine as engine_module
from indicators.engine import OUTPUT_COLUMNS

EAST_MIDLANDS = "E12000004"  # counties with districts and unitary authorities
YEARS = 5


@pytest.fixture(scope="module")
def tiny_files(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("national")
    return write_national(folder, TABLES, years=YEARS, last_year=2023, regions=[EAST_MIDLANDS])


@pytest.fixture(scope="module")
def tiny_areas() -> pd.DataFrame:
    return national_areas([EAST_MIDLANDS])


def test_national_areas_are_the_real_2023_hierarchy():
    areas = national_areas()
    assert areas["area_type"].value_counts().to_dict() == {
        "england": 1, "region": 9, "county_ua": 153, "district": 164}
    codes = set(areas["area_code"])
    assert areas.loc[areas["area_type"] != "england", "parent_code"].isin(codes).all()
    # Derbyshire's districts, and Derby (a UA) directly under the East Midlands
    assert areas.set_index("area_code").loc["E07000032", "parent_code"] == "E10000007"
    assert areas.set_index("area_code").loc["E06000015", "parent_code"] == EAST_MIDLANDS


def test_generator_writes_every_area_period_and_quintile(tiny_files, tiny_areas):
    n = len(tiny_areas)
    assert n > 30  # England, the region, its counties/UAs and the counties' districts
    assert csv_rows(tiny_files) == {
        "areas": n, "births_deaths": n * YEARS, "satod": n * YEARS * 5,
        "deprivation": n * YEARS * 5, "breastfeeding": n * YEARS}
    satod = pd.read_csv(tiny_files["satod"])
    assert (satod["smokers"] + satod["non_smokers"] + satod["status_unknown"]
            == satod["maternities"]).all()
    assert satod["period"].str.endswith(" Q4").sum() == n * YEARS


def test_parent_rows_are_the_sums_of_their_children(tiny_files, tiny_areas):
    births = pd.read_csv(tiny_files["births_deaths"]).set_index(["area_code", "year"])
    districts = tiny_areas.loc[tiny_areas["parent_code"] == "E10000007", "area_code"]  # Derbyshire
    assert len(districts) == 8
    derbyshire = births.loc[list(districts)].groupby(level="year").sum()
    assert (births.loc["E10000007"] == derbyshire).all().all()
    counties = tiny_areas.loc[tiny_areas["parent_code"] == EAST_MIDLANDS, "area_code"]
    region = births.loc[list(counties)].groupby(level="year").sum()
    assert (births.loc[EAST_MIDLANDS] == region).all().all()
    assert (births.loc["E92000001"] == births.loc[EAST_MIDLANDS]).all().all()
    satod = pd.read_csv(tiny_files["satod"])
    quarters = satod[satod["period"].str.contains("Q")]
    annual = satod[~satod["period"].str.contains("Q")].set_index(["area_code", "period"])
    summed = quarters.assign(period=quarters["period"].str[:7]).groupby(["area_code", "period"]).sum()
    assert (annual.sort_index() == summed.sort_index()).all().all()


def test_refresh_pass_loads_what_the_baseline_wrote(tiny_files, tmp_path):
    expected = csv_rows(tiny_files)
    base = write_with_pandas(tiny_files, f"sqlite:///{tmp_path / 'baseline.sqlite'}")
    assert base["rows"] == expected

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    ours = refresh_bench.refresh_pass(tiny_files, url, tmp_path / "instance")
    assert ours["result"] == "loaded"
    assert ours["rows"] == sum(expected.values())
    assert ours["raw_rows"] == expected
    assert ours["values"] > 0

    baseline = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'baseline.sqlite'}",
                                    instance_dir=tmp_path))
    store = make_engine(Settings(database_url=url, instance_dir=tmp_path))
    with baseline.connect() as connection:
        written = pd.read_sql("SELECT * FROM births_deaths", connection)
    with store.connect() as connection:
        loaded = read_raw_tables(connection)["births_deaths"]
        stored_areas = connection.execute(select(area.c.code)).scalars().all()
    key = ["area_code", "year"]
    pd.testing.assert_frame_equal(
        loaded[written.columns].sort_values(key, ignore_index=True),
        written.sort_values(key, ignore_index=True), check_dtype=False)
    assert len(stored_areas) == expected["areas"]

    # the stored infant mortality is the baseline's deaths over births, per 1,000
    england = written[(written["area_code"] == "E92000001") & (written["year"] == 2023)].iloc[0]
    values = queries.indicator_values(store, "infant_mortality", ["E92000001"])
    row = values[values["period_label"] == "2023"].iloc[0]
    assert row["count"] == england["infant_deaths"]
    assert row["value"] == pytest.approx(england["infant_deaths"] / england["live_births"] * 1000)


def test_catalogue_pass_computes_the_rows_it_reads(tiny_files, tmp_path):
    engine, _ = catalogue_bench.load_store(
        f"sqlite:///{tmp_path / 'store.sqlite'}", tiny_files, tmp_path / "instance")
    result = catalogue_bench.catalogue_pass(engine, repeat=1)
    computed, stored = result["computed"], result["stored"]
    assert len(computed) == len(stored) > 0
    assert {"infant_mortality", "smoking_delivery", "smoking_delivery_quarterly",
            "breastfeeding_6_8_weeks"} <= set(stored["indicator_id"])
    assert stored["category_type"].eq("IMD quintile").any()  # deprivation was loaded
    numbers = ["count", "denominator", "value", "lower95", "upper95"]
    key = ["indicator_id", "area_code", "period_label", "category_type", "category"]
    pd.testing.assert_frame_equal(
        computed[key + numbers].sort_values(key, ignore_index=True),
        stored[key + numbers].sort_values(key, ignore_index=True), check_dtype=False)
    assert set(OUTPUT_COLUMNS) <= set(stored.columns)
    steps = catalogue_bench.engine_steps(engine)
    assert {"comparisons", "recent trends"} <= {s[0].strip() for s in steps}
    assert not hasattr(engine_module.add_trends, "__wrapped__")  # timers taken off again
    engine.dispose()


def test_refresh_command_prints_its_table(capsys):
    refresh_bench.main(["--regions", EAST_MIDLANDS, "--years", str(YEARS), "--repeat", "1"])
    out = capsys.readouterr().out
    assert "baseline: read_csv + to_sql" in out and "goal time <= 3x baseline" in out
    assert "raw rows upsert" in out and "compute indicator values" in out
    n = len(national_areas([EAST_MIDLANDS]))
    total = n + n * YEARS + n * YEARS * 5
    assert f"refresh: loaded, {total:,} rows read; raw rows stored {total:,}" in out
    assert f"baseline wrote {total:,} rows" in out


def test_catalogue_command_prints_its_table(capsys):
    catalogue_bench.main(["--regions", EAST_MIDLANDS, "--years", str(YEARS), "--repeat", "1",
                          "--tables", "births_deaths,satod"])
    out = capsys.readouterr().out
    assert "compute_indicator_values(raw, areas)" in out and "goal compute <= 2x" in out
    assert "DIFFERENT" not in out


@pytest.mark.postgres
def test_both_sides_on_postgresql(tiny_files, postgres_server, tmp_path):
    expected = csv_rows(tiny_files)
    base = write_with_pandas(tiny_files, postgres_server.create_database("bench_baseline"))
    assert base["rows"] == expected
    ours = refresh_bench.refresh_pass(tiny_files, postgres_server.create_database("bench_refresh"),
                                      tmp_path / "instance")
    assert ours["result"] == "loaded" and ours["raw_rows"] == expected
