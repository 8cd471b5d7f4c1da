"""Hardening: one indicator value per key (a unique index), and text columns wide enough
for real names, the widths the readers enforce on both backends (data.widths).

Duplicates left by concurrent loads before this revision are removed first (the lowest id
of each key is kept: every copy was computed from the same stored rows).

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_KEY = ["indicator_id", "area_code", "period_label", "category_type", "category"]


def upgrade() -> None:
    columns = ", ".join(_KEY)
    op.execute(
        f"DELETE FROM indicator_value WHERE id NOT IN "
        f"(SELECT MIN(id) FROM indicator_value GROUP BY {columns})")
    op.create_index("uq_indicator_value_key", "indicator_value", _KEY, unique=True)
    # SQLite keeps text of any length whatever the declared width, but declares the same
    # widths so that both stores describe the same schema (a one-off copy of two tables).
    _widen("area", "name", 200, 400)
    _widen("raw_row", "row_key", 300, 1000)


def _widen(table: str, column: str, old: int, new: int) -> None:
    with op.batch_alter_table(table) as batch:
        batch.alter_column(column, type_=sa.String(new), existing_type=sa.String(old),
                           existing_nullable=False)


def downgrade() -> None:
    _widen("raw_row", "row_key", 1000, 300)
    _widen("area", "name", 400, 200)
    op.drop_index("uq_indicator_value_key", "indicator_value")
