"""The conceptions extract as ONS and Fingertips spell it: age groups and headers in
other common ways, suppressed abortion counts kept missing with a note."""

from __future__ import annotations

import math

from data.readers import read_extract


def test_spellings_of_age_groups_and_headers(tmp_path):
    path = tmp_path / "teenage.csv"
    path.write_text(
        "Area Code,Year of conception,Age at conception,Number of conceptions,Female population,"
        "Conceptions leading to maternities,Conceptions leading to abortion\n"
        "E06000009,2021,Under 18,61,2640,27,34\n"
        "E06000009,2021,<16,12,2510,c,c\n"
        "E08000003,2021,U18,176,9480,71,105\n"
        "E08000003,2021,under_16,29,9010,,\n", encoding="utf-8")
    extract = read_extract(path)
    assert extract.source == "conceptions" and extract.problems == []
    table = extract.tables["conceptions"]
    assert table["age_group"].tolist() == ["under18", "under16", "under18", "under16"]
    assert table["conceptions"].tolist() == [61, 12, 176, 29]
    assert math.isnan(table["abortions"].iloc[1])
    assert "abortions suppressed ('c') in source" in table["value_note"].iloc[1]
