"""objections (Art. 21) and restrictions of processing (Art. 18)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 04:11:10.542572
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import waarborg.store.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.String(length=80), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("assessment", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=40), nullable=True),
        sa.Column("started_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'upheld', 'overridden')", name=op.f("ck_objections_status")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_objections_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["subjects.id"],
            name=op.f("fk_objections_subject_id_subjects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objections")),
        sa.UniqueConstraint("ref", name=op.f("uq_objections_ref")),
    )
    with op.batch_alter_table("objections", schema=None) as batch_op:
        batch_op.create_index("ix_objections_subject_id", ["subject_id"], unique=False)

    op.create_table(
        "restrictions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.String(length=80), nullable=True),
        sa.Column("ground", sa.String(length=30), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("started_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("lift_reason", sa.Text(), nullable=True),
        sa.Column("created_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "ground IN ('accuracy-contested', 'unlawful-processing', 'legal-claims', 'objection-pending', 'legal-hold')",
            name=op.f("ck_restrictions_ground"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_restrictions_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["subjects.id"],
            name=op.f("fk_restrictions_subject_id_subjects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restrictions")),
        sa.UniqueConstraint("ref", name=op.f("uq_restrictions_ref")),
    )
    with op.batch_alter_table("restrictions", schema=None) as batch_op:
        batch_op.create_index("ix_restrictions_subject_id", ["subject_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("restrictions", schema=None) as batch_op:
        batch_op.drop_index("ix_restrictions_subject_id")

    op.drop_table("restrictions")
    with op.batch_alter_table("objections", schema=None) as batch_op:
        batch_op.drop_index("ix_objections_subject_id")

    op.drop_table("objections")
