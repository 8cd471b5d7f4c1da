"""Every sample area's scorecard heading and headline, built as the overview page builds them
(callbacks.overview.summary, then layouts.pages.overview.content, whose headline is
layouts.scorecard.headline over layouts.overview_text.row_records): three to five bullets
for every area, under a heading naming it. The browser's fold check
(tests/browser/test_02_overview.py) takes the areas whose scorecard top is likely tallest
from these headlines (`tallest_tops`) instead of visiting every area."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
from dataclasses import dataclass

import pytest
from sqlalchemy import text

from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA
from callbacks.overview import summary
from data.store import make_engine
from indicators.names import ENGLAND
from layouts import ids
from layouts.pages import overview as page
from tests.support.components import walk

AREAS = text("SELECT code, name, area_type FROM area ORDER BY code")
MOST_TEXT = 6  # areas with the most headline text that the browser checks


@dataclass(frozen=True)
class Headline:
    """One area's scorecard top as the page builds it: its heading and headline bullets."""

    code: str
    name: str
    area_type: str
    region_name: str | None  # None for England and the regions
    heading: str
    bullets: tuple[str, ...]

    @property
    def characters(self) -> int:
        return sum(len(bullet) for bullet in self.bullets)

    @property
    def longest_bullet(self) -> int:
        return max((len(bullet) for bullet in self.bullets), default=0)


def sample_headlines(context: AppContext) -> list[Headline]:
    """Every stored area's heading and headline, from the overview's own callback steps."""
    with context.engine.connect() as connection:
        areas = connection.execute(AREAS).all()
    found = []
    for code, name, area_type in areas:
        chain, frame = summary(context, code)
        nodes = [node for part in page.content(frame, chain.name, chain.region_name)
                 for node in walk(part)]
        heading = next(n.children for n in nodes if getattr(n, "id", None) == ids.OVERVIEW_HEADING)
        lists = [n for n in nodes if getattr(n, "className", None) == "headline"]
        bullets = tuple(item.children for headline in lists for item in headline.children)
        found.append(Headline(code, name, area_type, chain.region_name, heading, bullets))
    return found


def sample_headlines_once(sample_stores, tmp_path_factory) -> list[Headline]:
    """`sample_headlines` of the whole sample, worked out once per run: every area's
    overview is most of a minute's queries, and this file and the browser's fold check
    both need them. The first to ask writes them beside the run's sample stores (shared by
    pytest-xdist's workers, as tests/conftest.py's `sample_stores`), under a lock that the
    others wait on, then read."""
    base = tmp_path_factory.getbasetemp()
    folder = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    saved = folder / "overview-headlines.json"
    with open(folder / "overview-headlines.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not saved.is_file():
            store = sample_stores.copy(tmp_path_factory.mktemp("overview-headlines"))
            engine = make_engine(store.settings)
            found = sample_headlines(AppContext(engine=engine, settings=store.settings))
            engine.dispose()
            partial = saved.with_suffix(".partial")
            partial.write_text(json.dumps([dataclasses.asdict(h) for h in found]),
                               encoding="utf-8")
            partial.replace(saved)
    rows = json.loads(saved.read_text(encoding="utf-8"))
    return [Headline(**{**row, "bullets": tuple(row["bullets"])}) for row in rows]


def tallest_tops(headlines: list[Headline]) -> list[Headline]:
    """The areas whose scorecard top (heading, headline, the table's header and first rows)
    is likely tallest, each once, in this order: the MOST_TEXT with the most headline text
    (at 1280 px each bullet is one line, so these are the five-bullet ones; a longer text
    wraps first), the one with the longest single bullet, the one with the longest name
    (the heading), England (nothing is compared with it, so its bullets differ in kind), the
    region with the most text, the area with the longest region name (two of the table's
    column headings carry it) and the area the page opens on (DEFAULT_AREA, the sample's
    own authority)."""
    by_text = sorted(headlines, key=lambda h: (-h.characters, h.code))[:MOST_TEXT]
    regions = [h for h in headlines if h.area_type == "region"]
    chosen = [*by_text, max(headlines, key=lambda h: h.longest_bullet),
              max(headlines, key=lambda h: len(h.name)),
              next(h for h in headlines if h.code == ENGLAND),
              max(regions, key=lambda h: h.characters),
              max(headlines, key=lambda h: (len(h.region_name or ""), h.characters)),
              next(h for h in headlines if h.code == DEFAULT_AREA)]
    return list({h.code: h for h in chosen}.values())


@pytest.fixture(scope="module")
def headlines(tmp_path_factory, sample_stores) -> list[Headline]:
    return sample_headlines_once(sample_stores, tmp_path_factory)


def test_every_area_has_three_to_five_headline_bullets_under_its_name(headlines):
    assert len(headlines) > 30
    for headline in headlines:
        assert headline.heading == f"Summary for {headline.name}", headline
        assert 3 <= len(headline.bullets) <= 5, headline
        assert all(isinstance(b, str) and b.strip() for b in headline.bullets), headline


def test_the_browser_checks_the_most_text_england_and_a_region(headlines):
    chosen = tallest_tops(headlines)
    codes = [h.code for h in chosen]
    assert len(set(codes)) == len(codes) <= MOST_TEXT + 6
    assert {ENGLAND, DEFAULT_AREA} <= set(codes) and any(h.area_type == "region" for h in chosen)
    others = [h for h in headlines if h.code not in codes]
    assert max(h.characters for h in others) <= min(h.characters for h in chosen[:MOST_TEXT])
    for measure in (lambda h: h.longest_bullet, lambda h: len(h.name),
                    lambda h: len(h.region_name or "")):
        assert max(map(measure, others)) <= max(map(measure, chosen))
