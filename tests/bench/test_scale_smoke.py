"""Smoke tests of ten times the areas (`--areas N` of bench.refresh and bench.ui) and of the
refresh's floor, at a tiny scale (one region, 2 years, tens of small areas). They check
the synthetic geography, the growth exponent's arithmetic and that the floor writes what
the refresh stored; no timing is asserted."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from bench import refresh as refresh_bench
from bench import scale, ui
from bench.baseline import STORED_TABLES, dump_stored_rows, write_floor
from bench.national import csv_rows, leaf_codes, national_areas, with_small_areas, write_national

EAST_MIDLANDS = "E12000004"
NORTH_WEST = "E12000002"  # the sample's child death reviews are Manchester's


def test_small_areas_hang_from_counties_and_their_parents_are_sums(tmp_path):
    areas = national_areas([EAST_MIDLANDS])
    more = with_small_areas(areas, 30)
    small = more.iloc[len(areas):]
    assert len(more) == len(areas) + 30 and more["area_code"].is_unique
    assert small["area_code"].str.match(r"^E059\d{5}$").all()
    assert (small["area_type"] == "district").all()
    type_of = dict(zip(areas["area_code"], areas["area_type"], strict=True))
    assert {type_of[p] for p in small["parent_code"]} == {"county_ua"}
    # a unitary authority given small areas is no longer a leaf: its rows are their sums
    derby = "E06000015"
    assert derby in set(small["parent_code"]) and derby not in leaf_codes(more)
    paths = write_national(tmp_path, ("births_deaths",), years=2, regions=[EAST_MIDLANDS],
                           small_areas=30)
    assert csv_rows(paths) == {"areas": len(more), "births_deaths": len(more) * 2}
    births = pd.read_csv(paths["births_deaths"]).set_index(["area_code", "year"])
    children = small.loc[small["parent_code"] == derby, "area_code"]
    summed = births.loc[list(children)].groupby(level="year").sum()
    assert (births.loc[derby] == summed).all().all()
    # ward-sized (about 85 births a year), so 7,000 of them keep England's births realistic
    assert births.loc[list(small["area_code"]), "live_births"].mean() < 300
    assert with_small_areas(areas, 0) is areas


def test_sizes_and_growth_exponent():
    assert scale.small_area_counts(7000) == [700, 3500, 7000]
    assert scale.growth_exponent([100, 500, 1000], [2.0, 10.0, 20.0]) == pytest.approx(1.0)
    assert scale.growth_exponent([100, 500, 1000], [3.0, 3.0, 3.0]) == pytest.approx(0.0)
    assert scale.growth_exponent([100, 1000], [1.0, 100.0]) == pytest.approx(2.0)


def test_the_floor_writes_the_rows_the_refresh_stored(tmp_path):
    paths = write_national(tmp_path / "files", ("births_deaths", "satod"), years=2,
                           regions=[EAST_MIDLANDS], small_areas=10)
    url = f"sqlite:///{tmp_path / 'refresh.sqlite'}"
    ours = refresh_bench.refresh_pass(paths, url, tmp_path / "instance")
    dumped = dump_stored_rows(url, tmp_path / "dump")
    assert dumped["raw_row"] == sum(csv_rows(paths).values()) and dumped["load"] == 1
    assert dumped["indicator_value"] == ours["values"] > 0
    floor_url = f"sqlite:///{tmp_path / 'floor.sqlite'}"
    floor = write_floor(paths, tmp_path / "dump", floor_url)
    assert floor["rows"] == dumped and floor["seconds"] > 0
    query = text("SELECT count(*), sum(value), sum(lower95) FROM indicator_value")
    payloads = text("SELECT source, row_key, payload FROM raw_row ORDER BY source, row_key")
    answers = []
    for address in (url, floor_url):
        engine = create_engine(address)
        with engine.connect() as connection:
            answers.append((connection.execute(query).one(), connection.execute(payloads).all()))
        engine.dispose()
    assert answers[0] == answers[1]
    assert set(STORED_TABLES) == set(floor["rows"])


def test_refresh_command_prints_the_floor(capsys):
    refresh_bench.main(["--regions", EAST_MIDLANDS, "--years", "2", "--repeat", "1"])
    out = capsys.readouterr().out
    assert "floor: read_csv + the stored rows" in out and "time x floor" in out
    assert "goal time <= 2x the floor" in out


def test_refresh_areas_prints_three_sizes_and_exponents(capsys):
    # births and deaths alone: the smoking table's refresh runs in the command's test above
    figures = refresh_bench.main(["--areas", "20", "--tables", "births_deaths",
                                  "--regions", EAST_MIDLANDS, "--years", "2", "--repeat", "1"])
    out = capsys.readouterr().out
    assert "growth exponent" in out and "refresh memory above imports" in out
    sizes = figures["sizes"]
    base = len(national_areas([EAST_MIDLANDS]))
    assert [s["areas"] for s in sizes] == [base + 2, base + 10, base + 20]
    assert all(s["seconds"] > 0 and s["peak_mb"] > 0 for s in sizes)


def test_ui_areas_prints_page_views_at_three_sizes(capsys):
    figures = ui.main(["--areas", "10", "--regions", NORTH_WEST, "--years", "2", "--repeat", "1",
                       "--cold-repeat", "1"])
    out = capsys.readouterr().out
    assert "1x median ms" in out and "exponent" in out and "first: /trends" in out
    base = len(national_areas([NORTH_WEST]))
    assert figures["areas"] == [base + 1, base + 5, base + 10]
    assert "repeated: /trends" in figures["exponents"]
