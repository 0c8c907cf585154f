"""subject requests

Revision ID: 0009_subject_requests
Revises: 0008
Create Date: 2026-11-22 07:08:20.788949
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import waarborg.store.base

revision = "0009_subject_requests"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "subject_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("received_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("verified_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("extended_until", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("approved_by", sa.String(length=120), nullable=True),
        sa.Column("executed_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("answered_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("closed_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("identity_hash", sa.String(length=64), nullable=False),
        sa.Column("contact", sa.String(length=320), nullable=True),
        sa.Column("verify_hash", sa.String(length=64), nullable=True),
        sa.Column(
            "verify_expires_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("reminded_on", sa.Date(), nullable=True),
        sa.Column("package_path", sa.String(length=500), nullable=True),
        sa.Column(
            "package_expires_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("package_downloads", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw-consent', 'stop-marketing')",
            name=op.f("ck_subject_requests_kind"),
        ),
        sa.CheckConstraint(
            "state IN ('received', 'verified', 'planned', 'approved', 'executed', 'answered', 'rejected', 'closed')",
            name=op.f("ck_subject_requests_state"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_subject_requests_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["subjects.id"],
            name=op.f("fk_subject_requests_subject_id_subjects"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_requests")),
        sa.UniqueConstraint("ref", name=op.f("uq_subject_requests_ref")),
        sa.UniqueConstraint("verify_hash", name=op.f("uq_subject_requests_verify_hash")),
    )
    with op.batch_alter_table("subject_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_subject_requests_open", ["organisation_id", "state", "due_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_subject_requests_subject_id"), ["subject_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("subject_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subject_requests_subject_id"))
        batch_op.drop_index("ix_subject_requests_open")

    op.drop_table("subject_requests")
