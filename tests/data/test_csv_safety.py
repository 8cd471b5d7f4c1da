"""The CSV writer's formula escaping (OWASP's CSV injection rule), and a check that every
CSV writer in the project goes through it."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data.csv_safety import safe_cell, safe_frame, to_csv

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://x.example","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
    "\t=1", "\r=1", "=", "-", "- not a number", "+44 20 7946 0000", "-inf", "-nan",
])
def test_formula_text_gets_a_leading_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [
    "-1.5", "-2e-05", "+3", "-0", ".5", "Blackburn with Darwen", "A=B", " =1", "", -3.2, -7,
    None, np.nan,
])
def test_numbers_plain_text_and_missing_are_left_alone(value):
    result = safe_cell(value)
    assert result is value or (result != result and value != value)


def test_a_frame_keeps_its_numbers_and_escapes_its_text():
    frame = pd.DataFrame({"area_name": ["=1+1", "Bolton"], "value": [-3.5, 2.0],
                          "count": [-1, 4], "=header": ["-x", "-4.25"]})
    written = to_csv(frame)
    rows = list(csv.reader(io.StringIO(written)))
    assert rows == [["area_name", "value", "count", "'=header"], ["'=1+1", "-3.5", "-1", "'-x"],
                    ["Bolton", "2.0", "4", "-4.25"]]
    safe = safe_frame(frame)
    assert safe["value"].dtype == frame["value"].dtype and safe["count"].dtype == frame["count"].dtype
    assert frame.loc[0, "area_name"] == "=1+1"  # the caller's frame is not changed


def test_every_csv_writer_goes_through_the_escaping():
    """No `.to_csv(` in the app's code except the escaping writer itself, the PostgreSQL
    COPY stream (read by the database, never a person), the fetch's joining of the publisher's
    downloads (their rows kept as published, then loaded, never escaped) and the synthetic
    sample files; every Dash download of a frame passes it through safe_frame."""
    allowed = {"data/csv_safety.py", "data/value_writer.py"}
    # The fetch joins the publisher's own downloads row for row (the file then loaded as
    # published); escaping there would change the published cells.
    # The scenario tool's built-in relative-risk table is written in the format its parser
    # reads back (the project's own constants, no extract's text; indicators/ cannot
    # import data/).
    verbatim = {"data/fetching.py": "csv.writer(", "indicators/scenarios/risks.py": "csv.writer("}
    offenders = []
    for folder in ("app.py", "data", "callbacks", "layouts", "indicators"):
        for path in sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).is_dir() else [ROOT / folder]:
            relative = path.relative_to(ROOT).as_posix()
            if relative in allowed or relative.startswith("data/sample/"):
                continue
            text = path.read_text()
            for match in re.finditer(r"\.to_csv\(|csv\.writer\(|send_data_frame\((?!safe_frame\()", text):
                if verbatim.get(relative) == match.group(0):
                    continue
                if match.group(0).startswith(".to_csv") and "safe_frame(" in text[
                        max(0, match.start() - 120):match.start()]:
                    continue
                offenders.append(f"{relative}:{text[:match.start()].count(chr(10)) + 1}")
    assert not offenders, offenders
