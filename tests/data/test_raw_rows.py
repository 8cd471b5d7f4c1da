"""Raw rows: payload text, and rows stored by an earlier JSON writer read as unchanged."""

from __future__ import annotations

import json

import numpy as np
import orjson
import pandas as pd
from sqlalchemy import select, update

from data.load_log import start_load
from data.raw_rows import payloads, row_keys, upsert_table
from data.schema import raw_row

FRAME = pd.DataFrame({
    "area_code": ["E06000001", "E06000002"], "year": [2020, 2021],
    "live_births": [1200.0, np.nan], "infant_deaths": [4.0, 2.5],
    "value_note": [None, "live_births suppressed ('*') in source"], "source_row": [2, 3],
})


def test_payloads_are_sorted_json_with_whole_numbers_as_integers_and_missing_as_null():
    first, second = (orjson.loads(p) for p in payloads(FRAME))
    assert list(first) == sorted(first) and "source_row" not in first
    assert first == {"area_code": "E06000001", "infant_deaths": 4, "live_births": 1200,
                     "value_note": None, "year": 2020}
    assert isinstance(first["live_births"], int)
    assert second["live_births"] is None and second["infant_deaths"] == 2.5
    assert row_keys(FRAME, ["area_code", "year"]) == ["E06000001|2020", "E06000002|2021"]


def test_rows_written_by_the_earlier_json_writer_are_unchanged_on_reload(store):
    with store.begin() as connection:
        load_id = start_load(connection, "test", [], ["births_deaths"])
        first = upsert_table(connection, "births_deaths", FRAME, ["area_code", "year"], load_id)
        # the store as json.dumps(sort_keys=True) wrote it before: other spacing, same data
        for key, body in zip(row_keys(FRAME, ["area_code", "year"]), payloads(FRAME), strict=True):
            legacy = json.dumps(json.loads(body), sort_keys=True)
            assert legacy != body
            connection.execute(update(raw_row).where(raw_row.c.row_key == key).values(payload=legacy))
        again = upsert_table(connection, "births_deaths", FRAME, ["area_code", "year"], load_id)
        revised = FRAME.assign(infant_deaths=[5.0, 2.5])
        third = upsert_table(connection, "births_deaths", revised, ["area_code", "year"], load_id)
        stored = connection.execute(select(raw_row.c.payload).order_by(raw_row.c.row_key)).scalars().all()
    assert (first.new, first.unchanged) == (2, 0)
    assert (again.new, again.revised, again.unchanged) == (0, 0, 2)
    assert (third.revised, third.unchanged) == (1, 1)
    assert third.revised_examples == ["E06000001|2020: infant_deaths 4 -> 5"]
    assert orjson.loads(stored[0])["infant_deaths"] == 5
