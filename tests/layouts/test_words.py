"""Words on the web pages: one number style, plural forms that agree, no command-line words,
areas named rather than keyed, empty cells empty."""

from __future__ import annotations

import math

import pytest

from data.queries.data_page import NAME_THE_TYPE, change_words, named_key, upload_changes
from data.readers import Problem
from data.refresh import LoadReport
from layouts.numbers import about, count, fixed, percent, plural, with_unit
from layouts.pages.data_page import MENU_WORDS, upload_report
from layouts.shell import synthetic_notice
from tests.support.components import text_of

NAMES = {"E08000003": "Manchester", "E92000001": "England"}


@pytest.mark.parametrize(("value", "expected"), [
    (48.49, "48.5%"), (0.0, "0.0%"), (100.0, "100.0%"), (math.nan, ""), (None, ""),
])
def test_one_percentage_style(value, expected):
    assert percent(value) == expected
    assert with_unit(value, "%") == expected


def test_numbers_rounded_for_reading_and_missing_empty():
    assert fixed(1234.567) == "1,234.6" and fixed(2.0, 2) == "2.00"
    assert count(12.0) == "12" and count(51897.0) == "51,897"
    assert about(26.26) == "26" and about(5.34) == "5.3" and about(-12.6) == "-13"
    assert with_unit(6.12, "per 1,000 live births") == "6.1 per 1,000 live births"
    assert fixed(float("nan")) == "" and about(None) == "" and with_unit(None, "deaths") == ""


def test_plural_forms_agree():
    assert [plural(n, "period") for n in (0, 1, 2)] == ["0 periods", "1 period", "2 periods"]
    assert plural(1, "death") == "1 death" and plural(1200, "death") == "1,200 deaths"


def test_revised_rows_name_their_area():
    assert named_key("E08000003|2025: live_births 3100 -> 3150", NAMES) == \
        "Manchester, 2025: live_births 3100 -> 3150"
    assert named_key("NW2019-0005: category 8 -> 10", NAMES) == "NW2019-0005: category 8 -> 10"
    words = change_words("births_deaths", {"revised": 1, "revised_examples": [
        "E08000003|2025: live_births 3100 -> 3150"]}, NAMES)
    assert words == ["births_deaths: 1 revised row", "revised Manchester, 2025: live_births 3100 to 3150"]


def test_upload_report_speaks_of_the_page_not_the_command():
    problem = Problem("x.csv", 1, None, "a, b", f"one of the extract types; or {NAME_THE_TYPE}")
    report = LoadReport("refused", None, problems=[problem])
    payload = {"result": "refused", "lines": report.lines(),
               "problems": [problem.__dict__], "changes": []}
    text = text_of(upload_report(payload, upload_changes(payload, NAMES), NAME_THE_TYPE))
    assert "Refused: 1 problem;" in text and "problem(s)" not in text
    assert MENU_WORDS in text and "--source" not in text


def test_upload_report_of_a_load_names_areas_and_counts_in_words():
    payload = {"result": "loaded", "rows": 1, "lines": ["Load 3: loaded, 1 row read."],
               "problems": [], "changes": [{
                   "source": "births_deaths", "new": 0, "revised": 1, "unchanged": 0,
                   "new_periods": [], "revised_examples": [
                       "E08000003|2025: live_births 3100 -> 3150"]}]}
    text = text_of(upload_report(payload, upload_changes(payload, NAMES), NAME_THE_TYPE))
    assert text.startswith("Loaded: 1 row read.")
    assert "revised Manchester, 2025: live_births 3100 to 3150" in text
    assert "E08000003|2025" not in text


def test_load_report_lines_agree_in_number():
    one = LoadReport("refused", None, problems=[Problem("f", 1, "c", "v", "e")])
    two = LoadReport("refused", None, problems=[Problem("f", 1, "c", "v", "e")] * 2)
    assert one.lines()[0] == "Refused: 1 problem; nothing was changed."
    assert two.lines()[0] == "Refused: 2 problems; nothing was changed."


def test_synthetic_notice_has_no_command_line_words():
    text = text_of(synthetic_notice())
    assert "`" not in text and "python -m" not in text
    assert "Load real extracts on the Data page." in text
