"""The body of `python -m data fetch fingertips ...`: progress on the terminal, then the
refresh report, as `python -m data load` prints it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from sqlalchemy import Engine

from data.settings import Settings

_MB = 1 << 20


class DownloadProgress:
    """Bytes received so far, shown once a download passes `show_from` bytes: one line
    rewritten in place on a terminal, else a line per tenth (or per 10 MB when the size
    is not known), so that a log file stays short."""

    def __init__(self, stream: TextIO, show_from: int = _MB) -> None:
        self.stream, self.show_from = stream, show_from
        self.tty = stream.isatty()
        self._last_step = -1
        self._done = 0
        self._open_line = False

    def __call__(self, done: int, total: int | None) -> None:
        if done < self._done:  # the next download has started
            self.finish()
            self._last_step = -1
        self._done = done
        if done < self.show_from:
            return
        step = done * 10 // total if total else done // (10 * _MB)
        if self.tty:
            self.stream.write("\r" + _describe(done, total))
            self._open_line = True
        elif step != self._last_step:
            self.stream.write(_describe(done, total) + "\n")
        self._last_step = step
        self.stream.flush()

    def finish(self) -> None:
        if self._open_line:
            self.stream.write("\n")
            self._open_line = False


def _describe(done: int, total: int | None) -> str:
    if total:
        return f"  downloaded {done / _MB:.1f} MB of {total / _MB:.1f} MB ({done * 100 // total}%)"
    return f"  downloaded {done / _MB:.1f} MB"


def fetch_command(engine: Engine, settings: Settings, indicator_ids: Sequence[int],
                  area_types: Sequence[int], profile: int | None, parent_area_type: int,
                  user: str | None) -> int:
    """0 loaded (or unchanged), 1 refused by validation, 3 download failed."""
    from data.fetching import fetch_fingertips
    from data.fingertips_api import FetchError

    progress = DownloadProgress(sys.stderr)
    print(f"Fetching indicator(s) {', '.join(map(str, indicator_ids))} for area type(s) "
          f"{', '.join(map(str, area_types))} from {settings.fingertips_api_url}",
          file=sys.stderr)
    try:
        outcome = fetch_fingertips(engine, settings, indicator_ids, area_types, profile=profile,
                                   parent_area_type=parent_area_type, user=user,
                                   progress=progress)
    except FetchError as error:
        progress.finish()
        print(f"Fetch failed: {error}", file=sys.stderr)
        return 3
    progress.finish()
    stream = sys.stdout if outcome.report.ok else sys.stderr
    for url in outcome.urls:
        print(f"Downloaded {url}", file=stream)
    for note in outcome.notes:
        print(f"  note: {note}", file=stream)
    print("\n".join(outcome.report.lines()), file=stream)
    state = "Kept" if outcome.report.ok else "Refused file kept for reference"
    print(f"{state}: {outcome.kept}", file=stream)
    return 0 if outcome.report.ok else 1
