"""Smoke tests of the pages benchmark at a tiny scale (one region, 3 years): the request
bodies it builds are ones Dash answers with real work, and the command prints its tables.
No timing is asserted: benchmarks print ratios, and a busy CI machine must not fail a build."""

from __future__ import annotations

import sys

import pytest

from bench import ui
from callbacks.pages import PAGES

NORTH_WEST = "E12000002"  # holds the sample's child death reviews (Manchester)


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory):
    settings, rows = ui.build_store(tmp_path_factory.mktemp("ui-bench"), years=3,
                                    regions=[NORTH_WEST])
    assert rows["births_deaths"] == rows["areas"] * 3 and rows["cdop"] > 0
    return settings


def test_trivial_callback_body_is_answered_with_its_input():
    client = ui.trivial_app().server.test_client()
    dependency = client.get("/_dash-dependencies").get_json()[0]
    body = ui.request_body(dependency, {"in": ("in", {"value": "echo me"}), "out": ("out", {})})
    seconds, answer = ui.post(client, body)
    assert seconds > 0 and answer["response"] == {"out": {"children": "echo me"}}


def test_page_bodies_make_each_page_do_its_work(tiny_store):
    from app import create_app

    client = create_app(tiny_store).server.test_client()
    bodies = {page.path: dict(ui.page_bodies(client, page.path, f"?area={ui.AREA}")) for page in PAGES}
    trends = bodies["/trends"]
    assert list(trends)[0].startswith("router") and "url.search ..." in trends
    _seconds, answer = ui.post(client, trends["trends-chart.figure ..."])
    figure = answer["response"]["trends-chart"]["figure"]
    assert "Manchester" in figure["layout"]["title"]["text"] and figure["data"]
    for path, calls in bodies.items():
        # every page view renders through the router and then runs callbacks of its own
        assert len(calls) >= 2, f"{path}: {list(calls)}"
        for label, body in calls.items():
            seconds, answer = ui.post(client, body)
            assert seconds > 0 and answer.get("response"), f"{path} {label} answered nothing"


@pytest.mark.browser
def test_command_prints_server_and_browser_tables(tiny_store, capsys, tmp_path):
    folder = tmp_path / "kept"
    figures = ui.main(["--regions", NORTH_WEST, "--years", "3", "--repeat", "2",
                       "--cold-repeat", "1", "--browser-repeat", "1", "--keep", str(folder)])
    out = capsys.readouterr().out
    assert "trivial callback (returns its input)" in out and "each callback's p95 <= 2x" in out
    assert "first view after a load" in out and "first view after a load and the warm-up" in out
    assert "navigation start to the first drawn trace" in out
    for path in (page.path for page in PAGES):
        for prefix in ("", "cold ", "warmed "):
            median, p95 = figures["server"][f"{prefix}{path} | page view, all callbacks"]
            assert 0 < median <= p95
    assert all(t > 0 for side in ("app", "definitions", "baseline") for t in figures["browser"][side])
    assert "/definitions?indicator=smoking_delivery (chosen one drawn)" in out
    # --keep keeps the store and its files (the next test's run reuses a kept one)
    assert "built in" in out and (folder / "store.sqlite").exists() and (folder / "files").is_dir()


def test_without_selenium_the_browser_table_is_skipped_saying_what_installs_it(
        tiny_store, capsys, monkeypatch):
    # The runtime set-up (the README's first command) installs no selenium: no traceback.
    monkeypatch.setitem(sys.modules, "selenium", None)
    figures = ui.main(["--regions", NORTH_WEST, "--years", "3", "--repeat", "1",
                       "--cold-repeat", "1", "--keep", str(tiny_store.instance_dir)])
    out = capsys.readouterr().out
    # a kept store (the fixture's, built as --keep builds one) is reused rather than built again
    assert "reused" in out and "built in" not in out
    assert ("headless Chromium: skipped, selenium (a test requirement) is not installed: "
            "`bash scripts/setup.sh test` installs it; or pass --no-browser") in out
    assert "browser" not in figures and "first view after a load" in out


def test_without_chromedriver_the_browser_check_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ui.browser_unavailable().startswith("chromedriver is not on the PATH: `bash scripts")
