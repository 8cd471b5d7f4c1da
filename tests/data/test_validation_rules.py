"""Single validation rules: missing values, spellings accepted, blocks, detection."""

import math
from pathlib import Path

import pytest

from data.readers import KEY_COLUMNS, SOURCE_TYPES, detect_source, read_extract

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BIRTHS_HEADER = ("area_code,year,live_births,stillbirths,infant_deaths,neonatal_deaths,"
                 "postneonatal_deaths\n")


def _read(tmp_path: Path, text: str, name: str = "extract.csv", source: str | None = None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_extract(path, source)


@pytest.mark.parametrize("marker", ["*", "c", "C", ":", "..", "[x]", "u", "z", "[c]", ""])
def test_suppression_markers_are_missing_with_a_note_never_zero(marker, tmp_path):
    extract = _read(tmp_path, BIRTHS_HEADER + f"E06000009,2021,1502,6,{marker},5,2\n")
    assert extract.problems == []  # infant = neonatal + postneonatal is not tested on a gap
    row = extract.tables["births_deaths"].iloc[0]
    assert math.isnan(row["infant_deaths"])
    expected = ("infant_deaths blank in source" if marker == ""
                else f"infant_deaths suppressed ('{marker}') in source")
    assert row["value_note"] == expected
    assert row["live_births"] == 1502


def test_notes_for_several_missing_counts_are_joined(tmp_path):
    extract = _read(tmp_path, BIRTHS_HEADER + "E06000009,2021,1502,,*,*,*\n")
    note = extract.tables["births_deaths"].loc[0, "value_note"]
    assert note == ("stillbirths blank in source; infant_deaths suppressed ('*') in source; "
                    "neonatal_deaths suppressed ('*') in source; "
                    "postneonatal_deaths suppressed ('*') in source")


def test_markers_are_not_accepted_where_a_value_is_required(tmp_path):
    extract = _read(tmp_path, BIRTHS_HEADER + "E06000009,*,1502,6,7,5,2\n")
    assert [(p.row, p.column, p.value) for p in extract.problems] == [(2, "year", "*")]


def test_numbers_written_the_spreadsheet_way(tmp_path):
    extract = _read(tmp_path, BIRTHS_HEADER + 'e06000009,2021.0,"1,502",6.0,7,5,2\n')
    assert extract.problems == []
    row = extract.tables["births_deaths"].iloc[0]
    assert (row["area_code"], row["year"], row["live_births"], row["stillbirths"]) == (
        "E06000009", 2021, 1502, 6)


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [("England", "england"), ("Country", "england"), ("Region", "region"),
     ("Government Office Region", "region"), ("County & UA", "county_ua"),
     ("Counties and Unitary Authorities", "county_ua"), ("UTLA", "county_ua"),
     ("Unitary Authority", "county_ua"), ("London Borough", "county_ua"),
     ("Metropolitan District", "county_ua"), ("Non-metropolitan District", "district"),
     ("LTLA", "district"), ("District", "district"), ("ICB", "icb"),
     ("NHS Integrated Care Board", "icb"), ("Sub-ICB Location", "sub_icb"),
     ("sub_icb", "sub_icb"), ("CCG", "sub_icb"), ("county_ua", "county_ua")],
)
def test_area_type_spellings(spelling, canonical, tmp_path):
    parent = "" if canonical == "england" else "E12000002"
    extract = _read(tmp_path, "area_code,area_name,area_type,parent_code\n"
                              f'E06000009,Somewhere,"{spelling}",{parent}\n')
    assert extract.problems == []
    assert extract.tables["areas"].loc[0, "area_type"] == canonical


def test_england_has_no_parent_and_no_area_is_its_own_parent(tmp_path):
    extract = _read(tmp_path, "area_code,area_name,area_type,parent_code\n"
                              "E92000001,England,england,E12000002\n"
                              "E12000002,North West,region,E12000002\n")
    assert [(p.row, p.column) for p in extract.problems] == [(2, "parent_code"), (3, "parent_code")]


def test_breastfeeding_may_leave_out_a_whole_block(tmp_path):
    only_six_to_eight = ("area_code,period,infants_due_review,totally_breastfed,"
                         "partially_breastfed,not_breastfed,status_unknown\n"
                         "E06000009,2023/24 Q1,355,88,41,210,16\n")
    extract = _read(tmp_path, only_six_to_eight, source="breastfeeding")
    assert extract.problems == []
    table = extract.tables["breastfeeding"]
    assert math.isnan(table.loc[0, "births_first_feed_known"])
    assert table.loc[0, "value_note"] is None  # a block not supplied is not a missing value
    assert detect_source(only_six_to_eight.splitlines()[0].split(",")) == "breastfeeding"


def test_breastfeeding_with_half_a_block_names_the_missing_columns(tmp_path):
    text = "area_code,period,infants_due_review,totally_breastfed\nE06000009,2023/24,355,88\n"
    extract = _read(tmp_path, text, source="breastfeeding")
    assert sorted(p.column for p in extract.problems) == [
        "not_breastfed", "partially_breastfed", "status_unknown"]


def test_periods_are_stored_with_the_fingertips_label(tmp_path):
    extract = _read(tmp_path, "area_code,period,maternities,smokers,non_smokers,status_unknown\n"
                              "E06000009,2023-24,10,1,9,0\nE06000009,2023/24 q1,3,1,2,0\n")
    assert extract.problems == []
    assert extract.tables["satod"]["period"].tolist() == ["2023/24", "2023/24 Q1"]


def test_fingertips_counts_may_be_estimates(tmp_path):
    header = (EXAMPLES / "fingertips.csv").read_text(encoding="utf-8").splitlines()[0]
    row = ("93085,Smoking status at time of delivery,,,E92000001,England,England,Female,"
           "All ages,Deprivation deciles,Most deprived decile,2023/24,12.1,,,,,8743.769695,"
           "72262.5,,,,,20230000,,")
    extract = _read(tmp_path, f"{header}\n{row}\n")
    assert extract.problems == []
    assert extract.tables["fingertips"].loc[0, "count"] == pytest.approx(8743.769695)


@pytest.mark.parametrize("source", [s for s in SOURCE_TYPES if s != "ons_child_mortality"])
def test_detect_source_from_each_template_header(source):
    header = (EXAMPLES.parent / "templates" / f"{source}.csv").read_text(
        encoding="utf-8").splitlines()[0].split(",")
    assert detect_source(header) == source


def test_detect_source_needs_a_fit():
    assert detect_source(["area_code", "year"]) is None
    assert detect_source([]) is None


def test_key_columns_cover_every_raw_table():
    assert KEY_COLUMNS == {
        "areas": ["area_code"],
        "births_deaths": ["area_code", "year"],
        "satod": ["area_code", "period"],
        "breastfeeding": ["area_code", "period"],
        "deprivation": ["area_code", "year", "imd_quintile"],
        "cdop": ["case_id"],
        "fingertips": ["indicator_id", "area_code", "sex", "age", "category_type", "category",
                       "time_period"],
        "ons_imd_decile": ["area_code", "year", "imd_decile"],
        "action_plan": ["plan", "priority", "action_ref", "indicator", "area_code"],
        "neighbours": ["group", "area_code", "rank"],
        "booking": ["area_code", "period"],
        "conceptions": ["area_code", "year", "age_group"],
        "births_deaths_ethnicity": ["area_code", "year", "ethnic_group"],
    }


def test_worksheet_named_in_problems_of_a_multi_sheet_workbook(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Births and deaths extract"])
    data = book.create_sheet("Data")
    data.append(BIRTHS_HEADER.strip().split(","))
    data.append(["E06000009", 2021, 1502, 6, -7, 5, 2])
    book.save(tmp_path / "births.xlsx")
    problems = read_extract(tmp_path / "births.xlsx").problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("births.xlsx [Data]", 2, "infant_deaths")]


def test_optional_whole_numbers_are_missing_as_nan(tmp_path):
    text = (EXAMPLES / "cdop.csv").read_text(encoding="utf-8").replace(",Pakistani,1,",
                                                                        ",Pakistani,,")
    extract = _read(tmp_path, text)
    assert extract.problems == []
    table = extract.tables["cdop"]
    assert math.isnan(table.loc[1, "imd_quintile"])
    assert table.loc[1, "category"] == 10
    assert str(table["category"].dtype) == "Int64"
