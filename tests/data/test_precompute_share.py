"""The refresh's precompute takes at most half as long as the load's own work (and at least a
second, and never more than its budget), so a load stays within 1.5 times its own time; the
refresh tells it how long its own work took, less any wait for another load."""

from __future__ import annotations

import pytest

import data.precompute
import data.refresh
from data.precompute import budget_for
from data.refresh import refresh


def test_the_budget_is_half_the_load_within_a_second_and_the_deployments_budget(monkeypatch):
    assert budget_for(30, 3.4) == pytest.approx(1.7)
    assert budget_for(30, 0.5) == 1.0  # the shared lists and the own areas need a moment
    assert budget_for(30, 100) == 30
    assert budget_for(30, None) == 30  # the command line's recompute: the budget alone
    assert budget_for(0.5, 10) == 0.5
    monkeypatch.setattr(data.precompute, "SHARE_OF_LOAD", None)
    assert budget_for(30, 3.4) == 30


def test_the_refresh_gives_its_own_time_to_the_precompute(store, sample_files, monkeypatch):
    heard = {}

    def listen(connection, engine, small_count_max, **kwargs):
        heard.update(kwargs)

    monkeypatch.setattr(data.refresh, "precompute", listen)
    report = refresh(store, [sample_files["areas"], sample_files["births_deaths"]], user="test")
    assert report.ok and 0 < heard["load_seconds"] < 600
