"""Every file of the malformed corpus is refused with located problems: file, row,
column, value and what was expected, all at once."""

from pathlib import Path

import pytest

from data.readers import read_extract, validate_area_codes

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "malformed"
EXAMPLES = HERE.parents[1] / "examples"

# file -> the exact (row, column, value) of every problem, and words the expectation uses
CASES = {
    "missing_column.csv": ([(1, "stillbirths", "(no such column)")], "a column named stillbirths"),
    "negative_count.csv": ([(3, "infant_deaths", "-3")], "whole number of 0 or more"),
    "fractional_count.csv": ([(2, "live_births", "1502.5")], "whole number of 0 or more"),
    "text_count.csv": ([(2, "stillbirths", "six")], "whole number of 0 or more"),
    "infant_not_neonatal_plus_postneonatal.csv": (
        [(3, "infant_deaths", "neonatal_deaths=26, postneonatal_deaths=12, infant_deaths=40")],
        "neonatal_deaths + postneonatal_deaths to equal infant_deaths"),
    "parts_not_adding_up.csv": (
        [(3, "maternities",
          "smokers=520, non_smokers=6420, status_unknown=100, maternities=7050")],
        "smokers + non_smokers + status_unknown to equal maternities"),
    "breastfeeding_parts_not_adding_up.csv": (
        [(3, "infants_due_review", "totally_breastfed=640, partially_breastfed=305, "
          "not_breastfed=801, status_unknown=50, infants_due_review=1802")],
        "to equal infants_due_review"),
    "booking_parts_not_adding_up.csv": (
        [(3, "bookings", "bmi_30_or_over=1850, bmi_under_30=5400, bmi_unknown=160, "
          "bookings=7400")], "bmi_30_or_over + bmi_under_30 + bmi_unknown to equal bookings"),
    "conceptions_bad_rows.csv": (
        [(2, "age_group", "under20"),
         (3, "conceptions", "maternities=71, abortions=104, conceptions=176"),
         (4, "conceptions", "conceptions=2600, female_population=2510")], ""),
    "births_deaths_ethnicity_bad_rows.csv": (
        [(2, "ethnic_group", "Martian"),
         (3, "infant_deaths", "infant_deaths=31, live_births=30"),
         # "Indian" reads as the Asian group, which row 5 also gives
         (4, "area_code, year, ethnic_group", "E08000003, 2023, Asian"),
         (5, "area_code, year, ethnic_group", "E08000003, 2023, Asian")], ""),
    "numerator_above_denominator.csv": (
        [(2, "first_feed_breastmilk", "first_feed_breastmilk=361, births_first_feed_known=360")],
        "no more than births_first_feed_known"),
    "duplicate_keys.csv": (
        [(2, "area_code, period", "E06000009, 2023/24"),
         (4, "area_code, period", "E06000009, 2023/24")], "one row per area_code and period"),
    "bad_period.csv": ([(2, "period", "2023/25"), (3, "period", "2023")],
                       "a financial year or quarter"),
    "bad_gss_code.csv": ([(3, "area_code", "E0800003"), (4, "area_code", "Manchester")],
                         "a letter and 8 digits"),
    "bad_quintile.csv": ([(2, "imd_quintile", "0"), (3, "imd_quintile", "6")],
                         "from 1 (most deprived) to 5"),
    "bad_cdop_values.csv": (
        [(2, "category", "11"), (3, "category", "0"), (3, "expected", "Maybe"),
         (3, "factor_smoking", "X"), (3, "modifiable_factors", "Possibly")], ""),
    "bad_cdop_ethnic_group.csv": ([(3, "ethnic_group", "Martian")],
                                  "an ONS 2021 census ethnic group"),
    "bad_cdop_dates.csv": (
        [(2, "date_of_death", "31/02/2023"),
         (3, "review_closed_date", "notified_date=2023-08-10, review_closed_date=2023-08-01")],
        ""),
    "bad_area_type.csv": ([(4, "area_type", "Parish")], "an area type: one of england"),
    "blank_key.csv": ([(2, "year", ""), (3, "area_code", "")], "may not be blank"),
    "fingertips_bad_values.csv": ([(3, "time_period", "2023/25"), (3, "value", "high")], ""),
    "unknown_header.csv": ([(1, None, "name, colour, size")], "one of the extract types"),
    "empty.csv": ([(None, None, "an empty file")], "a header row"),
    "header_only.csv": ([(1, None, "only a header row")], "at least one data row"),
    "binary_junk.csv": ([(None, None, "binary data, not text")], "a CSV text file"),
    "xlsx_renamed.csv": ([(None, None, "an Excel workbook (.xlsx) with a .csv name")],
                         "name it .xlsx"),
    "zip_renamed.csv": ([(None, None, "a ZIP archive")], "unzip it first"),
    "duplicate_column_spelling.csv": (
        [(1, "stillbirths", "Stillbirths, stillbirths")],
        "column D ('Stillbirths') and column H ('stillbirths') both mean stillbirths"),
    "cdop_birth_weight_twice.csv": (
        [(1, "birth_weight_grams", "Birth Weight Grams, birth_weight_grams")],
        "column H ('Birth Weight Grams') and column I ('birth_weight_grams') both mean"),
    "overflow_count.csv": ([(2, "live_births", "9" * 100 + "... (400 characters)")],
                           "a count no larger than 10,000,000"),
    "count_above_maximum.csv": ([(3, "live_births", "1000000000000000")],
                                "a count no larger than 10,000,000"),
    "nan_and_infinity.csv": ([(2, "live_births", "NaN"), (3, "stillbirths", "inf")],
                             "a whole number of 0 or more"),
    "infinite_value.csv": ([(2, "value", "1e999")], "a finite number"),
    "nul_in_text.csv": ([(3, "area_name", "North West\x00Region")],
                        "text without control characters (this cell holds U+0000)"),
    "long_area_name.csv": ([(3, "area_name", ("North West " * 10)[:100] + "... (446 characters)")],
                           "at most 400 characters (this cell has 446)"),
    "long_case_id.csv": ([(2, "case_id", "X" * 100 + "... (301 characters)")],
                         "at most 100 characters (this cell has 301)"),
}
VALID = {"windows_1252_valid.csv", "utf16_no_bom_valid.csv"}


def test_the_corpus_is_complete_and_documented():
    files = {p.name for p in CORPUS.glob("*.csv")}
    assert files == set(CASES) | {"unknown_area.csv"} | VALID
    assert len(files) >= 20
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in files)


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_file_is_refused_with_located_problems(name):
    located, words = CASES[name]
    extract = read_extract(CORPUS / name)
    assert [(p.row, p.column, p.value) for p in extract.problems] == located
    for problem in extract.problems:
        assert problem.file == name
        assert words in problem.expected
        line = str(problem)
        assert line.startswith(name) and repr(problem.value) in line and problem.expected in line
        if problem.row is not None:
            assert f"row {problem.row}" in line
        if problem.column:
            assert f"column {problem.column}" in line


def test_conception_problems_say_what_was_expected():
    expected = [p.expected for p in read_extract(CORPUS / "conceptions_bad_rows.csv").problems]
    assert expected == ["under18 or under16 (Under 18, <16, U16...)",
                        "maternities + abortions to equal conceptions",
                        "conceptions to be no more than female_population"]


def test_problem_reads_as_one_line():
    problem = read_extract(CORPUS / "negative_count.csv").problems[0]
    assert str(problem) == ("negative_count.csv, row 3, column infant_deaths: '-3' \u2014 expected "
                            "a whole number of 0 or more (or a suppression marker such as * or c)")


def test_unknown_area_is_refused_by_the_area_check():
    extract = read_extract(CORPUS / "unknown_area.csv")
    assert extract.problems == []  # well formed: only the area table can tell
    known = set(read_extract(EXAMPLES / "areas.csv").tables["areas"]["area_code"])
    problems = validate_area_codes(extract, known)
    assert [(p.file, p.row, p.column, p.value) for p in problems] == [
        ("unknown_area.csv", 3, "area_code", "E06999999")]


def test_windows_1252_file_loads():
    extract = read_extract(CORPUS / "windows_1252_valid.csv")
    assert extract.problems == []
    names = extract.tables["areas"]["area_name"].tolist()
    assert names == ["England", "North West \u2013 Region", "Blackpool\u2019s Council"]


def test_utf16_without_a_byte_order_mark_loads():
    extract = read_extract(CORPUS / "utf16_no_bom_valid.csv")
    assert extract.problems == []
    assert extract.tables["areas"]["area_name"].tolist() == ["England", "North West \u2013 Region"]


def test_problems_of_different_kinds_are_all_reported_together(tmp_path):
    path = tmp_path / "births.csv"
    path.write_text(
        "area_code,year,live_births,stillbirths,infant_deaths,neonatal_deaths,"
        "postneonatal_deaths\n"
        "E06000009,2021,1502,6,7,5,2\n"
        "E0600009,2021,1502,6,7,5,2\n"          # bad code
        "E06000009,2021,10,6,12,9,3\n"          # duplicate key, and infant above births
        "E08000003,21,7480,-1,38,26,13\n",      # bad year, negative, parts not adding up
        encoding="utf-8")
    problems = read_extract(path).problems
    assert [(p.row, p.column) for p in problems] == [
        (2, "area_code, year"), (3, "area_code"), (4, "area_code, year"), (4, "infant_deaths"),
        (5, "infant_deaths"), (5, "stillbirths"), (5, "year")]


def test_the_source_can_be_named(tmp_path):
    extract = read_extract(CORPUS / "missing_column.csv", source="deprivation")
    assert extract.source == "deprivation"
    assert [(p.row, p.column) for p in extract.problems] == [(1, "imd_quintile")]
    wrong = read_extract(CORPUS / "negative_count.csv", source="nonsense")
    assert [p.value for p in wrong.problems] == ["nonsense"]
    missing = read_extract(tmp_path / "absent.csv")
    assert [p.expected for p in missing.problems] == ["an existing file"]
