"""Read-only queries for the data page: the load log in words, and the data-quality flags."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, and_, select

from data import load_log
from data.queries.cache import memoised
from data.queries.core import rows_frame
from data.readers.read import NAME_THE_TYPE
from data.record_privacy import is_record_level, record_level_files, revised_words, withheld_line
from data.schema import area, indicator, indicator_value
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    CATEGORY,
    CATEGORY_TYPE,
    INDICATOR_ID,
    PERIOD_LABEL,
    VALUE,
)

__all__ = ["NAME_THE_TYPE", "area_names", "change_words", "history_for_csv", "load_history",
           "named_key", "quality_flags", "upload_changes", "what_changed"]
HISTORY_COLUMNS = ["load_id", "when", "user", "files", "source_types", "rows", "periods",
                   "result", "what_changed", "problems"]
FLAG_COLUMNS = [AREA_CODE, AREA_NAME, INDICATOR_ID, "indicator_name", PERIOD_LABEL,
                CATEGORY_TYPE, CATEGORY, "dq_flag", "dq_value", VALUE]
_REVISION_EXAMPLES_SHOWN = 3
_PERIODS_LISTED = 6


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite hands back the stored UTC time without its zone; PostgreSQL an aware time.
    if moment is None or pd.isna(moment):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def named_key(example: str, names: dict[str, str] | None) -> str:
    """A revision example's row key in words: "E08000003|2025: ..." -> "Manchester, 2025: ..."
    (area codes named where `names` knows them; other keys as they are)."""
    key, colon, rest = example.partition(": ")
    if not colon or not names:
        return example
    return ", ".join(names.get(part, part) for part in key.split("|")) + colon + rest


def change_words(source: str, change: dict, names: dict[str, str] | None = None, *,
                 show_records: bool = False) -> list[str]:
    """One refresh's effect on one raw table, in words (from the load log's changes_json);
    `names` (area code -> name) names the areas in revised rows' keys. Revision examples
    of record-level tables (child death reviews) only with `show_records`; otherwise their
    count ("3 reviews revised")."""
    parts = [f"{change.get(k, 0):,} {k}" for k in ("new", "revised", "unchanged") if change.get(k)]
    total = sum(int(change.get(k) or 0) for k in ("new", "revised", "unchanged"))
    words = [f"{source}: {', '.join(parts) or 'no'} {'row' if total == 1 else 'rows'}"]
    periods = change.get("new_periods") or []
    if len(periods) > _PERIODS_LISTED:
        words[0] += f"; {len(periods)} new periods, {periods[0]} to {periods[-1]}"
    elif periods:
        words[0] += f"; new {'period' if len(periods) == 1 else 'periods'} {', '.join(periods)}"
    if is_record_level(source) and not show_records:
        revised = int(change.get("revised") or 0)
        return words + ([revised_words(source, revised)] if revised else [])
    examples = change.get("revised_examples") or []
    words.extend(f"revised {named_key(e, names).replace(' -> ', ' to ')}"
                 for e in examples[:_REVISION_EXAMPLES_SHOWN])
    if len(examples) > _REVISION_EXAMPLES_SHOWN or change.get("revised", 0) > len(examples):
        words.append(f"... {_plural(change['revised'] - _REVISION_EXAMPLES_SHOWN, 'more revised row')}")
    return words


def upload_changes(payload: dict, names: dict[str, str] | None = None) -> list[str]:
    """An upload's notes and table changes in the load history's words (`change_words`),
    for the page's upload report; areas named where `names` knows them. The upload route
    has already withheld the record-level examples its user may not see."""
    notes = [line.strip().removeprefix("note: ") for line in payload.get("lines") or []
             if line.strip().startswith("note: ")]
    changes = [w for c in payload.get("changes") or []
               for w in change_words(c.get("source", ""), c, names, show_records=True)]
    return [*notes, *changes]


def what_changed(result: str, changes_json: str, rows: int, problems: list[str],
                 show_records: bool = False, names: dict[str, str] | None = None) -> list[str]:
    """The 'what changed' column: the table changes, or why nothing changed."""
    if result == "refused":
        found = _plural(len(problems), "problem") if len(problems) < 200 else "200 or more problems"
        return [f"Nothing changed: the files were refused ({found} found)."]
    if result == "recomputed":
        return [f"Indicators recomputed: {_plural(rows, 'value')} written."]
    changes = json.loads(changes_json or "{}")
    words = [w for source, change in changes.items()
             for w in change_words(source, change, names, show_records=show_records)]
    if result == "unchanged":
        words.insert(0, "Nothing changed: every row was already in the store.")
    return words or ["No changes recorded."]


@memoised
def area_names(engine: Engine) -> dict[str, str]:
    """Area code -> name, for naming areas in words."""
    with engine.connect() as connection:
        return dict(connection.execute(select(area.c.code, area.c.name)).all())


@memoised
def load_history(engine: Engine, show_records: bool = False) -> pd.DataFrame:
    """The load log, newest first: when (UTC), who, files (name, sha256, source), source
    types, rows, periods, result, what changed and, for refused attempts, the problems.

    For the web: child death review revisions as counts unless `show_records`, and never
    a cell value of a refused child death review file (data.record_privacy)."""
    log = load_log.history(engine)
    names = area_names(engine)
    records = []
    for row in log.itertuples(index=False):
        files = json.loads(row.files_json) if row.files_json else []
        withheld = record_level_files(files)
        problems = [withheld_line(line, withheld) for line in row.message.splitlines()] \
            if row.result == "refused" and row.message else []
        records.append({
            "load_id": int(row.id),
            "when": _utc(row.finished_at) or _utc(row.started_at),
            "user": row.user_name,
            "files": files,
            "source_types": ", ".join(filter(None, (row.source_types or "").split(","))),
            "rows": int(row.rows or 0),
            "periods": [p.strip() for p in (row.periods or "").split(",") if p.strip()],
            "result": row.result,
            "what_changed": what_changed(row.result, row.changes_json, int(row.rows or 0), problems,
                                         show_records, names),
            "problems": problems,
        })
    return pd.DataFrame.from_records(records, columns=HISTORY_COLUMNS)


def history_for_csv(history: pd.DataFrame) -> pd.DataFrame:
    """The load history flattened to one text cell per field (problems left out: they may
    quote record-level values from the refused file)."""
    flat = history.drop(columns=["problems"]).copy()
    flat["when"] = flat["when"].map(lambda t: t.isoformat() if pd.notna(t) else "")
    flat["files"] = flat["files"].map(
        lambda files: "; ".join(f"{f.get('name')} ({f.get('source')}, sha256 {f.get('sha256')})"
                                for f in files))
    flat["periods"] = flat["periods"].map(", ".join)
    flat["what_changed"] = flat["what_changed"].map("; ".join)
    return flat


@memoised
def quality_flags(engine: Engine) -> pd.DataFrame:
    """Indicator values carrying a data-quality flag (e.g. smoking status not known for 5%
    or more of maternities), newest period first; dq_value is the flagged percentage."""
    query = (
        select(indicator_value.c.area_code, area.c.name, indicator_value.c.indicator_id,
               indicator.c.name, indicator_value.c.period_label, indicator_value.c.category_type,
               indicator_value.c.category, indicator_value.c.dq_flag, indicator_value.c.dq_value,
               indicator_value.c.value)
        .select_from(
            indicator_value
            .outerjoin(area, area.c.code == indicator_value.c.area_code)
            .outerjoin(indicator, indicator.c.id == indicator_value.c.indicator_id))
        .where(and_(indicator_value.c.dq_flag.is_not(None), indicator_value.c.dq_flag != ""))
        .order_by(indicator_value.c.period_sortable.desc(), area.c.name,
                  indicator.c.name, indicator_value.c.category)
    )
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(query).all(), FLAG_COLUMNS)
    frame[AREA_NAME] = frame[AREA_NAME].fillna(frame[AREA_CODE])
    frame["indicator_name"] = frame["indicator_name"].fillna(frame[INDICATOR_ID])
    return frame
