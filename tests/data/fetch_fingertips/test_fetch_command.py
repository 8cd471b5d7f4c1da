"""`python -m data fetch fingertips` end to end: fetch, load, the load log's URLs, the
exit code on failure, compressed answers and progress."""

from __future__ import annotations

import gzip
import io
import subprocess
from pathlib import Path

from data.fetch_command import DownloadProgress
from data.fetching import fetch_fingertips
from tests.data.fetch_fingertips.downloads import (
    fetch_settings,
)
from tests.data.http_stand_in import Answer, StandIn
from tests.support.command_line import data_command


def _command(tmp_path: Path, server: StandIn, *args: str) -> subprocess.CompletedProcess:
    run = data_command(f"sqlite:///{tmp_path / 'cli.sqlite'}", tmp_path / "instance",
                       FINGERTIPS_API_URL=f"{server.url}/api", FINGERTIPS_RETRIES="1",
                       FINGERTIPS_BACKOFF="0.01", NO_PROXY="127.0.0.1")
    return run(*args)


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
    outcome = fetch_fingertips(sqlite_areas, fetch_settings(sqlite_settings, server), [93356], [502],
                               progress=DownloadProgress(stream, show_from=1))
    assert outcome.report.result == "loaded" and outcome.kept.read_bytes() == real_export
    lines = stream.getvalue().splitlines()
    # the size announced is the compressed one, and so is the count of bytes received
    assert lines and lines[-1].endswith("(100%)") and len(lines) <= 11
