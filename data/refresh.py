"""The refresh: validate every file, then load all of them in one transaction or none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, select

from data import load_log
from data.catalogue_store import write_catalogue
from data.indicator_store import recompute
from data.raw_rows import TableChange, row_periods, upsert_table
from data.readers import KEY_COLUMNS, Extract, Problem, read_extract, validate_area_codes
from data.schema import area


@dataclass
class LoadReport:
    """The outcome of one refresh, as printed by the command and shown on the data page."""

    result: str  # "loaded", "unchanged" or "refused"
    load_id: int | None
    problems: list[Problem] = field(default_factory=list)
    changes: list[TableChange] = field(default_factory=list)
    rows: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result != "refused"

    def lines(self) -> list[str]:
        if self.problems:
            count = len(self.problems)
            head = f"Refused: {count} problem{'' if count == 1 else 's'}; nothing was changed."
            return [head, *(str(p) for p in self.problems)]
        out = [f"Load {self.load_id}: {self.result}, {self.rows} row{'s' if self.rows != 1 else ''} read."]
        out.extend(f"  note: {note}" for note in self.notes)
        for change in self.changes:
            out.append(f"  {change.source}: {change.new} new, {change.revised} revised, "
                       f"{change.unchanged} unchanged rows")
            if change.new_periods:
                out.append(f"    new periods: {', '.join(change.new_periods)}")
            out.extend(f"    revised {example}" for example in change.revised_examples)
        return out


# National publications cover every geography, past boundaries included: rows for areas
# outside our area table are left out with a note rather than refusing the whole file.
PUBLISHED_SOURCES = {"fingertips", "ons_child_mortality"}


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


def _file_record(extract: Extract) -> dict:
    return {"name": Path(extract.path).name, "sha256": extract.sha256, "source": extract.source}


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
    small_count_max: int = 4,
) -> LoadReport:
    """Validate `paths`, then load them together; on any problem nothing changes."""
    user = user or load_log.current_user()
    extracts = [read_extract(Path(p), source) for p in paths]
    known = _known_area_codes(engine, extracts)
    notes = [f"{Path(e.path).name}: {note}" for e in extracts for note in e.notes]
    notes += [_drop_unknown_published_areas(e, known) for e in extracts
              if e.source in PUBLISHED_SOURCES and not e.problems]
    notes = [n for n in notes if n]
    problems = [p for e in extracts for p in (*e.problems, *validate_area_codes(e, known))]
    files = [_file_record(e) for e in extracts]
    sources = [e.source or "unknown" for e in extracts]
    if problems:
        load_id = load_log.record_refused(
            engine, user, files, sources, "\n".join(str(p) for p in problems[:200]))
        return LoadReport("refused", load_id, problems=problems)

    rows = sum(len(f) for e in extracts for f in e.tables.values())
    periods = _periods_covered(extracts)
    with engine.begin() as connection:
        load_id = load_log.start_load(connection, user, files, sources)
        changes: dict[str, TableChange] = {}
        for extract in extracts:
            for table, frame in extract.tables.items():
                if table == "areas":
                    _upsert_areas(connection, frame)
                change = upsert_table(connection, table, frame, KEY_COLUMNS[table], load_id)
                _merge(changes, change)
            extract.tables.clear()  # stored now; the recompute reads the store, not these
        changed = any(c.changed for c in changes.values())
        catalogue_changed = write_catalogue(connection)
        if changed or catalogue_changed:
            recompute(connection, load_id, small_count_max)
        result = "loaded" if changed else "unchanged"
        load_log.finish_load(
            connection, load_id, result=result, rows=rows, periods=periods,
            changes={s: c.as_dict() for s, c in changes.items()}, message="\n".join(notes),
        )
    return LoadReport(result, load_id, changes=list(changes.values()), rows=rows, notes=notes)


def _merge(changes: dict[str, TableChange], change: TableChange) -> None:
    if change.source not in changes:
        changes[change.source] = change
        return
    total = changes[change.source]
    total.new += change.new
    total.revised += change.revised
    total.unchanged += change.unchanged
    total.new_periods = sorted(set(total.new_periods) | set(change.new_periods))
    total.revised_examples = (total.revised_examples + change.revised_examples)[:10]
