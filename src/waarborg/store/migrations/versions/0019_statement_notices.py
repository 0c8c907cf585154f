"""notices of a changed statement to the subjects affected, with progress

Revision ID: 0019_statement_notices
Revises: 0018_admin_users
Create Date: 2026-11-22 07:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import waarborg.store.base

revision = "0019_statement_notices"
down_revision = "0018_admin_users"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statement_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("statement_version_id", sa.Integer(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("queued", sa.Integer(), nullable=False),
        sa.Column("last_subject_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_statement_notices_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["statement_version_id"],
            ["statement_versions.id"],
            name=op.f("fk_statement_notices_statement_version_id_statement_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_notices")),
    )
    with op.batch_alter_table("statement_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statement_notices_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("statement_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_notices_organisation_id"))
    op.drop_table("statement_notices")
