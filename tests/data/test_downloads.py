"""The one download layout: every page's indicator CSV has Fingertips' 26 columns then Unit
and Source, whole numbers written whole, missing cells blank; read back from a real store."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from data.downloads import (
    COMPUTED_HERE,
    DOWNLOAD_COLUMNS,
    derived_rows,
    indicator_download,
    source_of,
)
from data.export import FINGERTIPS_COLUMNS, csv_text
from data.store import make_engine
from indicators.catalogue import get_indicator

AREA = "E08000003"  # Manchester


@pytest.fixture(scope="module")
def engine(tmp_path_factory, sample_stores):
    engine = make_engine(sample_stores.copy(tmp_path_factory.mktemp("downloads"),
                                            ("areas", "births_deaths")).settings)
    yield engine
    engine.dispose()


def test_columns_are_fingertips_then_unit_and_source():
    assert DOWNLOAD_COLUMNS == [*FINGERTIPS_COLUMNS, "Unit", "Source"]


def test_stored_values_come_out_in_the_layout_with_whole_numbers_whole(engine):
    frame = indicator_download(engine, "infant_mortality", [AREA, "E92000001"], ["2024"],
                               category_type="")
    assert list(frame.columns) == DOWNLOAD_COLUMNS
    assert set(frame["Area Code"]) == {AREA, "E92000001"}
    assert set(frame["Unit"]) == {get_indicator("infant_mortality").unit}
    # The store names the extract each value was worked out from (the screens' words).
    assert len(set(frame["Source"])) == 1
    assert re.fullmatch(r"computed from births_deaths\.csv of \d{4}-\d{2}-\d{2}", frame["Source"].iloc[0])
    rows = list(csv.DictReader(io.StringIO(csv_text(frame), newline="")))
    manchester = next(r for r in rows if r["Area Code"] == AREA)
    assert manchester["Count"].isdigit() and manchester["Denominator"].isdigit()  # "12", not "12.0"
    assert float(manchester["Value"]) == pytest.approx(
        1000 * int(manchester["Count"]) / int(manchester["Denominator"]), rel=1e-12)
    assert "." in manchester["Value"] and len(manchester["Value"]) > 6  # unrounded
    assert manchester["Recent Trend"] != "None" and manchester["Compared to goal"] != "None"


def test_csv_text_writes_crlf_and_blank_for_missing():
    text = csv_text(pd.DataFrame({"a": [1.0, None], "b": ["x", None]}))
    assert text == "a,b\r\n1,x\r\n,\r\n"


def test_derived_rows_fill_only_what_they_know():
    frame = derived_rows(pd.DataFrame({"Indicator Name": ["SII"], "Value": [-2.5], "Count": [3.0],
                                       "Unit": ["per 1,000 live births"]}))
    row = frame.iloc[0]
    assert list(frame.columns) == DOWNLOAD_COLUMNS
    assert (row["Value"], row["Count"], row["Source"]) == ("-2.5", "3", COMPUTED_HERE)
    assert row["Area Code"] == "" and row["Lower CI 95.0 limit"] == ""


def test_a_stored_source_column_is_used_where_the_store_has_one():
    values = pd.DataFrame({"source": ["Fingertips download", None, ""]})
    assert source_of(values).tolist() == ["Fingertips download", COMPUTED_HERE, COMPUTED_HERE]
    assert source_of(pd.DataFrame({"value": [1.0]})) == COMPUTED_HERE
