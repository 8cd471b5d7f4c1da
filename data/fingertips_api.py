"""Downloads from the public Fingertips API: the "all data" CSV of some indicators.

`data_url` builds the request Fingertips' own clients (fingertipsR, fingertips_py) send;
`download` streams one response to a file and accepts it only when it is whole and is a
Fingertips CSV. Anything else raises `FetchError` with a message for the person running
the command, and leaves no file behind.

Proxies and certificates come from the standard environment variables (`HTTPS_PROXY`,
`HTTP_PROXY`, `NO_PROXY`, `REQUESTS_CA_BUNDLE`), which requests reads itself.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import requests
from urllib3.exceptions import HTTPError as TransferError

from data.readers import detect_source

# Fingertips area type 6: Government Office Regions, the comparator Fingertips shows
# beside England ("Compared to Region value or percentiles").
REGION_AREA_TYPE = 6
_CHUNK = 1 << 16
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_MAX_RETRY_AFTER = 60.0

Progress = Callable[[int, int | None], None]


class FetchError(Exception):
    """A download that cannot be used; the message says why and what to try."""


@dataclass(frozen=True)
class Download:
    url: str
    path: Path
    size: int
    rows: int  # data records below the header


def data_url(base: str, indicator_ids: Sequence[int], area_type: int,
             parent_area_type: int = REGION_AREA_TYPE, profile: int | None = None) -> str:
    """The `all_data/csv/by_indicator_id` URL for `indicator_ids` at `area_type`.

    `profile` asks for the comparisons (Better/Worse, polarity) as that profile shows
    them; Fingertips' sortable period column is always requested, as the refresh needs it.
    """
    query = {"indicator_ids": ",".join(str(i) for i in indicator_ids),
             "child_area_type_id": area_type, "parent_area_type_id": parent_area_type}
    if profile is not None:
        query["profile_id"] = profile
    query["include_sortable_time_periods"] = "yes"
    return f"{base.rstrip('/')}/all_data/csv/by_indicator_id?{urlencode(query, safe=',')}"


_NOTHING_CHANGED = "Nothing was downloaded or changed."


def download(url: str, path: Path, *, timeout: float, retries: int, backoff: float,
             progress: Progress | None = None) -> Download:
    """Stream `url` into `path`; retry server errors, timeouts and broken transfers up to
    `retries` times, pausing `backoff` seconds and doubling. FetchError when it fails."""
    attempts = retries + 1
    with requests.Session() as session:  # proxies from the environment (trust_env)
        for attempt in range(1, attempts + 1):
            try:
                size = _stream(session, url, path, timeout, progress)
                return Download(url, path, size, _check_csv(url, path))
            except _Transient as problem:
                path.unlink(missing_ok=True)
                if attempt == attempts:
                    raise FetchError(f"{problem} (tried {attempts} times). "
                                     f"{_NOTHING_CHANGED}") from None
                pause = problem.retry_after or backoff * 2 ** (attempt - 1)
                time.sleep(min(pause, _MAX_RETRY_AFTER))
            except FetchError:
                path.unlink(missing_ok=True)
                raise
    raise AssertionError("the loop returns or raises")


class _Transient(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _stream(session: requests.Session, url: str, path: Path, timeout: float,
            progress: Progress | None) -> int:
    host = urlsplit(url).netloc
    try:
        response = session.get(url, stream=True, timeout=(timeout, timeout),
                               headers={"Accept": "text/csv"})
    except requests.Timeout:
        raise _Transient(f"{host} did not answer within {timeout:g} s") from None
    except requests.ConnectionError as error:
        raise _Transient(f"could not connect to {host} ({_reason(error)}); behind a proxy, "
                         "set HTTPS_PROXY (and NO_PROXY for local hosts)") from None
    with response:
        if response.status_code in _RETRY_STATUSES:
            raise _Transient(f"{host} answered {response.status_code} {response.reason}",
                             _retry_after(response))
        if response.status_code != 200:
            raise FetchError(f"{host} answered {response.status_code} {response.reason} for "
                             f"{url}: {_snippet(response)}. {_NOTHING_CHANGED}")
        if "html" in response.headers.get("Content-Type", "").lower():
            raise FetchError(_html_message(url))
        expected = response.headers.get("Content-Length")
        total = int(expected) if expected and expected.isdigit() else None
        received = 0
        try:
            with path.open("wb") as handle:
                for chunk in response.raw.stream(_CHUNK, decode_content=True):
                    handle.write(chunk)
                    received = response.raw.tell()
                    if progress:
                        progress(received, total)
        except requests.Timeout:
            raise _Transient(f"{host} stopped sending for more than {timeout:g} s") from None
        except (requests.RequestException, OSError, TransferError) as error:
            raise _Transient(f"the download from {host} broke off ({_reason(error)})") from None
        received = response.raw.tell()
        if total is not None and received != total:
            raise _Transient(f"the download from {host} stopped after {received:,} of "
                             f"{total:,} bytes")
    return path.stat().st_size


def _check_csv(url: str, path: Path) -> int:
    """Data records below a Fingertips header; FetchError for anything else."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if not text:
        raise FetchError(f"Fingertips sent an empty file for {url}. {_NOTHING_CHANGED}")
    if text.startswith("<"):
        raise FetchError(_html_message(url))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if detect_source(header) != "fingertips":
            shown = ",".join(header)[:200]
            raise FetchError(f"the file from {url} is not a Fingertips download: its first "
                             f"row is {shown!r}. {_NOTHING_CHANGED}")
        return sum(1 for _ in reader)


def _html_message(url: str) -> str:
    return (f"the server sent a web page (HTML), not a CSV file, for {url}: usually an error "
            "page, or a proxy asking to sign in. Open the URL in a browser to see it. "
            f"{_NOTHING_CHANGED}")


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else None


def _snippet(response: requests.Response) -> str:
    try:
        text = next(response.iter_content(400, decode_unicode=False), b"")
    except requests.RequestException:
        return "(no readable body)"
    shown = " ".join(text.decode("utf-8", "replace").split())
    return shown[:200] or "(empty body)"


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."
