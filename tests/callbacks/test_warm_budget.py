"""How long a server's warm-up may run after a load (callbacks.warm.budget_of): its own
setting, else the refresh's, else long enough for every area; never with precomputing off."""

from __future__ import annotations

from pathlib import Path

from callbacks import warm
from data import precompute
from data.settings import Settings


def _settings(**environment: str) -> Settings:
    return Settings.from_env({"DASHBOARD_INSTANCE_DIR": str(Path("/nonexistent")), **environment})


def test_the_warm_up_budget_follows_its_setting_then_the_refresh_then_the_default(monkeypatch):
    monkeypatch.setattr(precompute, "BUDGET_SECONDS", 30)
    assert _settings(DASHBOARD_WARM_SECONDS="600", DASHBOARD_PRECOMPUTE_SECONDS="45").warm_seconds == 600
    assert warm.budget_of(_settings(DASHBOARD_WARM_SECONDS="600",
                                    DASHBOARD_PRECOMPUTE_SECONDS="45")) == 600
    assert warm.budget_of(_settings(DASHBOARD_PRECOMPUTE_SECONDS="45")) == 45
    assert warm.budget_of(_settings()) == warm.WARM_SECONDS == 1800
    assert warm.budget_of(_settings(DASHBOARD_PRECOMPUTE_SECONDS="0")) == 0
    monkeypatch.setattr(precompute, "BUDGET_SECONDS", 0)  # as the suite runs every app
    assert warm.budget_of(_settings()) == 0
    assert warm.budget_of(_settings(DASHBOARD_WARM_SECONDS="5")) == 5
