"""Provenance in the store: which file, load and date each value's rows came from, and
what the refresh says about a Fingertips download's indicators."""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import Connection, func, select

from data.readers import Extract
from data.schema import load, raw_row
from indicators.catalogue import CATALOGUE
from indicators.engine.provenance import EXTRACT_OF_TABLE
from indicators.names import AREA_CODE, INDICATOR_ID, PERIOD_LABEL

SOURCE_COLUMNS = ["source_file", "source_load_id", "source_date"]


def catalogue_note(extract: Extract) -> str:
    """Which of a Fingertips file's indicators become values, and which stay raw rows."""
    table = extract.tables.get("fingertips")
    if table is None or table.empty:
        return ""
    ids = {int(i) for i in pd.to_numeric(table[INDICATOR_ID], errors="coerce").dropna()}
    ours = {i.fingertips_id: i.id for i in CATALOGUE if i.fingertips_id is not None}
    used = sorted(ids & set(ours))
    unused = sorted(ids - set(ours))
    name = extract.path.rsplit("/", 1)[-1]
    parts = []
    if used:
        parts.append("published values of " + ", ".join(f"{i} ({ours[i]})" for i in used))
    if unused:
        shown = ", ".join(str(i) for i in unused[:10]) + (" ..." if len(unused) > 10 else "")
        parts.append(f"{len(unused)} indicator(s) not in the catalogue kept as raw rows "
                     f"only ({shown})")
    return f"{name}: " + "; ".join(parts)


def attach_sources(connection: Connection, values: pd.DataFrame) -> pd.DataFrame:
    """`values` with source_file, source_load_id and source_date filled for every row that
    names a source_table: the load that stored that table's rows for the area and period
    (for pooled and derived periods, the area's latest load of that table)."""
    out = values.copy(deep=False)  # copy-on-write: columns are copied only when changed
    for column in SOURCE_COLUMNS:
        out[column] = None
    named = out["source_table"].notna()
    if not named.any():
        return out
    rows = connection.execute(
        select(raw_row.c.source, raw_row.c.area_code, raw_row.c.period,
               func.max(raw_row.c.load_id))
        .group_by(raw_row.c.source, raw_row.c.area_code, raw_row.c.period)).all()
    stored = pd.DataFrame([tuple(r) for r in rows],
                          columns=["source_table", AREA_CODE, PERIOD_LABEL, "load"])
    exact = stored.set_index(["source_table", AREA_CODE, PERIOD_LABEL])["load"]
    exact = exact[~exact.index.duplicated()]
    latest = stored.groupby(["source_table", AREA_CODE])["load"].max()
    wanted = out.loc[named, ["source_table", AREA_CODE, PERIOD_LABEL]]
    found = pd.Series(exact.reindex(pd.MultiIndex.from_frame(wanted)).to_numpy(),
                      index=wanted.index)
    fallback = pd.Series(latest.reindex(pd.MultiIndex.from_frame(
        wanted[["source_table", AREA_CODE]])).to_numpy(), index=wanted.index)
    load_ids = found.fillna(fallback)
    files, dates = _load_files(connection)
    tables = wanted["source_table"]
    out.loc[named, "source_load_id"] = load_ids.astype("Int64").astype("object").where(
        load_ids.notna(), None)
    out.loc[named, "source_date"] = load_ids.map(dates)
    out.loc[named, "source_file"] = [
        files.get((int(lid), EXTRACT_OF_TABLE.get(t, t))) if pd.notna(lid) else None
        for lid, t in zip(load_ids, tables, strict=True)]
    return out


def _load_files(connection: Connection) -> tuple[dict[tuple[int, str], str], dict[int, str]]:
    """(load id, extract type) -> the file names of that type in that load; load id -> date."""
    files: dict[tuple[int, str], list[str]] = {}
    dates: dict[int, str] = {}
    for load_id, started, files_json in connection.execute(
            select(load.c.id, load.c.started_at, load.c.files_json)):
        dates[load_id] = started.date().isoformat() if started is not None else None
        for record in json.loads(files_json or "[]"):
            files.setdefault((load_id, record.get("source")), []).append(record.get("name"))
    return {key: ", ".join(names) for key, names in files.items()}, dates
