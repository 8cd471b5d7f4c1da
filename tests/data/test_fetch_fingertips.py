"""`fetch fingertips` against a real HTTP server on 127.0.0.1 serving Fingertips' own
download format: the real export as it is, and files built under its exact header."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data.fetch_command import DownloadProgress
from data.fetching import fetch_fingertips, fingertips_folder
from data.fingertips_api import FetchError, data_url
from data.load_log import history
from data.refresh import refresh
from data.schema import load, raw_row
from data.settings import Settings
from data.store import make_engine, upgrade
from tests.data.http_stand_in import Answer, ForwardProxy, StandIn

EXPORT = "fingertips-export-sample/indicators-CountyUA.data.csv"
PATH = "/api/all_data/csv/by_indicator_id"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def real_export(raw_dir: Path) -> bytes:
    return (raw_dir / EXPORT).read_bytes()


def _built(real_export: bytes, rows: list[dict[str, str]]) -> bytes:
    """A download under the real export's header line, written as Fingertips writes (CRLF)."""
    header_line = real_export.split(b"\r\n", 1)[0]
    header = next(csv.reader(io.StringIO(header_line.decode())))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return header_line + b"\r\n" + out.getvalue().encode()


def _row(indicator: str, code: str, name: str, area_type: str, parent: str, value: float,
         count: int, denominator: int, period: str = "2021 - 23") -> dict[str, str]:
    return {"Indicator ID": indicator, "Indicator Name": f"Indicator {indicator}",
            "Parent Code": parent, "Area Code": code, "Area Name": name, "Area Type": area_type,
            "Sex": "Persons", "Age": "<1 yr", "Time period": period, "Value": str(value),
            "Lower CI 95.0 limit": str(value * 0.8), "Upper CI 95.0 limit": str(value * 1.2),
            "Count": str(count), "Denominator": str(denominator),
            "Compared to England value or percentiles": "Similar",
            "Time period Sortable": "20210000"}


SHARED = [("E92000001", "England", "England", ""), ("E12000002", "North West region", "Region",
                                                     "E92000001")]


def _area_type_file(real_export: bytes, area_type: str, areas: list[tuple[str, str]]) -> bytes:
    rows = []
    for indicator in ("92196", "93085"):
        for code, name, kind, parent in SHARED:
            rows.append(_row(indicator, code, name, kind, parent, 3.9, 7000, 1800000))
        for code, name in areas:
            rows.append(_row(indicator, code, name, area_type, "E12000002", 4.4, 60, 13000))
    return _built(real_export, rows)


@pytest.fixture
def two_area_types(real_export: bytes) -> dict[str, bytes]:
    return {
        "502": _area_type_file(real_export, "Counties & UAs (from Apr 2023)",
                               [("E08000003", "Manchester"), ("E10000017", "Lancashire")]),
        "501": _area_type_file(real_export, "Districts & UAs (from Apr 2023)",
                               [("E08000003", "Manchester"), ("E07000123", "Preston")]),
    }


@pytest.fixture
def with_areas(store, store_settings, sample_files):
    """The sample's area table, on SQLite and on PostgreSQL."""
    assert refresh(store, [sample_files["areas"]], user="tester").ok
    return store


@pytest.fixture
def sqlite_settings(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.sqlite'}",
                        instance_dir=tmp_path / "instance")
    upgrade(make_engine(settings))
    return settings


@pytest.fixture
def sqlite_areas(sqlite_settings, sample_files):
    """The sample's area table on SQLite only: for the download checks, which end before
    the store is touched, so one backend shows that nothing changed."""
    engine = make_engine(sqlite_settings)
    assert refresh(engine, [sample_files["areas"]], user="tester").ok
    yield engine
    engine.dispose()


def _settings(store_settings, server: StandIn, **overrides):
    values = {"fingertips_api_url": f"{server.url}/api", "fingertips_timeout": 2,
              "fingertips_retries": 1, "fingertips_backoff": 0.01, **overrides}
    return replace(store_settings, **values)


@pytest.fixture
def serve():
    servers = []

    def _serve(answer) -> StandIn:
        server = StandIn(answer).start()
        servers.append(server)
        return server
    yield _serve
    for server in servers:
        server.stop()


def _snapshot(engine) -> tuple[int, int]:
    with engine.connect() as connection:
        return (connection.execute(select(func.count()).select_from(load)).scalar_one(),
                connection.execute(select(func.count()).select_from(raw_row)).scalar_one())


def _kept_files(settings) -> list[Path]:
    folder = fingertips_folder(settings)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _known_rows(data: bytes, known: set[str]) -> set[tuple[str, ...]]:
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return {(r["Indicator ID"], r["Area Code"], r["Sex"], r["Age"], r["Category Type"],
             r["Category"], r["Time period"]) for r in records if r["Area Code"] in known}


def test_the_url_is_the_one_fingertips_clients_send():
    url = data_url("https://fingertips.phe.org.uk/api/", [92196, 93085], 502, profile=105)
    assert url == ("https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?"
                   "indicator_ids=92196,93085&child_area_type_id=502&parent_area_type_id=6&"
                   "profile_id=105&include_sortable_time_periods=yes")


def test_the_real_export_is_fetched_kept_and_loaded_with_its_url(
        with_areas, store_settings, serve, real_export, sample_files):
    server = serve(lambda seen: Answer(body=real_export))
    settings = _settings(store_settings, server)
    known = {r["area_code"] for r in csv.DictReader(sample_files["areas"].open())}

    outcome = fetch_fingertips(with_areas, settings, [93356], [502], profile=105)

    assert outcome.report.result == "loaded", outcome.report.lines()
    assert outcome.kept.parent == fingertips_folder(settings)
    assert outcome.kept.read_bytes() == real_export  # one area type: the download as sent
    assert _kept_files(settings) == [outcome.kept]
    with with_areas.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(raw_row)
                                    .where(raw_row.c.source == "fingertips")).scalar_one()
    # of 852: known areas only (the 8 counties and UAs of pre-2023 boundaries are left out)
    assert stored == len(_known_rows(real_export, known)) == 812
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
    settings = _settings(store_settings, server)

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
    assert len(_kept_files(settings)) == 2


def test_an_indicator_fingertips_does_not_send_is_named(
        sqlite_areas, sqlite_settings, serve, two_area_types):
    server = serve(lambda seen: Answer(body=two_area_types["502"]))
    outcome = fetch_fingertips(sqlite_areas, _settings(sqlite_settings, server),
                               [92196, 93085, 90000], [502])
    assert outcome.notes == ["Fingertips sent no rows for indicator 90000 at these area types"]


def test_a_server_error_is_retried_with_backoff(sqlite_areas, sqlite_settings, serve, real_export):
    server = serve(lambda seen: Answer(503, b"busy") if len(server.seen) == 1
                   else Answer(body=real_export))
    outcome = fetch_fingertips(sqlite_areas, _settings(sqlite_settings, server), [93356], [502])
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
    settings = _settings(sqlite_settings, server, fingertips_timeout=0.5)
    before = _snapshot(sqlite_areas)

    with pytest.raises(FetchError, match=re.escape(message)) as raised:
        fetch_fingertips(sqlite_areas, settings, [93356], [502])

    assert "Nothing was" in str(raised.value)
    assert _snapshot(sqlite_areas) == before
    assert _kept_files(settings) == []
    retried = case in {"server error", "timeout", "truncated"}
    assert len(server.seen) == (2 if retried else 1)


def test_a_bad_second_area_type_keeps_nothing_of_the_first(
        sqlite_areas, sqlite_settings, serve, two_area_types):
    server = serve(lambda seen: Answer(body=two_area_types["502"])
                   if seen.query["child_area_type_id"] == ["502"] else Answer(500, b"oops"))
    settings = _settings(sqlite_settings, server)
    before = _snapshot(sqlite_areas)
    with pytest.raises(FetchError, match="answered 500"):
        fetch_fingertips(sqlite_areas, settings, [92196], [502, 501])
    assert _snapshot(sqlite_areas) == before and _kept_files(settings) == []


def test_a_file_the_refresh_refuses_is_kept_apart_and_logged(
        with_areas, store_settings, serve, real_export):
    broken = real_export.replace(b",2015,94.7261896202678,", b",2015,not-a-number,", 1)
    server = serve(lambda seen: Answer(body=broken))
    settings = _settings(store_settings, server)
    outcome = fetch_fingertips(with_areas, settings, [93356], [502])
    assert outcome.report.result == "refused"
    assert "not-a-number" in "\n".join(outcome.report.lines())
    assert outcome.kept.parent == fingertips_folder(settings) / "refused"
    assert json.loads(history(with_areas).iloc[0]["files_json"])[0]["urls"] == outcome.urls


def test_proxies_come_from_the_standard_environment_variables(
        sqlite_areas, sqlite_settings, serve, real_export, monkeypatch):
    server = serve(lambda seen: Answer(body=real_export))
    proxy = ForwardProxy().start()
    try:
        for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
                     "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        outcome = fetch_fingertips(sqlite_areas, _settings(sqlite_settings, server), [93356], [502])
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


def _command(tmp_path: Path, server: StandIn, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
           "DASHBOARD_INSTANCE_DIR": str(tmp_path / "instance"), "PYTHONPATH": str(ROOT),
           "FINGERTIPS_API_URL": f"{server.url}/api", "FINGERTIPS_RETRIES": "1",
           "FINGERTIPS_BACKOFF": "0.01", "NO_PROXY": "127.0.0.1"}
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_command_line_fetches_loads_and_logs_the_urls(
        tmp_path, serve, two_area_types, sample_files):
    server = serve(lambda seen: Answer(body=two_area_types[seen.query["child_area_type_id"][0]]))
    assert _command(tmp_path, server, "load", str(sample_files["areas"])).returncode == 0

    done = _command(tmp_path, server, "fetch", "fingertips", "--indicator", "92196", "93085",
                    "--profile", "105", "--area-type", "502", "--area-type", "501")

    assert done.returncode == 0, done.stderr
    assert "fingertips: 8 new, 0 revised, 0 unchanged rows" in done.stdout
    assert [s.query["child_area_type_id"] for s in server.seen] == [["502"], ["501"]]
    assert all(s.query["profile_id"] == ["105"] and s.query["parent_area_type_id"] == ["6"]
               for s in server.seen)
    kept = list((tmp_path / "instance" / "fingertips").glob("fingertips_*.csv"))
    assert len(kept) == 1 and f"Kept: {kept[0]}" in done.stdout
    logged = _command(tmp_path, server, "history").stdout
    assert logged.count("from: " + server.url) == 2 and kept[0].name in logged


def test_the_command_line_exits_3_with_the_reason_when_the_server_fails(tmp_path, serve):
    server = serve(lambda seen: Answer(502, b"Bad Gateway"))
    failed = _command(tmp_path, server, "fetch", "fingertips", "--indicator", "92196",
                      "--area-type", "502")
    assert failed.returncode == 3
    assert "Fetch failed:" in failed.stderr and "answered 502" in failed.stderr
    assert "tried 2 times" in failed.stderr and len(server.seen) == 2


def test_a_compressed_answer_is_kept_as_the_csv_and_progress_is_shown(
        sqlite_areas, sqlite_settings, serve, real_export):
    packed = gzip.compress(real_export)
    server = serve(lambda seen: Answer(body=packed, headers={"Content-Encoding": "gzip"}))
    stream = io.StringIO()
    outcome = fetch_fingertips(sqlite_areas, _settings(sqlite_settings, server), [93356], [502],
                               progress=DownloadProgress(stream, show_from=1))
    assert outcome.report.result == "loaded" and outcome.kept.read_bytes() == real_export
    lines = stream.getvalue().splitlines()
    # the size announced is the compressed one, and so is the count of bytes received
    assert lines and lines[-1].endswith("(100%)") and len(lines) <= 11


def test_a_fetch_into_a_store_without_its_areas_says_to_load_them_first(
        sqlite_settings, serve, real_export):
    server = serve(lambda seen: Answer(body=b"\xef\xbb\xbf" + real_export))  # with a BOM
    engine = make_engine(sqlite_settings)
    outcome = fetch_fingertips(engine, _settings(sqlite_settings, server), [93356], [502])
    engine.dispose()
    assert outcome.report.result == "unchanged" and outcome.report.rows == 0
    assert outcome.notes[-1].startswith("none of the downloaded rows is for an area")
