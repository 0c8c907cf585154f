"""admin console accounts (argon2 password, TOTP) and their sessions

Revision ID: 0018_admin_users
Revises: 0015_retention_runs
Create Date: 2026-11-22 07:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import waarborg.store.base

revision = "0018_admin_users"
down_revision = "0015_retention_runs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("totp_secret", sa.String(length=64), nullable=False),
        sa.Column("last_totp_step", sa.Integer(), nullable=False),
        sa.Column("created_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("disabled_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_admin_users_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_users")),
        sa.UniqueConstraint(
            "organisation_id", "username", name=op.f("uq_admin_users_organisation_id_username")
        ),
    )
    with op.batch_alter_table("admin_users", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_admin_users_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "admin_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", waarborg.store.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["admin_users.id"], name=op.f("fk_admin_sessions_user_id_admin_users")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_admin_sessions")),
    )
    with op.batch_alter_table("admin_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admin_sessions_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("admin_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_sessions_user_id"))
    op.drop_table("admin_sessions")
    with op.batch_alter_table("admin_users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_users_organisation_id"))
    op.drop_table("admin_users")
