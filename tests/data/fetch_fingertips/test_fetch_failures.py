"""`fetch fingertips` when the server or its file fails: retried, said plainly, and
nothing of the store changed."""

from __future__ import annotations

import json
import re

import pytest

from data.fetching import fetch_fingertips, fingertips_folder
from data.fingertips_api import FetchError
from data.load_log import history
from data.store import make_engine
from tests.data.fetch_fingertips.downloads import (
    fetch_settings,
    kept_files,
    load_counts,
)
from tests.data.http_stand_in import Answer


def test_a_server_error_is_retried_with_backoff(sqlite_areas, sqlite_settings, serve, real_export):
    server = serve(lambda seen: Answer(503, b"busy") if len(server.seen) == 1
                   else Answer(body=real_export))
    outcome = fetch_fingertips(sqlite_areas, fetch_settings(sqlite_settings, server), [93356], [502])
    assert outcome.report.result == "loaded" and len(server.seen) == 2


HTML = b"<!DOCTYPE html><html><body><h1>Sorry, something went wrong</h1></body></html>"
FAILURES = {
    "server error": (lambda data: Answer(503, b"Service Unavailable"), "answered 503"),
    "timeout": (lambda data: Answer(hang=True), "did not answer within"),
    "truncated": (lambda data: Answer(body=data[: len(data) // 2], declared_length=len(data)),
                  "stopped after"),
    "html page": (lambda data: Answer(body=HTML, content_type="text/html; charset=utf-8"),
                  "web page (HTML)"),
    "html sent as csv": (lambda data: Answer(body=b"\r\n  " + HTML), "web page (HTML)"),
    "not found": (lambda data: Answer(404, b"No such indicator"), "answered 404"),
    "another csv": (lambda data: Answer(body=b"a,b,c\r\n1,2,3\r\n"), "not a Fingertips download"),
    "header only": (lambda data: Answer(body=data.split(b"\r\n", 1)[0] + b"\r\n"),
                    "has no data for indicator(s) 93356"),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_a_bad_download_says_why_and_changes_nothing(
        case, sqlite_areas, sqlite_settings, serve, real_export):
    make, message = FAILURES[case]
    server = serve(lambda seen: make(real_export))
    settings = fetch_settings(sqlite_settings, server, fingertips_timeout=0.5)
    before = load_counts(sqlite_areas)

    with pytest.raises(FetchError, match=re.escape(message)) as raised:
        fetch_fingertips(sqlite_areas, settings, [93356], [502])

    assert "Nothing was" in str(raised.value)
    assert load_counts(sqlite_areas) == before
    assert kept_files(settings) == []
    retried = case in {"server error", "timeout", "truncated"}
    assert len(server.seen) == (2 if retried else 1)


def test_a_bad_second_area_type_keeps_nothing_of_the_first(
        sqlite_areas, sqlite_settings, serve, two_area_types):
    server = serve(lambda seen: Answer(body=two_area_types["502"])
                   if seen.query["child_area_type_id"] == ["502"] else Answer(500, b"oops"))
    settings = fetch_settings(sqlite_settings, server)
    before = load_counts(sqlite_areas)
    with pytest.raises(FetchError, match="answered 500"):
        fetch_fingertips(sqlite_areas, settings, [92196], [502, 501])
    assert load_counts(sqlite_areas) == before and kept_files(settings) == []


def test_a_file_the_refresh_refuses_is_kept_apart_and_logged(
        with_areas, store_settings, serve, real_export):
    broken = real_export.replace(b",2015,94.7261896202678,", b",2015,not-a-number,", 1)
    server = serve(lambda seen: Answer(body=broken))
    settings = fetch_settings(store_settings, server)
    outcome = fetch_fingertips(with_areas, settings, [93356], [502])
    assert outcome.report.result == "refused"
    assert "not-a-number" in "\n".join(outcome.report.lines())
    assert outcome.kept.parent == fingertips_folder(settings) / "refused"
    assert json.loads(history(with_areas).iloc[0]["files_json"])[0]["urls"] == outcome.urls


def test_a_fetch_into_a_store_without_its_areas_says_to_load_them_first(
        sqlite_settings, serve, real_export):
    server = serve(lambda seen: Answer(body=b"\xef\xbb\xbf" + real_export))  # with a BOM
    engine = make_engine(sqlite_settings)
    outcome = fetch_fingertips(engine, fetch_settings(sqlite_settings, server), [93356], [502])
    engine.dispose()
    assert outcome.report.result == "unchanged" and outcome.report.rows == 0
    assert outcome.notes[-1].startswith("none of the downloaded rows is for an area")
