"""The ONS child mortality (death cohort) workbook: Table_3 and Table_21."""

from pathlib import Path

import openpyxl
import pytest

from data.readers import read_extract

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / ".." / "shared" / "data" / "raw"
WORKBOOK = RAW / "ons-child-mortality" / "EXAMPLE_cim2020deathcohortworkbook.xlsx"

TABLE_3_HEADER = [
    "Area of usual residence (code)", "Area of usual residence (name)",
    "Area of usual residence (geography)", "Live births", "Stillbirths", "Perinatal deaths",
    "Neonatal deaths", "Postneonatal deaths", "Infant deaths", "Stillbirth rate",
    "Stillbirth unreliable indicator ", "Infant mortality rate", "Infant unreliable indicator ",
]
TABLE_21_HEADER = ["Year", "IMD", "Live births", "Stillbirths", "Neonatal deaths",
                   "Infant deaths", "Stillbirth rate", "Neonatal mortality rate",
                   "Infant mortality rate"]


def build_ons_workbook(path: Path, area_rows: list[list], decile_rows: list[list]) -> Path:
    """A workbook laid out like the ONS one: cover sheet, title rows, then the tables."""
    book = openpyxl.Workbook()
    book.active.title = "Cover_sheet"
    book.active.append(["Child mortality (death cohort) tables in England and Wales (example)"])
    table3 = book.create_sheet("Table_3")
    table3.append(["Table 3: Live births, stillbirths and infant deaths: area of residence, "
                   "numbers and rates, 2020[note 3][note 4]"])
    for line in ["England and Wales", "This worksheet contains one table.",
                 "Notes for this table can be found on the notes worksheet.",
                 "Source: Office for National Statistics.",
                 "Some cells in this table are empty because the symbols used are not applicable."]:
        table3.append([line])
    table3.append(TABLE_3_HEADER)
    for row in area_rows:
        table3.append(row)
    table21 = book.create_sheet("Table_21")
    table21.append(["Table 21: Live births, stillbirths and infant deaths: Index of Multiple "
                    "Deprivation (IMD) in England, numbers and rates, 2019 to 2020[note 4]"])
    for line in ["This worksheet contains one table.", "Notes for this table can be found on "
                 "the notes worksheet.", "Source: Office for National Statistics"]:
        table21.append([line])
    table21.append(TABLE_21_HEADER)
    for row in decile_rows:
        table21.append(row)
    book.save(path)
    return path


EXAMPLE_AREA_ROWS = [
    ["K04000001, J99000001", "ENGLAND, WALES AND ELSEWHERE", "Country", 1200, 5, 8, 3, 1, 4,
     4.2, "u", 3.3, "u"],
    ["E92000001", "ENGLAND", "Country", 1100, 5, 8, 3, 1, 4, 4.5, "u", 3.6, "u"],
    ["E12000002", "NORTH WEST ", "Region", 1100, 5, 8, 3, 1, 4, 4.5, "u", 3.6, "u"],
    ["E06000009", "Blackpool ", "Unitary Authority", 600, 2, 3, 1, 1, 2, ":", "u", ":", "u"],
    ["E08000003", "Manchester", "Metropolitan District", 500, 3, 5, 2, 0, 2, 6.0, "u", ":", "u"],
    ["W06000015", "Cardiff", "Unitary Authority", 100, 0, 0, 0, 0, 0, ":", "u", ":", "u"],
]
EXAMPLE_DECILE_ROWS = [[2020, "Total", 1100, 5, 3, 4, 4.5, 2.7, 3.6]] + [
    [2020, decile, 110, 1 if decile <= 5 else 0, 1 if decile <= 3 else 0,
     1 if decile <= 4 else 0, ":", ":", ":"] for decile in range(1, 11)
]


@pytest.fixture(scope="module")
def real_workbook():
    return read_extract(WORKBOOK)


def test_real_workbook_table_3_england_2020(real_workbook):
    extract = real_workbook
    assert extract.source == "ons_child_mortality"
    assert extract.problems == []
    births = extract.tables["births_deaths"]
    england = births[births["area_code"] == "E92000001"].iloc[0]
    # ONS published figures for England, 2020 (Table_3, row 10)
    assert england["year"] == 2020
    assert england["live_births"] == 585195
    assert england["infant_deaths"] == 2100
    assert england["neonatal_deaths"] == 1564
    assert england["postneonatal_deaths"] == 536
    assert england["stillbirths"] == 2231
    assert england["source_row"] == 10
    # no Welsh, combined or metropolitan-county rows; Cornwall filed under E06000052
    assert not births["area_code"].str.match(r"^(W|K|J|E11|E13)").any()
    cornwall = births[births["area_code"] == "E06000052"].iloc[0]
    assert cornwall["live_births"] == 4729
    assert "combined" in cornwall["value_note"]
    assert births["area_code"].is_unique
    # the regions add up to England
    regions = births[births["area_code"].str.startswith("E12")]
    assert len(regions) == 9
    assert regions["live_births"].sum() == 585195
    assert any("W06" in note for note in extract.notes)


def test_real_workbook_table_21_deciles(real_workbook):
    deciles = real_workbook.tables["ons_imd_decile"]
    assert len(deciles) == 110  # 2010 to 2020, deciles 1 to 10
    assert sorted(deciles["year"].unique()) == list(range(2010, 2021))
    most_deprived_2020 = deciles[(deciles["year"] == 2020) & (deciles["imd_decile"] == 1)].iloc[0]
    assert most_deprived_2020["live_births"] == 78017
    assert most_deprived_2020["infant_deaths"] == 427
    assert most_deprived_2020["source_row"] == 7
    # the deciles add up to the England figure of Table_3
    in_2020 = deciles[deciles["year"] == 2020]
    assert in_2020["live_births"].sum() == 585195
    assert in_2020["infant_deaths"].sum() == 2100


def test_small_ons_layout_reads_and_skips_what_is_not_english(tmp_path):
    path = build_ons_workbook(tmp_path / "ons.xlsx", EXAMPLE_AREA_ROWS, EXAMPLE_DECILE_ROWS)
    extract = read_extract(path)
    assert extract.problems == []
    births = extract.tables["births_deaths"]
    assert births["area_code"].tolist() == ["E92000001", "E12000002", "E06000009", "E08000003"]
    assert births["source_row"].tolist() == [9, 10, 11, 12]
    assert len(extract.tables["ons_imd_decile"]) == 10


def test_bad_counts_in_the_workbook_are_located_on_the_sheet(tmp_path):
    rows = [list(r) for r in EXAMPLE_AREA_ROWS]
    rows[3][8] = 5  # Blackpool infant deaths 5, but neonatal 1 + postneonatal 1
    deciles = [list(r) for r in EXAMPLE_DECILE_ROWS]
    deciles[2][2] = -110  # decile 2 live births negative
    path = build_ons_workbook(tmp_path / "ons.xlsx", rows, deciles)
    problems = read_extract(path).problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("ons.xlsx [Table_3]", 11, "infant_deaths"),
        ("ons.xlsx [Table_21]", 8, "live_births"),
    ]
    assert problems[1].value == "-110"


def test_workbook_without_its_tables_is_refused(tmp_path):
    path = tmp_path / "ons.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["nothing here"])
    book.save(path)
    extract = read_extract(path, source="ons_child_mortality")
    assert [p.value for p in extract.problems] == ["no usable Table_3 sheet",
                                                   "no usable Table_21 sheet"]


@pytest.mark.parametrize("name", ["ons_child_mortality.xlsx"])
def test_example_workbook_in_the_repository(name):
    extract = read_extract(REPO / "examples" / name)
    assert extract.source == "ons_child_mortality"
    assert extract.problems == []
    assert set(extract.tables) == {"births_deaths", "ons_imd_decile"}
