"""audit log: hash-chained entries and the head of each organisation's chain

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 04:11:11.352289
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import waarborg.store.base

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_ref", sa.String(length=40), nullable=True),
        sa.Column("activity_id", sa.String(length=80), nullable=True),
        sa.Column("categories", sa.Text(), nullable=False),
        sa.Column("system", sa.String(length=80), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_audit_entries_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
        sa.UniqueConstraint(
            "organisation_id", "seq", name=op.f("uq_audit_entries_organisation_id_seq")
        ),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_entries_organisation_at", ["organisation_id", "at"], unique=False
        )
        batch_op.create_index(
            "ix_audit_entries_organisation_subject",
            ["organisation_id", "subject_ref"],
            unique=False,
        )

    op.create_table(
        "audit_heads",
        sa.Column("organisation_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("updated_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_audit_heads_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("organisation_id", name=op.f("pk_audit_heads")),
    )


def downgrade() -> None:
    op.drop_table("audit_heads")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entries_organisation_subject")
        batch_op.drop_index("ix_audit_entries_organisation_at")

    op.drop_table("audit_entries")
