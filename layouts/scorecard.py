"""The overview's scorecard, shared by the page and the board pack: the headline bullets,
the indicator groups, and the notes a missing value points to (each printed once, as a
footnote, however many rows share it). Words only; no Dash."""

from __future__ import annotations

from collections.abc import Iterable

from indicators.catalogue import GROUPS, indicator_group
from indicators.names import COMPARED_ENGLAND, COMPARED_REGION, INDICATOR_ID, VALUE_NOTE
from indicators.source_words import joined as _joined
from indicators.source_words import place_sources
from indicators.stats.compare import BETTER, WORSE, base_word

GROUP_ORDER = {name: rank for rank, (name, _members) in enumerate(GROUPS)}
MAX_NAMED = 3  # a bullet names this many indicators, then says how many more


def grouped(records: list[dict]) -> list[tuple[str, list[dict]]]:
    """(group name, rows) in the catalogue's group order, each group's rows in the order
    given (exceptions first on the overview); empty groups left out."""
    groups: dict[str, list[dict]] = {}
    for record in records:
        groups.setdefault(indicator_group(record[INDICATOR_ID]), []).append(record)
    return sorted(groups.items(), key=lambda item: GROUP_ORDER.get(item[0], len(GROUP_ORDER)))


def plural(count: int, one: str, many: str | None = None) -> str:
    """"1 indicator", "3 indicators"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _names(records: Iterable[dict]) -> str:
    names = [r["indicator_name"] for r in records]
    if len(names) <= MAX_NAMED:
        return _joined(names)
    return _joined([*names[:MAX_NAMED], f"{len(names) - MAX_NAMED} more"])


def _count_phrase(records: list[dict], key: str, place: str) -> str | None:
    words = [base_word(r.get(key)) for r in records]
    worse, better = words.count(WORSE), words.count(BETTER)
    compared = sum(w in (WORSE, BETTER, "Similar") for w in words)
    if not compared:
        return None
    return (f"Compared with {place}: {worse} significantly worse, {better} significantly "
            f"better, {compared - worse - better} similar.")


def headline(records: list[dict], region_name: str | None) -> list[str]:
    """Three to five short bullets: the comparisons with England and the region (counts of
    significantly worse and better), which indicators are getting worse, which miss their
    goal, and how many values are not shown."""
    bullets = [b for b in (_count_phrase(records, COMPARED_ENGLAND, "England"),
                           _count_phrase(records, COMPARED_REGION, region_name or "the region")
                           if region_name else None) if b]
    worsening = [r for r in records if str(r.get("recent_trend") or "").endswith("getting worse")]
    bullets.append(f"Getting worse: {_names(worsening)}." if worsening
                   else "No indicator is getting worse in its recent trend.")
    with_goal = [r for r in records if r.get("target_label")]
    missing_goal = [r for r in with_goal if base_word(r.get("compared_goal")) == WORSE]
    if with_goal:
        bullets.append(f"Missing the goal: {_names(missing_goal)}." if missing_goal
                       else f"Meeting the goal: {_names(with_goal)}.")
    no_value = [r for r in records if r.get("value") is None]
    if no_value:
        bullets.append(f"{plural(len(no_value), 'indicator has', 'indicators have')} no value "
                       "to show (see the notes under the table).")
    while len(bullets) < 3:  # England itself: nothing is compared with it
        bullets.insert(0, f"{plural(len(records), 'indicator')} with a latest value.")
    return bullets[:5]


def footnotes(records: list[dict]) -> dict[str, int]:
    """Each distinct value note (why a value is missing, or what qualifies one), numbered in
    order of first appearance."""
    notes: dict[str, int] = {}
    for record in records:
        note = record.get(VALUE_NOTE)
        if note and note not in notes:
            notes[note] = len(notes) + 1
    return notes


def noted(records: list[dict], notes: dict[str, int]) -> list[dict]:
    """The rows with each footnoted note replaced by its number ("see note 1"), so the
    sentences under the table do not repeat a long note on every row."""
    return [{**r, VALUE_NOTE: f"see note {notes[r['value_note']]}"}
            if r.get("value") is None and r.get(VALUE_NOTE) in notes else r for r in records]


def source_lines(records: list[dict], area_name: str, region_name: str | None) -> list[str]:
    """Where the table's figures come from, one line per distinct source naming the places
    that use it ("England and North West: published by OHID Fingertips, file ... of ...")."""
    return place_sources(
        (place, record.get(key)) for record in records
        for place, key in (("England", "england_source"),
                           (region_name or "Region", "region_source"),
                           (area_name, "source")))
