"""consent records: proof of consent (Art. 7(1); ISO/IEC TS 27560, Kantara)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:11:09.739259
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import waarborg.store.base

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("anonymous_id", sa.String(length=80), nullable=True),
        sa.Column("activity_id", sa.String(length=80), nullable=False),
        sa.Column("purposes", sa.JSON(), nullable=False),
        sa.Column("data_categories", sa.JSON(), nullable=False),
        sa.Column("statement_version_id", sa.Integer(), nullable=True),
        sa.Column("shown_text_hash", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("collection_method", sa.String(length=30), nullable=False),
        sa.Column("consent_type", sa.String(length=20), nullable=False),
        sa.Column("system", sa.String(length=80), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("collected_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("withdrawal_method", sa.String(length=40), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("created_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "collection_method IN ('banner', 'form', 'double-opt-in', 'account', 'separate-request', 'verbal', 'import')",
            name=op.f("ck_consent_records_collection_method"),
        ),
        sa.CheckConstraint(
            "state IN ('given', 'refused', 'withdrawn', 'expired')",
            name=op.f("ck_consent_records_state"),
        ),
        sa.CheckConstraint(
            "subject_id IS NOT NULL OR anonymous_id IS NOT NULL",
            name=op.f("ck_consent_records_subject_or_anonymous"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_consent_records_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["statement_version_id"],
            ["statement_versions.id"],
            name=op.f("fk_consent_records_statement_version_id_statement_versions"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["subjects.id"],
            name=op.f("fk_consent_records_subject_id_subjects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["consent_records.id"],
            name=op.f("fk_consent_records_supersedes_id_consent_records"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
        sa.UniqueConstraint("ref", name=op.f("uq_consent_records_ref")),
    )
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consent_records_organisation_anonymous",
            ["organisation_id", "anonymous_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_consent_records_subject_activity", ["subject_id", "activity_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_records_subject_activity")
        batch_op.drop_index("ix_consent_records_organisation_anonymous")

    op.drop_table("consent_records")
