"""The refresh: validate every file, then load all of them in one transaction or none."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import SQLAlchemyError

from data import load_lock, load_log, widths
from data.catalogue_store import write_catalogue
from data.indicator_store import recompute
from data.plan_rows import PLAN_TABLE, replace_plans
from data.precompute import PrecomputeReport, precompute
from data.published import catalogue_note
from data.queries.precomputed import carry_over
from data.queries.version import version_of
from data.raw_rows import TableChange, row_periods, stored_table_name, upsert_table
from data.readers import KEY_COLUMNS, Extract, Problem, read_extract, validate_area_codes
from data.readers.bounded import bounded
from data.schema import area
from data.store_errors import plain_message


@dataclass
class LoadReport:
    """The outcome of one refresh, as printed by the command and shown on the data page."""

    result: str  # "loaded", "unchanged", "refused" or "busy" (another load was running)
    load_id: int | None
    problems: list[Problem] = field(default_factory=list)
    changes: list[TableChange] = field(default_factory=list)
    rows: int = 0
    notes: list[str] = field(default_factory=list)
    precomputed: PrecomputeReport | None = None  # the pages' results worked out (data.precompute)

    @property
    def ok(self) -> bool:
        return self.result not in {"refused", "busy"}

    def lines(self) -> list[str]:
        if self.result == "busy":
            return [f"Not loaded: {note}." for note in self.notes]
        if self.problems:
            count = len(self.problems)
            head = f"Refused: {count} problem{'' if count == 1 else 's'}; nothing was changed."
            return [head, *(str(p) for p in self.problems)]
        out = [f"Load {self.load_id}: {self.result}, {self.rows} row{'s' if self.rows != 1 else ''} read."]
        out.extend(f"  note: {note}" for note in self.notes)
        if self.precomputed is not None and self.precomputed.jobs:
            out.append(f"  {self.precomputed.note()}")
        for change in self.changes:
            out.append(f"  {change.source}: {change.new} new, {change.revised} revised, "
                       f"{change.unchanged} unchanged rows"
                       + (f", {change.removed} removed" if change.removed else ""))
            if change.new_periods:
                out.append(f"    new periods: {', '.join(change.new_periods)}")
            out.extend(f"    revised {example}" for example in change.revised_examples)
        return out


# National publications cover every geography, past boundaries included: rows for areas
# outside our area table are left out with a note rather than refusing the whole file.
PUBLISHED_SOURCES = {"fingertips", "ons_child_mortality"}
AREA_TABLE = "areas"


def _drop_unknown_published_areas(extract: Extract, known: set[str]) -> str:
    dropped: set[str] = set()
    for name, frame in extract.tables.items():
        unknown = ~frame["area_code"].isin(known)
        dropped.update(frame.loc[unknown, "area_code"].astype(str))
        extract.tables[name] = frame[~unknown].reset_index(drop=True)
    if not dropped:
        return ""
    shown = ", ".join(sorted(dropped)[:10]) + (" ..." if len(dropped) > 10 else "")
    areas = f"{len(dropped)} area{'' if len(dropped) == 1 else 's'}"
    return (f"{Path(extract.path).name}: rows for {areas} not in the area table "
            f"were left out ({shown})")


def _file_record(extract: Extract, origins: Mapping[str, Sequence[str]]) -> dict:
    record = {"name": Path(extract.path).name, "sha256": extract.sha256, "source": extract.source}
    if urls := origins.get(record["name"]):  # a download: where it came from
        record["urls"] = list(urls)
    return record


def _known_area_codes(engine: Engine, extracts: Sequence[Extract]) -> set[str]:
    with engine.connect() as connection:
        known = set(connection.execute(select(area.c.code)).scalars().all())
    for extract in extracts:
        if "areas" in extract.tables:
            known.update(extract.tables["areas"]["area_code"].astype(str))
    return known


def _upsert_areas(connection: Connection, frame: pd.DataFrame) -> None:
    rows = [
        {"code": r.area_code, "name": r.area_name, "area_type": r.area_type,
         "parent_code": None if pd.isna(r.parent_code) or r.parent_code == "" else r.parent_code}
        for r in frame.itertuples(index=False)
    ]
    codes = [r["code"] for r in rows]
    for start in range(0, len(codes), 500):
        connection.execute(area.delete().where(area.c.code.in_(codes[start:start + 500])))
    connection.execute(area.insert(), rows)


def _periods_covered(extracts: Sequence[Extract]) -> str:
    labels = {
        label for e in extracts for frame in e.tables.values() for label in row_periods(frame) if label
    }
    return ", ".join(sorted(labels))


def refresh(
    engine: Engine, paths: Sequence[Path | str], source: str | None = None, user: str | None = None,
    small_count_max: int = 4, *, today: date | None = None, wait_seconds: float = 600,
    on_wait: Callable[[str], None] | None = None,
    progress: Callable[[str], None] | None = None,
    origins: Mapping[str, Sequence[str]] | None = None,
) -> LoadReport:
    """Validate `paths`, then load them together; on any problem nothing changes.

    One load runs at a time (data.load_lock): a second one calls ``on_wait`` with who is
    loading and waits up to ``wait_seconds`` (0: not at all), else ends "busy". A database
    error (disk full, lost connection, ...) ends "refused" with a plain message, logged in
    the load history when the store can still be written. ``today`` sets the readers'
    plausibility limit (default: the clock). ``progress(stage)``, when given, hears each stage
    in words (the web upload shows them); ``origins``: file name -> the URLs it was downloaded
    from, kept in the load log."""
    user = (user or load_log.current_user())[:widths.USER_NAME]
    names = ", ".join(Path(p).name for p in paths)
    try:
        return _refresh(engine, paths, source, user, small_count_max, today, wait_seconds,
                        on_wait, progress, origins)
    except load_lock.LoadBusy as busy:
        return LoadReport("busy", None, notes=[str(busy)])
    except _store_errors(engine) as error:
        return _refused_by_the_store(engine, user, paths, names, error)


def _store_errors(engine: Engine) -> tuple[type[BaseException], ...]:
    # the bulk writer uses the driver's cursor, whose errors SQLAlchemy does not wrap
    return SQLAlchemyError, OSError, engine.dialect.dbapi.Error


def _refused_by_the_store(engine: Engine, user: str, paths: Sequence[Path | str], names: str,
                          error: BaseException) -> LoadReport:
    reason = plain_message(error)
    files = [{"name": Path(p).name, "sha256": "", "source": None} for p in paths]
    message = f"{names}: the store could not take this load: {reason}; nothing was changed"
    problem = Problem(names, None, None, reason,
                      "a store that can be written: free disk space, a writable instance "
                      "folder, a reachable database server; then load again")
    try:
        load_id = load_log.record_refused(engine, user, files, ["unknown"], message)
    except _store_errors(engine) as again:
        load_id = None
        problem = Problem(names, None, None, reason, f"{problem.expected} (this attempt is not "
                          f"in the load history: {plain_message(again)})")
    return LoadReport("refused", load_id, problems=[problem])


def _refresh(
    engine: Engine, paths: Sequence[Path | str], source: str | None, user: str,
    small_count_max: int, today: date | None, wait_seconds: float,
    on_wait: Callable[[str], None] | None, progress: Callable[[str], None] | None,
    origins: Mapping[str, Sequence[str]] | None,
) -> LoadReport:
    say = progress or (lambda _stage: None)
    started = time.perf_counter()
    extracts = []
    for number, path in enumerate(paths, start=1):
        say(f"Reading and checking {Path(path).name} (file {number} of {len(paths)}).")
        extracts.append(read_extract(Path(path), source, today))
    say("Checking area codes against the area table.")
    known = _known_area_codes(engine, extracts)
    notes = [f"{Path(e.path).name}: {note}" for e in extracts for note in e.notes]
    notes += [_drop_unknown_published_areas(e, known) for e in extracts
              if e.source in PUBLISHED_SOURCES and not e.problems]
    notes += [catalogue_note(e) for e in extracts if e.source == "fingertips" and not e.problems]
    notes = [n for n in notes if n]
    problems = [p for e in extracts for p in (*e.problems, *bounded(validate_area_codes(e, known)))]
    files = [_file_record(e, origins or {}) for e in extracts]
    sources = [e.source or "unknown" for e in extracts]
    if problems:
        load_id = load_log.record_refused(
            engine, user, files, sources, "\n".join(str(p) for p in problems[:200]))
        return LoadReport("refused", load_id, problems=problems)

    rows = sum(len(f) for e in extracts for f in e.tables.values())
    periods = _periods_covered(extracts)
    say(f"Storing {rows:,} checked rows.")
    with engine.begin() as connection:
        waited = time.perf_counter()
        load_lock.hold(connection, user, wait_seconds, on_wait)
        waited = time.perf_counter() - waited  # another load's time, not this one's
        before = version_of(connection)
        load_id = load_log.start_load(connection, user, files, sources)
        changes: dict[str, TableChange] = {}
        for extract in extracts:
            for table, frame in extract.tables.items():
                if table == "areas":
                    _upsert_areas(connection, frame)
                if table == PLAN_TABLE:
                    change = replace_plans(connection, frame, load_id)
                else:
                    change = upsert_table(connection, stored_table_name(extract.source, table), frame,
                                          KEY_COLUMNS[table], load_id)
                _merge(changes, change)
            extract.tables.clear()  # stored now; the recompute reads the store, not these
        changed = any(c.changed for c in changes.values())
        catalogue_changed = write_catalogue(connection)
        # a plan's rows feed no indicator: a plan-only change needs no recompute
        changed_tables = {s for s, c in changes.items() if c.changed and s != PLAN_TABLE}
        if catalogue_changed or changed_tables:
            say("Recomputing the indicators from the stored rows.")
            # new areas or catalogue change every indicator; other tables only their readers
            whole = catalogue_changed or AREA_TABLE in changed_tables
            recompute(connection, load_id, small_count_max,
                      None if whole else changed_tables)
        result = "loaded" if changed else "unchanged"
        load_log.finish_load(
            connection, load_id, result=result, rows=rows, periods=periods,
            changes={s: c.as_dict() for s, c in changes.items()}, message="\n".join(notes),
        )
        # after the log's row is finished: the version is the one the commit makes visible
        worked_out = None
        if changed or catalogue_changed:
            say("Working out the pages' tables for the new data.")
            worked_out = precompute(connection, engine, small_count_max,
                                    load_seconds=time.perf_counter() - started - waited)
        else:
            carry_over(connection, before, version_of(connection))
    return LoadReport(result, load_id, changes=list(changes.values()), rows=rows, notes=notes,
                      precomputed=worked_out)


def _merge(changes: dict[str, TableChange], change: TableChange) -> None:
    if change.source not in changes:
        changes[change.source] = change
        return
    total = changes[change.source]
    total.new += change.new
    total.revised += change.revised
    total.unchanged += change.unchanged
    total.removed += change.removed
    total.new_periods = sorted(set(total.new_periods) | set(change.new_periods))
    total.revised_examples = (total.revised_examples + change.revised_examples)[:10]
