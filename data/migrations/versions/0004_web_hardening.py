"""Web hardening: failed sign-ins shared by every server process, and background uploads.

Revision ID: 0004
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_attempt",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_sign_in_attempt_key", "sign_in_attempt", ["key_hash", "at"])
    op.create_index("ix_sign_in_attempt_at", "sign_in_attempt", ["at"])
    op.create_table(
        "upload_job",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("files_json", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result_json", sa.Text, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("upload_job")
    op.drop_index("ix_sign_in_attempt_at", "sign_in_attempt")
    op.drop_index("ix_sign_in_attempt_key", "sign_in_attempt")
    op.drop_table("sign_in_attempt")
