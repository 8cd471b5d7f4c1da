"""bench.load at one and two visitors for a few seconds, one region, 3 years: the servers
answer every request, the mid-run load commits, every visitor sees the new data and no
answer mixes old and new. No timings are asserted."""

from __future__ import annotations

import pytest

from bench import load

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def test_the_load_test_runs_and_checks_the_mid_run_load(capsys):
    figures = load.main(["--users", "1,2", "--seconds", "2", "--regions", "E12000002",
                         "--years", "3", "--areas-visited", "2", "--workers", "2",
                         # the load's own priority is the command line's (tests/data/test_cli.py)
                         "--load-priority", "normal"])
    printed = capsys.readouterr().out
    assert "p95 vs trivial" in printed and "MB over the run" in printed
    assert "share of the total waiting" in printed and "/trends trends-chart.figure" in printed
    for level in (1, 2):
        trivial, ours = figures[level]["trivial"], figures[level]["dashboard"]
        assert figures[level]["load_ok"]
        assert len(trivial.seconds) > 0 and not trivial.errors
        assert len(ours.seconds) > 0 and not ours.errors, ours.errors[:5]
        assert ours.mixed == 0 and ours.went_back == 0
        assert ours.new_seen > 0  # the analyst saw the load's new year
