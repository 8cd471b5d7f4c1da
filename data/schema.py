"""Table definitions of the store (SQLAlchemy Core). Changes go through Alembic migrations."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from data import widths
from indicators.names import (
    AREA_CODE,
    AREA_TYPE,
    CATEGORY,
    CATEGORY_TYPE,
    COMPARED_ENGLAND,
    COMPARED_REGION,
    COUNT,
    DENOMINATOR,
    INDICATOR_ID,
    LOWER95,
    LOWER998,
    PARENT_CODE,
    PERIOD,
    PERIOD_LABEL,
    PERIOD_SORTABLE,
    RECENT_TREND,
    UPPER95,
    UPPER998,
    VALUE,
    VALUE_NOTE,
)

metadata = MetaData()

area = Table(
    "area",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name", String(widths.AREA_NAME), nullable=False),
    Column(AREA_TYPE, String(20), nullable=False),
    Column(PARENT_CODE, String(16), nullable=True),
)

indicator = Table(
    "indicator",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("fingertips_id", Integer, nullable=True),
    Column("name", String(300), nullable=False),
    Column("metadata_json", Text, nullable=False),
)

load = Table(
    "load",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("user_name", String(100), nullable=False),
    Column("files_json", Text, nullable=False),
    Column("source_types", String(200), nullable=False),
    Column("rows", Integer, nullable=False, default=0),
    Column("periods", Text, nullable=False, default=""),
    Column("result", String(20), nullable=False),
    Column("changes_json", Text, nullable=False, default="{}"),
    Column("message", Text, nullable=False, default=""),
)

# One row per extract row as it was loaded, so indicators can be recomputed when a
# method changes and a refresh can say what it changed.
raw_row = Table(
    "raw_row",
    metadata,
    Column("source", String(40), primary_key=True),
    Column("row_key", String(widths.ROW_KEY), primary_key=True),
    Column(AREA_CODE, String(16), nullable=True),
    Column(PERIOD, String(40), nullable=True),
    Column("payload", Text, nullable=False),
    Column("load_id", Integer, ForeignKey("load.id"), nullable=False),
)

# Where a value comes from (migration 0002): computed from a local extract (or a complete
# aggregate of children) or published, by whom, from which file, load and date; and the
# publisher's own comparisons and trend, so that a disagreement with ours can be shown.
def provenance_columns() -> list[Column]:
    return [
        Column("provenance", String(20), nullable=False, server_default="computed"),
        Column("publisher", String(100), nullable=True),
        Column("source_table", String(40), nullable=True),
        Column("source_file", Text, nullable=True),
        Column("source_load_id", Integer, nullable=True),
        Column("source_date", String(10), nullable=True),
        Column("published_compared_england", String(40), nullable=True),
        Column("published_compared_region", String(40), nullable=True),
        Column("published_trend", String(60), nullable=True),
    ]


indicator_value = Table(
    "indicator_value",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(INDICATOR_ID, String(64), nullable=False),
    Column(AREA_CODE, String(16), nullable=False),
    Column(PERIOD_LABEL, String(40), nullable=False),
    Column("period_kind", String(20), nullable=False),
    Column("period_start", String(10), nullable=False),
    Column("period_end", String(10), nullable=False),
    Column("year_range", Integer, nullable=False),
    Column(PERIOD_SORTABLE, Integer, nullable=False),
    Column(CATEGORY_TYPE, String(100), nullable=False, default=""),
    Column(CATEGORY, String(100), nullable=False, default=""),
    Column(COUNT, Float, nullable=True),
    Column(DENOMINATOR, Float, nullable=True),
    Column(VALUE, Float, nullable=True),
    Column(LOWER95, Float, nullable=True),
    Column(UPPER95, Float, nullable=True),
    Column(LOWER998, Float, nullable=True),
    Column(UPPER998, Float, nullable=True),
    Column(VALUE_NOTE, Text, nullable=True),
    Column("dq_flag", Text, nullable=True),
    Column("dq_value", Float, nullable=True),
    Column(COMPARED_ENGLAND, String(40), nullable=True),
    Column(COMPARED_REGION, String(40), nullable=True),
    Column("compared_goal", String(40), nullable=True),
    Column(RECENT_TREND, String(60), nullable=True),
    Column("trend_note", Text, nullable=True),
    Column("computed_at", DateTime(timezone=True), nullable=False),
    Column("load_id", Integer, nullable=False),
    *provenance_columns(),
)

# Candidates the precedence rule did not show (e.g. the published value for an area whose
# own counts gave the value shown), kept to reconcile local against published figures.
superseded_value = Table(
    "superseded_value",
    metadata,
    *(Column(c.name, c.type, primary_key=c.primary_key, autoincrement=c.autoincrement,
             nullable=c.nullable,
             server_default=c.server_default.arg if c.server_default is not None else None)
      for c in indicator_value.columns),
)

VALUE_LOOKUP = Index("ix_indicator_value_lookup", indicator_value.c.indicator_id,
                     indicator_value.c.area_code)
# one value per indicator, area, period and category: two loads can never both store theirs
VALUE_KEY = Index("uq_indicator_value_key", indicator_value.c.indicator_id,
                  indicator_value.c.area_code, indicator_value.c.period_label,
                  indicator_value.c.category_type, indicator_value.c.category, unique=True)
Index("ix_raw_row_load", raw_row.c.load_id)
SUPERSEDED_LOOKUP = Index("ix_superseded_value_lookup", superseded_value.c.indicator_id,
                          superseded_value.c.area_code)

VALUE_COLUMNS = [c.name for c in indicator_value.columns if c.name not in {"id"}]

# Sign-in attempts that failed (or are being checked), counted by every server process:
# key_hash is the SHA-256 of "user:NAME" or "address:IP", `at` seconds since the epoch.
sign_in_attempt = Table(
    "sign_in_attempt",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key_hash", String(64), nullable=False),
    Column("at", Float, nullable=False),
)
Index("ix_sign_in_attempt_key", sign_in_attempt.c.key_hash, sign_in_attempt.c.at)
Index("ix_sign_in_attempt_at", sign_in_attempt.c.at)

# Web uploads validated and loaded in the background; any server process reports progress.
upload_job = Table(
    "upload_job",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_name", String(100), nullable=False),
    Column("state", String(20), nullable=False),
    Column("stage", Text, nullable=False),
    Column("files_json", Text, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("result_json", Text, nullable=True),
)

# Results the pages need, worked out by the refresh in its own transaction (migration 0005):
# one row per query or view (`name`), its arguments (`key_hash`) and the data version it
# was computed at (`version`), the value pickled and signed (data.queries.precomputed).
precomputed_result = Table(
    "precomputed_result",
    metadata,
    Column("version", String(64), primary_key=True),
    Column("key_hash", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("payload", LargeBinary, nullable=False),
)
