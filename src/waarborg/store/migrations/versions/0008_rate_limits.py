"""rate limits

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 05:52:17.051685
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import waarborg.store.base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_limit_hits",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("window_start", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", "window_start", name=op.f("pk_rate_limit_hits")),
    )


def downgrade() -> None:
    op.drop_table("rate_limit_hits")
