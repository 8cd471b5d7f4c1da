"""CSV cells a spreadsheet would run as formulas are escaped; numbers are left alone."""

from __future__ import annotations

import pandas as pd

from data.csv_cells import escape_formulas


def test_formula_cells_get_an_apostrophe_and_numbers_stay_numbers():
    frame = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "Bury", None],
                          "value": [-1.5, 2.0, 3.0, 4.0, 5.0, float("nan")]})
    out = escape_formulas(frame)
    assert out["name"].tolist()[:5] == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "Bury"]
    assert pd.isna(out["name"].iloc[5])
    pd.testing.assert_series_equal(out["value"], frame["value"])
    assert frame["name"].iloc[0].startswith("=")  # the input is not changed
