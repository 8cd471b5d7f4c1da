"""Provenance of every value and the candidates the precedence rule did not show.

indicator_value gains where each value comes from (computed or published, the publisher,
the raw table, file, load and date) and the publisher's own comparisons and trend;
superseded_value keeps the values not shown (a published value where the area's own
counts won, ...) so local and published figures can be reconciled. ONS workbook rows that
earlier versions stored as `births_deaths` move to `ons_births_deaths`, so that they no
longer pass for a local extract.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

VALUE_COLUMNS = [
    ("indicator_id", sa.String(64), False), ("area_code", sa.String(16), False),
    ("period_label", sa.String(40), False), ("period_kind", sa.String(20), False),
    ("period_start", sa.String(10), False), ("period_end", sa.String(10), False),
    ("year_range", sa.Integer, False), ("period_sortable", sa.Integer, False),
    ("category_type", sa.String(100), False), ("category", sa.String(100), False),
    *((name, sa.Float, True) for name in (
        "count", "denominator", "value", "lower95", "upper95", "lower998", "upper998")),
    ("value_note", sa.Text, True), ("dq_flag", sa.Text, True), ("dq_value", sa.Float, True),
    ("compared_england", sa.String(40), True), ("compared_region", sa.String(40), True),
    ("compared_goal", sa.String(40), True), ("recent_trend", sa.String(60), True),
    ("trend_note", sa.Text, True), ("computed_at", sa.DateTime(timezone=True), False),
    ("load_id", sa.Integer, False),
]


def _provenance() -> list[sa.Column]:
    return [
        sa.Column("provenance", sa.String(20), nullable=False, server_default="computed"),
        sa.Column("publisher", sa.String(100), nullable=True),
        sa.Column("source_table", sa.String(40), nullable=True),
        sa.Column("source_file", sa.Text, nullable=True),
        sa.Column("source_load_id", sa.Integer, nullable=True),
        sa.Column("source_date", sa.String(10), nullable=True),
        sa.Column("published_compared_england", sa.String(40), nullable=True),
        sa.Column("published_compared_region", sa.String(40), nullable=True),
        sa.Column("published_trend", sa.String(60), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("indicator_value") as batch:
        for column in _provenance():
            batch.add_column(column)
    op.create_table(
        "superseded_value",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *(sa.Column(name, kind, nullable=nullable) for name, kind, nullable in VALUE_COLUMNS),
        *_provenance(),
    )
    op.create_index("ix_superseded_value_lookup", "superseded_value",
                    ["indicator_id", "area_code"])
    # Rows an ONS workbook load stored as births_deaths are ONS's, not a local extract's.
    op.execute(
        "UPDATE raw_row SET source = 'ons_births_deaths' WHERE source = 'births_deaths' "
        "AND load_id IN (SELECT id FROM load WHERE source_types = 'ons_child_mortality')")


def downgrade() -> None:
    op.execute("UPDATE raw_row SET source = 'births_deaths' WHERE source = 'ons_births_deaths' "
               "AND row_key NOT IN (SELECT row_key FROM raw_row WHERE source = 'births_deaths')")
    op.execute("DELETE FROM raw_row WHERE source = 'ons_births_deaths'")
    op.drop_index("ix_superseded_value_lookup", "superseded_value")
    op.drop_table("superseded_value")
    with op.batch_alter_table("indicator_value") as batch:
        for column in reversed(_provenance()):
            batch.drop_column(column.name)
