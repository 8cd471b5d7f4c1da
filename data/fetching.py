"""`python -m data fetch fingertips`: download national figures, then load them through the
same validated, all-or-nothing, logged refresh as a file dropped in by hand.

One call makes one request per area type (the API takes one child area type at a time,
with every indicator in the same request) and keeps one file: the download itself when
there is one area type, else the downloads combined under the one header. England, the
regions and the unitary authorities appear in every area type's download with the same
figures; the combined file keeps each such row once (from the first area type given), so
that a repeated fetch reports its rows as unchanged rather than revised twice over.

Files are staged under `<instance>/fingertips/incoming/` while they are checked and
loaded; a loaded file moves to `<instance>/fingertips/`, a refused one to
`<instance>/fingertips/refused/` (for reading the report against), and a failed download
leaves nothing.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from data.fingertips_api import REGION_AREA_TYPE, Download, FetchError, Progress, data_url, download
from data.readers import KEY_COLUMNS, TABLES
from data.readers.sources import column_names
from data.refresh import LoadReport, refresh
from data.settings import Settings

_SOURCE = "fingertips"


@dataclass
class FetchOutcome:
    report: LoadReport
    kept: Path  # where the file is kept: the fingertips folder, or its refused/ folder
    urls: list[str]
    notes: list[str] = field(default_factory=list)


def fingertips_folder(settings: Settings) -> Path:
    return settings.instance_dir / "fingertips"


def fetch_fingertips(
    engine: Engine, settings: Settings, indicator_ids: Sequence[int], area_types: Sequence[int],
    *, profile: int | None = None, parent_area_type: int = REGION_AREA_TYPE,
    user: str | None = None, progress: Progress | None = None,
) -> FetchOutcome:
    """Download `indicator_ids` at each of `area_types`, keep the file and load it.
    FetchError (nothing changed, nothing kept) when a download cannot be used."""
    folder = fingertips_folder(settings)
    incoming = folder / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    name = _file_name(indicator_ids, area_types)
    staged = incoming / name
    parts: list[Path] = []
    try:
        downloads: list[Download] = []
        for area_type in area_types:
            url = data_url(settings.fingertips_api_url, indicator_ids, area_type,
                           parent_area_type, profile)
            part = incoming / f"{name}.{area_type}.part"
            parts.append(part)
            downloads.append(download(
                url, part, timeout=settings.fingertips_timeout,
                retries=settings.fingertips_retries, backoff=settings.fingertips_backoff,
                progress=progress))
        if not any(d.rows for d in downloads):
            raise FetchError(f"Fingertips has no data for indicator(s) {_ids(indicator_ids)} at "
                             f"area type(s) {_ids(area_types)}: check the IDs (an indicator "
                             "is published only for some area types). Nothing was changed.")
        if len(downloads) == 1:
            downloads[0].path.replace(staged)
        else:
            _combine([d.path for d in downloads], staged)
        notes = _missing_indicators(staged, indicator_ids)
        urls = [d.url for d in downloads]
        report = refresh(engine, [staged], source=_SOURCE, user=user,
                         small_count_max=settings.small_count_max, origins={name: urls})
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    finally:
        for part in parts:
            part.unlink(missing_ok=True)
    if report.ok and report.rows == 0:
        notes.append("none of the downloaded rows is for an area in the area table: load the "
                     "area list first (python -m data load areas.csv), then fetch again")
    target = folder if report.ok else folder / "refused"
    target.mkdir(parents=True, exist_ok=True)
    kept = Path(shutil.move(staged, target / name))
    return FetchOutcome(report, kept, urls, notes)


def _ids(values: Sequence[int]) -> str:
    return ", ".join(str(v) for v in values)


def _file_name(indicator_ids: Sequence[int], area_types: Sequence[int]) -> str:
    shown = [str(i) for i in indicator_ids[:4]]
    if len(indicator_ids) > 4:
        shown.append(f"and{len(indicator_ids) - 4}more")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"fingertips_{'-'.join(shown)}_at{'-'.join(str(a) for a in area_types)}_{stamp}.csv"


def _key_positions(header: list[str]) -> list[int]:
    canonical = column_names(TABLES[_SOURCE], header)
    position = {canonical[cell]: n for n, cell in enumerate(header) if cell in canonical}
    return [position[column] for column in KEY_COLUMNS[_SOURCE]]


def _combine(paths: Sequence[Path], out: Path) -> None:
    """The downloads under one header, each keyed row once (first download wins)."""
    seen: set[tuple[str, ...]] = set()
    first_header: list[str] | None = None
    with out.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\r\n")
        for path in paths:
            with path.open(encoding="utf-8-sig", newline="") as source:
                reader = csv.reader(source)
                header = next(reader)
                if first_header is None:
                    first_header = header
                    writer.writerow(header)
                elif header != first_header:
                    raise FetchError(f"the downloads have different columns ({path.name}); "
                                     "nothing was changed")
                keys = _key_positions(header)
                for record in reader:
                    key = tuple(record[k] if k < len(record) else "" for k in keys)
                    if key not in seen:
                        seen.add(key)
                        writer.writerow(record)


def _missing_indicators(path: Path, indicator_ids: Sequence[int]) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        column = _key_positions(next(reader))[0]  # the key starts with the indicator ID
        found = {record[column] for record in reader if len(record) > column}
    return [f"Fingertips sent no rows for indicator {i} at these area types"
            for i in indicator_ids if str(i) not in found]
