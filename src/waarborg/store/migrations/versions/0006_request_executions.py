"""request executions, steps and held rows

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 04:26:17
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import waarborg.store.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_executions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("request_ref", sa.String(length=80), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("created_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_request_executions_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subjects.id"], name=op.f("fk_request_executions_subject_id_subjects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_executions")),
        sa.UniqueConstraint("ref", name=op.f("uq_request_executions_ref")),
    )
    with op.batch_alter_table("request_executions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_request_executions_subject_kind", ["subject_id", "kind", "state"], unique=False
        )

    op.create_table(
        "held_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("execution_id", sa.Integer(), nullable=True),
        sa.Column("system", sa.String(length=80), nullable=False),
        sa.Column("table_name", sa.String(length=128), nullable=False),
        sa.Column("row_key", sa.String(length=255), nullable=False),
        sa.Column("obligation", sa.String(length=80), nullable=False),
        sa.Column("held_until", sa.Date(), nullable=False),
        sa.Column("recorded_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["execution_id"],
            ["request_executions.id"],
            name=op.f("fk_held_rows_execution_id_request_executions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_held_rows_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["subjects.id"],
            name=op.f("fk_held_rows_subject_id_subjects"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_rows")),
        sa.UniqueConstraint(
            "organisation_id",
            "system",
            "table_name",
            "row_key",
            name=op.f("uq_held_rows_organisation_id_system_table_name_row_key"),
        ),
    )
    with op.batch_alter_table("held_rows", schema=None) as batch_op:
        batch_op.create_index("ix_held_rows_held_until", ["held_until"], unique=False)
        batch_op.create_index(batch_op.f("ix_held_rows_subject_id"), ["subject_id"], unique=False)

    op.create_table(
        "request_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("execution_id", sa.Integer(), nullable=False),
        sa.Column("system", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("finished_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["execution_id"],
            ["request_executions.id"],
            name=op.f("fk_request_steps_execution_id_request_executions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_steps")),
        sa.UniqueConstraint(
            "execution_id", "system", name=op.f("uq_request_steps_execution_id_system")
        ),
    )


def downgrade() -> None:
    op.drop_table("request_steps")
    with op.batch_alter_table("held_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_held_rows_subject_id"))
        batch_op.drop_index("ix_held_rows_held_until")

    op.drop_table("held_rows")
    with op.batch_alter_table("request_executions", schema=None) as batch_op:
        batch_op.drop_index("ix_request_executions_subject_kind")

    op.drop_table("request_executions")
