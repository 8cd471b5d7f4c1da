"""The first schema: areas, indicators, the load log, raw extract rows, indicator values.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "area",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("area_type", sa.String(20), nullable=False),
        sa.Column("parent_code", sa.String(16), nullable=True),
    )
    op.create_table(
        "indicator",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("fingertips_id", sa.Integer, nullable=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("metadata_json", sa.Text, nullable=False),
    )
    op.create_table(
        "load",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("files_json", sa.Text, nullable=False),
        sa.Column("source_types", sa.String(200), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("periods", sa.Text, nullable=False),
        sa.Column("result", sa.String(20), nullable=False),
        sa.Column("changes_json", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_table(
        "raw_row",
        sa.Column("source", sa.String(40), primary_key=True),
        sa.Column("row_key", sa.String(300), primary_key=True),
        sa.Column("area_code", sa.String(16), nullable=True),
        sa.Column("period", sa.String(40), nullable=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("load_id", sa.Integer, sa.ForeignKey("load.id"), nullable=False),
    )
    op.create_index("ix_raw_row_load", "raw_row", ["load_id"])
    op.create_table(
        "indicator_value",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("indicator_id", sa.String(64), nullable=False),
        sa.Column("area_code", sa.String(16), nullable=False),
        sa.Column("period_label", sa.String(40), nullable=False),
        sa.Column("period_kind", sa.String(20), nullable=False),
        sa.Column("period_start", sa.String(10), nullable=False),
        sa.Column("period_end", sa.String(10), nullable=False),
        sa.Column("year_range", sa.Integer, nullable=False),
        sa.Column("period_sortable", sa.Integer, nullable=False),
        sa.Column("category_type", sa.String(100), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        *(sa.Column(name, sa.Float, nullable=True) for name in (
            "count", "denominator", "value", "lower95", "upper95", "lower998", "upper998")),
        sa.Column("value_note", sa.Text, nullable=True),
        sa.Column("dq_flag", sa.Text, nullable=True),
        sa.Column("dq_value", sa.Float, nullable=True),
        sa.Column("compared_england", sa.String(40), nullable=True),
        sa.Column("compared_region", sa.String(40), nullable=True),
        sa.Column("compared_goal", sa.String(40), nullable=True),
        sa.Column("recent_trend", sa.String(60), nullable=True),
        sa.Column("trend_note", sa.Text, nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("load_id", sa.Integer, nullable=False),
    )
    op.create_index(
        "ix_indicator_value_lookup", "indicator_value", ["indicator_id", "area_code"])


def downgrade() -> None:
    op.drop_index("ix_indicator_value_lookup", "indicator_value")
    op.drop_table("indicator_value")
    op.drop_index("ix_raw_row_load", "raw_row")
    op.drop_table("raw_row")
    op.drop_table("load")
    op.drop_table("indicator")
    op.drop_table("area")
