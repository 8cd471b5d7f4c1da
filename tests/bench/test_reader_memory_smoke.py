"""Smoke test of bench.reader_memory at a tiny scale: the generated CDOP file is valid and
both sides run. No figures are asserted."""

from __future__ import annotations

import pandas as pd

from bench import reader_memory
from data.readers import read_extract


def test_the_generated_cdop_file_is_valid_and_has_distinct_cases(tmp_path):
    path = reader_memory.write_cdop(tmp_path / "cdop.csv", 300)
    extract = read_extract(path)
    assert extract.source == "cdop" and extract.problems == []
    table = extract.tables["cdop"]
    assert len(table) == 300 and table["case_id"].is_unique
    assert len(pd.read_csv(path)) == 300


def test_the_benchmark_runs_end_to_end(capsys):
    assert reader_memory.main(["--rows", "500"]) == 0
    out = capsys.readouterr().out
    assert "peak memory ratio (reader / pandas):" in out
