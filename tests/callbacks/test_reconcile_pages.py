"""The data page's reconciliation page control over the real app, posted as the browser
posts it: a load shows page 1, Next and Previous turn the page, the ends hold, and a page
number the browser sends that the table does not have gives its last page."""

from __future__ import annotations

import copy

import pytest

from app import create_app
from data.queries.reconcile import reconciliation
from data.store import make_engine
from tests.support.dash_requests import page_bodies, post

ROWS = "data-reconcile-pairs-rows"


@pytest.fixture(scope="module")
def served(tmp_path_factory, sample_stores):
    settings = sample_stores.copy(tmp_path_factory.mktemp("reconcile-pages")).settings
    engine = make_engine(settings)
    total = len(reconciliation(engine))
    engine.dispose()
    client = create_app(settings, warm_up=False).server.test_client()
    body = next(b for label, b in page_bodies(client, "/data", "") if label.startswith(ROWS))
    return client, body, total


def _press(client, body: dict, button: str | None, page: int) -> dict:
    """The pairs table's callback answer when `button` ("previous"/"next", None: a load) is
    pressed on `page`."""
    pressed = copy.deepcopy(body)
    for item in pressed["inputs"] + pressed["state"]:
        if button and item["id"] == f"data-reconcile-pairs-{button}":
            item["value"] = 1
        if item["id"] == "data-reconcile-pairs-page":
            item["value"] = page
    if button:
        pressed["changedPropIds"] = [f"data-reconcile-pairs-{button}.n_clicks"]
    response = post(client, pressed)[1]["response"]
    return {key.removeprefix("data-reconcile-pairs-"): next(iter(value.values()))
            for key, value in response.items()}


def test_pages_turn_and_hold_at_the_ends(served):
    client, body, total = served
    last = -(-total // 20)
    assert last >= 3
    loaded = _press(client, body, None, 7)  # a load (or a new data version): page 1 again
    assert (loaded["status"], loaded["page"]) == (f"Rows 1–20 of {total:,} (page 1 of {last})", 1)
    assert (loaded["previous"], loaded["next"], loaded["block"]) == ("true", "false", False)
    second = _press(client, body, "next", 1)
    assert second["page"] == 2 and second["status"].startswith("Rows 21–40 of")
    assert second["previous"] == "false"
    assert _press(client, body, "previous", 2)["page"] == 1
    assert _press(client, body, "previous", 1)["page"] == 1  # the first page holds
    end = _press(client, body, "next", last)
    assert (end["page"], end["next"], end["previous"]) == (last, "true", "false")
    assert end["status"] == f"Rows {(last - 1) * 20 + 1:,}–{total:,} of {total:,} (page {last} of {last})"
    assert _press(client, body, "next", 10**9)["page"] == last  # no such page: the last
