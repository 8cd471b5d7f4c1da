"""Readers on real published files, read in place, and on the repository's examples."""

import math
from pathlib import Path

import pytest

from data.readers import KEY_COLUMNS, SOURCE_TYPES, read_extract, validate_area_codes

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / ".." / "shared" / "data" / "raw"
FINGERTIPS_CSV = RAW / "fingertips-export-sample" / "indicators-CountyUA.data.csv"
NEXT_AREAS = RAW / "fingertipsnext" / "areas.csv"


@pytest.fixture(scope="module")
def fingertips():
    return read_extract(FINGERTIPS_CSV)


@pytest.fixture(scope="module")
def next_areas():
    return read_extract(NEXT_AREAS)


def test_fingertips_export_reads_all_852_records(fingertips):
    raw = FINGERTIPS_CSV.read_bytes()
    assert b'100,000\n",' in raw and b"\r\n" in raw  # the quirks under test are really there
    assert fingertips.source == "fingertips"
    assert fingertips.problems == []
    table = fingertips.tables["fingertips"]
    assert len(table) == 852
    # a record spanning two physical lines is one row: the last record is row 853
    assert table["source_row"].iloc[0] == 2
    assert table["source_row"].iloc[-1] == 853
    assert set(table["indicator_name"]) == {"Campylobacter incidence rate/100,000"}
    assert list(table.columns[:5]) == ["indicator_id", "indicator_name", "parent_code",
                                       "parent_name", "area_code"]


def test_fingertips_values_as_published(fingertips):
    table = fingertips.tables["fingertips"]
    first = table.iloc[0]  # England 2015, as in the file's first record
    assert (first["area_code"], first["time_period"]) == ("E92000001", "2015")
    assert first["value"] == pytest.approx(94.7261896202678, rel=1e-15)
    assert first["lower_ci_95"] == pytest.approx(93.9129396546008, rel=1e-15)
    assert (first["count"], first["denominator"]) == (51897, 54786327)
    assert math.isnan(first["lower_ci_998"])
    assert first["time_period_sortable"] == 20150000
    assert first["compared_to_england"] == "Not compared"
    blank = table[table["value"].isna()]
    assert len(blank) == 10
    assert blank["value_note"].notna().all()  # missing, with a reason; never 0
    assert table[KEY_COLUMNS["fingertips"]].astype(str).duplicated().sum() == 0


def test_fingertipsnext_areas_with_a_bom(next_areas):
    assert NEXT_AREAS.read_bytes()[:3] == b"\xef\xbb\xbf"
    assert next_areas.source == "areas"
    assert next_areas.problems == []
    areas = next_areas.tables["areas"].set_index("area_code")
    counts = areas["area_type"].value_counts().to_dict()
    assert counts == {"england": 1, "region": 9, "county_ua": 153, "district": 164, "icb": 42,
                      "sub_icb": 106}
    assert areas.loc["E92000001", "parent_code"] is None
    assert areas.loc["E12000002", "parent_code"] == "E92000001"
    assert areas.loc["E06000009", "parent_code"] == "E12000002"  # Blackpool, North West
    assert areas.loc["E07000123", "parent_code"] == "E10000017"  # Preston, Lancashire
    assert areas.loc["E10000017", "parent_code"] == "E12000002"
    assert areas.loc["E38000015", "parent_code"] == "E54000048"  # sub-ICB under its ICB
    assert areas.loc["E54000048", "parent_code"] == "E92000001"
    assert areas.loc["E06000009", "area_name"] == "Blackpool"
    assert any("GPs" in note for note in next_areas.notes)


def test_area_codes_known_from_the_same_file(next_areas):
    assert validate_area_codes(next_areas, set()) == []


def test_area_codes_unknown_to_the_store_are_located():
    births = read_extract(REPO / "examples" / "births_deaths.csv")
    problems = validate_area_codes(births, {"E92000001", "E06000009"})
    assert [(p.row, p.column, p.value) for p in problems] == [
        (4, "area_code", "E08000003"), (5, "area_code", "E08000003")]
    assert str(problems[0]).startswith("births_deaths.csv, row 4, column area_code: 'E08000003'")


@pytest.mark.parametrize("source", [s for s in SOURCE_TYPES if s != "ons_child_mortality"])
def test_each_example_is_valid_and_detected(source):
    extract = read_extract(REPO / "examples" / f"{source}.csv")
    assert extract.source == source
    assert extract.problems == []
    table = extract.tables[source]
    assert len(table) > 0
    assert set(KEY_COLUMNS[source]) <= set(table.columns)
    assert {"value_note", "source_row"} <= set(table.columns)


@pytest.mark.parametrize("source", [s for s in SOURCE_TYPES if s != "ons_child_mortality"])
def test_each_template_is_recognised_but_has_no_rows(source):
    extract = read_extract(REPO / "templates" / f"{source}.csv")
    assert extract.source == source
    assert [(p.row, p.value) for p in extract.problems] == [(1, "only a header row")]
