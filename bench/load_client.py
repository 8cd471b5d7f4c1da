"""The load test's simulated visitors: a bounded pool of threads, each a visitor walking one
journey after another against a server on the loopback interface, until a deadline.

A journey starts as a browser's first visit does (the page, `/_dash-layout`,
`/_dash-dependencies`), then views pages one after another as Dash's renderer does: for
each page, the router's POST and every callback the page sets off on load
(`bench.ui.page_bodies`, built once per page and area before the run). Analysts walk the
analysis pages, board members the one-screen pages; each journey is for one area, picked
at random. There is no think time: every visitor sends its next request as soon as the
last one is answered (a closed loop), so N visitors keep N requests in flight.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.dash_requests import UPDATE

ANALYST = ("/trends", "/inequalities", "/compare", "/map", "/child-deaths",
           "/compare-indicators", "/definitions")
BOARD = ("/", "/scorecard", "/plan", "/all-areas")
ROLES = (("analyst", ANALYST), ("board member", BOARD))
TRENDS_CHART = "trends-chart.figure ..."
FIRST_VISIT = ("/_dash-layout", "/_dash-dependencies")


@dataclass
class Views:
    """What the visitors request: per (path, area) the page's query string and its
    callbacks' bodies as (label, body)."""

    pages: dict[tuple[str, str], tuple[str, list[tuple[str, dict]]]]
    areas: list[str]


@dataclass
class Results:
    """Every request's (seconds, ok) and what the consistency check found."""

    seconds: list[float] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # what each request was, for the breakdown
    errors: list[str] = field(default_factory=list)
    mixed: int = 0  # one answer showing old and new data together
    went_back: int = 0  # a visitor shown old data after new
    new_seen: int = 0  # trends answers at the new data
    elapsed: float = 0.0
    client_cpu: float = 0.0  # seconds of CPU the client process itself used in the run
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None, kind: str = "") -> None:
        with self.lock:
            self.seconds.append(seconds)
            self.kinds.append(kind)
            if error:
                self.errors.append(error)


def _last_period(answer: dict) -> tuple[str, str]:
    """The trends answer's last plotted period and the text of its table and summary."""
    response = answer["response"]
    last = response["trends-chart"]["figure"]["layout"]["xaxis"]["categoryarray"][-1]
    words = json.dumps([v for k, v in response.items() if k != "trends-chart"], ensure_ascii=False)
    return last, words


class Visitor:
    """One simulated visitor: its role's pages for a random area, over and over."""

    def __init__(self, number: int, base: str, views: Views | None, results: Results,
                 old_period: str | None, seed: int) -> None:
        self.base, self.views, self.results = base, views, results
        self.role, self.journey = ROLES[number % len(ROLES)] if views else ("trivial", ())
        self.old_period = old_period
        self.random = random.Random(seed + number)
        self.session = requests.Session()
        self.seen_new = False

    def _send(self, method: str, path: str, body: dict | None = None, kind: str = "",
              parse: bool = False) -> dict | None:
        """One request, timed until its whole body has arrived (requests reads it before
        returning); the answer parsed, after the clock stops, only when `parse` (the
        consistency check's), so the client's own JSON work neither counts as the server's
        time nor takes the servers' CPU for answers nobody reads."""
        start = time.perf_counter()
        error, response = None, None
        try:
            response = self.session.request(method, self.base + path, json=body, timeout=120)
            if response.status_code not in (200, 204):
                error = f"{method} {path.split('?')[0]}: HTTP {response.status_code}"
        except requests.RequestException as exc:
            error = f"{method} {path.split('?')[0]}: {type(exc).__name__}"
        self.results.add(time.perf_counter() - start, error, kind or path.split("?")[0])
        if parse and error is None and response is not None and response.status_code == 200:
            return response.json()
        return None

    def _check(self, answer: dict) -> None:
        """Old and new data never together in one answer, nor old after new for a visitor."""
        last, words = _last_period(answer)
        new = last != self.old_period
        with self.results.lock:
            if new and last not in words:
                self.results.mixed += 1
            if new:
                self.results.new_seen += 1
            elif self.seen_new:
                self.results.went_back += 1
        self.seen_new = self.seen_new or new

    def journey_once(self, trivial_body: dict | None) -> None:
        if self.views is None:  # the baseline: the same requests, to the trivial app
            for path in ("/", *FIRST_VISIT):
                self._send("GET", path)
            for _ in range(6):
                self._send("POST", UPDATE, trivial_body)
            return
        area = self.random.choice(self.views.areas)
        first = True
        for path in self.journey:
            query, bodies = self.views.pages[(path, area)]
            if first:
                for url in (path + query, *FIRST_VISIT):
                    self._send("GET", url)
                first = False
            for label, body in bodies:
                check = label == TRENDS_CHART and self.old_period is not None
                answer = self._send("POST", UPDATE, body, kind=f"{path} {label}", parse=check)
                if answer is not None and check:
                    self._check(answer)


def run_visitors(base: str, users: int, seconds: float, views: Views | None,
                 old_period: str | None, trivial_body: dict | None = None,
                 more: Callable[[], bool] = lambda: False,
                 since: Callable[[], float | None] = lambda: None, seed: int = 16) -> Results:
    """`users` visitors for `seconds`, and for as long after as `more()` says (each finishes
    the journey it is in; none starts one after that). A visitor whose last journey began
    before `since()` (the load's commit) walks one more, so every visitor sees the new data."""
    results = Results()
    start, cpu_start = time.monotonic(), time.process_time()
    deadline = start + seconds
    visitors = [Visitor(n, base, views, results, old_period, seed) for n in range(users)]

    def walk(visitor: Visitor) -> None:
        began = time.monotonic()
        while time.monotonic() < deadline or more():
            began = time.monotonic()
            visitor.journey_once(trivial_body)
        committed = since()
        if committed is not None and began < committed:
            visitor.journey_once(trivial_body)

    threads = [threading.Thread(target=walk, args=(v,), daemon=True) for v in visitors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.elapsed = time.monotonic() - start
    results.client_cpu = time.process_time() - cpu_start
    return results


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(p) for p in text.split()]
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class MemorySampler:
    """The gunicorn workers' resident memory, sampled every `every` seconds in a thread."""

    def __init__(self, master: int, every: float = 1.0) -> None:
        self.master, self.every = master, every
        self.samples: list[tuple[float, list[float]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        start = time.monotonic()
        while not self._stop.is_set():
            self.samples.append((time.monotonic() - start,
                                 [_rss_mb(p) for p in _children(self.master)]))
            self._stop.wait(self.every)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
