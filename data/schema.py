"""Table definitions of the store (SQLAlchemy Core). Changes go through Alembic migrations."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from data import widths

metadata = MetaData()

area = Table(
    "area",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name", String(widths.AREA_NAME), nullable=False),
    Column("area_type", String(20), nullable=False),
    Column("parent_code", String(16), nullable=True),
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
    Column("area_code", String(16), nullable=True),
    Column("period", String(40), nullable=True),
    Column("payload", Text, nullable=False),
    Column("load_id", Integer, ForeignKey("load.id"), nullable=False),
)

indicator_value = Table(
    "indicator_value",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("indicator_id", String(64), nullable=False),
    Column("area_code", String(16), nullable=False),
    Column("period_label", String(40), nullable=False),
    Column("period_kind", String(20), nullable=False),
    Column("period_start", String(10), nullable=False),
    Column("period_end", String(10), nullable=False),
    Column("year_range", Integer, nullable=False),
    Column("period_sortable", Integer, nullable=False),
    Column("category_type", String(100), nullable=False, default=""),
    Column("category", String(100), nullable=False, default=""),
    Column("count", Float, nullable=True),
    Column("denominator", Float, nullable=True),
    Column("value", Float, nullable=True),
    Column("lower95", Float, nullable=True),
    Column("upper95", Float, nullable=True),
    Column("lower998", Float, nullable=True),
    Column("upper998", Float, nullable=True),
    Column("value_note", Text, nullable=True),
    Column("dq_flag", Text, nullable=True),
    Column("dq_value", Float, nullable=True),
    Column("compared_england", String(40), nullable=True),
    Column("compared_region", String(40), nullable=True),
    Column("compared_goal", String(40), nullable=True),
    Column("recent_trend", String(60), nullable=True),
    Column("trend_note", Text, nullable=True),
    Column("computed_at", DateTime(timezone=True), nullable=False),
    Column("load_id", Integer, nullable=False),
)

VALUE_LOOKUP = Index("ix_indicator_value_lookup", indicator_value.c.indicator_id,
                     indicator_value.c.area_code)
# one value per indicator, area, period and category: two loads can never both store theirs
VALUE_KEY = Index("uq_indicator_value_key", indicator_value.c.indicator_id,
                  indicator_value.c.area_code, indicator_value.c.period_label,
                  indicator_value.c.category_type, indicator_value.c.category, unique=True)
Index("ix_raw_row_load", raw_row.c.load_id)

VALUE_COLUMNS = [c.name for c in indicator_value.columns if c.name not in {"id"}]
