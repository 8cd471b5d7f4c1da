"""The profile-sized Fingertips file of bench.refresh, at a tiny scale: Fingertips' own
layout, every indicator x period x area plus England's deciles, read without a problem,
and its catalogue rows become published values through the refresh."""

from __future__ import annotations

import csv

from bench.fingertips_profile import DECILES, PERIODS, write_profile
from bench.national import csv_rows, national_areas
from data import queries
from data.export import FINGERTIPS_COLUMNS
from data.readers import read_extract
from data.refresh import refresh

EAST_MIDLANDS = "E12000004"


def test_profile_file_is_a_fingertips_download(tmp_path, store):
    areas = national_areas([EAST_MIDLANDS])
    path = write_profile(tmp_path / "fingertips.csv", areas, indicators=7)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == FINGERTIPS_COLUMNS
    expected = 7 * PERIODS * (len(areas) + len(DECILES))
    assert len(rows) - 1 == expected == csv_rows({"fingertips": path})["fingertips"]
    assert path.read_bytes().count(b"\r\n") == expected + 1
    extract = read_extract(path)
    assert extract.source == "fingertips" and extract.problems == []

    areas.to_csv(tmp_path / "areas.csv", index=False)
    report = refresh(store, [tmp_path / "areas.csv", path], user="bench")
    assert report.ok, report.lines()
    england = queries.indicator_values(store, "infant_mortality_3yr", ["E92000001"])
    assert len(england) == PERIODS and (england["provenance"] == "published").all()
    assert any("indicator(s) not in the catalogue kept as raw rows only" in n
               for n in report.notes)
