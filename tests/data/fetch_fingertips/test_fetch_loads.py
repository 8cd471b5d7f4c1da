"""`fetch fingertips` against a real HTTP server on 127.0.0.1 serving Fingertips' own
download format: what a good download loads, keeps and logs."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import func, select

from data.fetch_command import DownloadProgress
from data.fetching import fetch_fingertips, fingertips_folder
from data.fingertips_api import data_url
from data.load_log import history
from data.schema import raw_row
from tests.data.fetch_fingertips.downloads import (
    PATH,
    fetch_settings,
    kept_files,
    known_rows,
)
from tests.data.http_stand_in import Answer, ForwardProxy


def test_the_url_is_the_one_fingertips_clients_send():
    url = data_url("https://fingertips.phe.org.uk/api/", [92196, 93085], 502, profile=105)
    assert url == ("https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?"
                   "indicator_ids=92196,93085&child_area_type_id=502&parent_area_type_id=6&"
                   "profile_id=105&include_sortable_time_periods=yes")


def test_the_real_export_is_fetched_kept_and_loaded_with_its_url(
        with_areas, store_settings, serve, real_export, sample_files):
    server = serve(lambda seen: Answer(body=real_export))
    settings = fetch_settings(store_settings, server)
    known = {r["area_code"] for r in csv.DictReader(sample_files["areas"].open())}

    outcome = fetch_fingertips(with_areas, settings, [93356], [502], profile=105)

    assert outcome.report.result == "loaded", outcome.report.lines()
    assert outcome.kept.parent == fingertips_folder(settings)
    assert outcome.kept.read_bytes() == real_export  # one area type: the download as sent
    assert kept_files(settings) == [outcome.kept]
    with with_areas.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(raw_row)
                                    .where(raw_row.c.source == "fingertips")).scalar_one()
    # of 852: known areas only (the 8 counties and UAs of pre-2023 boundaries are left out)
    assert stored == len(known_rows(real_export, known)) == 812
    [query] = [s.query for s in server.seen]
    assert query == {"indicator_ids": ["93356"], "child_area_type_id": ["502"],
                     "parent_area_type_id": ["6"], "profile_id": ["105"],
                     "include_sortable_time_periods": ["yes"]}
    entry = history(with_areas).iloc[0]
    [record] = json.loads(entry["files_json"])
    assert record["urls"] == outcome.urls == [f"{server.url}{PATH}?indicator_ids=93356&"
                                              "child_area_type_id=502&parent_area_type_id=6&"
                                              "profile_id=105&include_sortable_time_periods=yes"]
    assert record["name"] == outcome.kept.name and entry["result"] == "loaded"


def test_two_area_types_and_two_indicators_make_one_file_each_row_once(
        with_areas, store_settings, serve, two_area_types):
    server = serve(lambda seen: Answer(body=two_area_types[seen.query["child_area_type_id"][0]]))
    settings = fetch_settings(store_settings, server)

    first = fetch_fingertips(with_areas, settings, [92196, 93085], [502, 501])

    assert first.report.result == "loaded", first.report.lines()
    assert [s.query["child_area_type_id"] for s in server.seen] == [["502"], ["501"]]
    assert all(s.query["indicator_ids"] == ["92196,93085"] for s in server.seen)
    with first.kept.open(encoding="utf-8", newline="") as handle:
        kept = list(csv.DictReader(handle))
    keys = [(r["Indicator ID"], r["Area Code"]) for r in kept]
    assert len(keys) == len(set(keys)) == 2 * 5  # England, NW, Manchester, Lancashire, Preston
    manchester = next(r for r in kept if r["Area Code"] == "E08000003")
    assert manchester["Area Type"] == "Counties & UAs (from Apr 2023)"  # first area type wins
    assert first.kept.read_bytes().split(b"\r\n", 1)[0] == two_area_types["502"].split(b"\r\n")[0]
    # Preston is not in the sample's area table: left out with the refresh's note
    assert any("E07000123" in note for note in first.report.notes)
    change = first.report.changes[0]
    assert (change.new, change.revised) == (2 * 4, 0)

    again = fetch_fingertips(with_areas, settings, [92196, 93085], [502, 501])
    assert again.report.result == "unchanged"
    assert (again.report.changes[0].new, again.report.changes[0].revised) == (0, 0)
    assert len(kept_files(settings)) == 2


def test_an_indicator_fingertips_does_not_send_is_named(
        sqlite_areas, sqlite_settings, serve, two_area_types):
    server = serve(lambda seen: Answer(body=two_area_types["502"]))
    outcome = fetch_fingertips(sqlite_areas, fetch_settings(sqlite_settings, server),
                               [92196, 93085, 90000], [502])
    assert outcome.notes == ["Fingertips sent no rows for indicator 90000 at these area types"]


def test_proxies_come_from_the_standard_environment_variables(
        sqlite_areas, sqlite_settings, serve, real_export, monkeypatch):
    server = serve(lambda seen: Answer(body=real_export))
    proxy = ForwardProxy().start()
    try:
        for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
                     "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        outcome = fetch_fingertips(sqlite_areas, fetch_settings(sqlite_settings, server), [93356], [502])
    finally:
        proxy.stop()
    assert outcome.report.result == "loaded"
    assert [s.path for s in proxy.seen] == outcome.urls  # the proxy was asked for the URL


def test_progress_shows_large_downloads_in_steps():
    stream = io.StringIO()
    progress = DownloadProgress(stream, show_from=1000)
    for done in range(0, 10_001, 250):
        progress(done, 10_000)
    progress(500, None)  # a second, smaller download of unknown size: not shown
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "  downloaded 0.0 MB of 0.0 MB (10%)"
    assert lines[-1] == "  downloaded 0.0 MB of 0.0 MB (100%)" and len(lines) == 10
