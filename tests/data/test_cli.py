"""The command line as the intelligence team runs it: load, history, export, sample."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from data.export import FINGERTIPS_COLUMNS
from tests.support.command_line import sqlite_command

SAMPLE_AREAS = 34


@pytest.fixture
def run(tmp_path):
    return sqlite_command(tmp_path)


def test_sample_load_history_and_export(run, tmp_path):
    sample = run("sample", "--out", str(tmp_path / "sample"))
    assert sample.returncode == 0, sample.stderr
    files = {Path(line).stem: line for line in sample.stdout.split()}
    assert set(files) >= {"areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop"}

    loaded = run("load", files["areas"], files["births_deaths"], files["satod"])
    assert loaded.returncode == 0, loaded.stderr
    # One row per sample area (England, the nine regions and the North West's 24
    # authorities) and calendar year, from 2010 to the last full year before today.
    expected = SAMPLE_AREAS * (date.today().year - 2010)
    assert f"births_deaths: {expected} new, 0 revised, 0 unchanged rows" in loaded.stdout

    again = run("load", files["births_deaths"])
    assert again.returncode == 0 and "unchanged" in again.stdout

    history = run("history")
    lines = history.stdout.splitlines()
    assert history.returncode == 0
    assert lines[0].startswith("#2") and "unchanged" in lines[0] and "births_deaths.csv" in lines[0]
    assert any(line.startswith("#1") and "loaded" in line for line in lines)

    export = run("export", "--indicator", "93085", "--format", "fingertips")
    assert export.returncode == 0, export.stderr
    rows = list(csv.reader(io.StringIO(export.stdout)))
    assert rows[0] == FINGERTIPS_COLUMNS
    manchester = [r for r in rows[1:] if r[4] == "E08000003" and r[11] == "2023/24"]
    assert len(manchester) == 1 and manchester[0][0] == "93085"


def test_a_bad_file_exits_non_zero_with_located_problems(run, tmp_path, sample_stores):
    # the sample as the command writes it (the first test runs `sample` itself)
    run("load", str(sample_stores.files()["areas"]))
    bad = tmp_path / "bad.csv"
    bad.write_text("area_code,year,live_births,stillbirths,infant_deaths,neonatal_deaths,"
                   "postneonatal_deaths\nE08000003,2024,5000,20,abc,10,5\n", encoding="utf-8")
    result = run("load", str(bad))
    assert result.returncode == 1
    assert "bad.csv, row 2, column infant_deaths: 'abc'" in result.stderr
    assert "nothing was changed" in result.stderr
    assert "refused" in run("history").stdout.splitlines()[0]


def test_unknown_indicator_and_missing_file_are_clear_errors(run, tmp_path):
    assert run("export", "--indicator", "nope").returncode == 2
    missing = run("load", str(tmp_path / "absent.csv"))
    assert missing.returncode == 2 and "No such file" in missing.stderr


@pytest.mark.parametrize(("given", "raised_by"), [((), 10), (("--priority", "normal"), 0)])
def test_a_load_runs_at_a_lower_cpu_priority_unless_asked_not_to(tmp_path, given, raised_by,
                                                                 sample_stores):
    import os
    import subprocess
    import sys

    from data.settings import BACKGROUND_NICENESS
    from tests.support.command_line import ROOT

    areas = str(sample_stores.files()["areas"])
    # The command's own process, asked for its niceness after the load, as it ends.
    script = ("import os, sys; from data.cli import main; code = main(sys.argv[1:]); "
              "print('niceness', os.nice(0)); sys.exit(code)")
    done = subprocess.run(
        [sys.executable, "-c", script, "load", areas, *given], cwd=ROOT, text=True,
        capture_output=True, timeout=300,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
             "DASHBOARD_INSTANCE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert BACKGROUND_NICENESS == 10
    expected = min(19, os.nice(0) + raised_by)
    assert f"niceness {expected}" in done.stdout
