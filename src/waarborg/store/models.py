"""Imports every table module so the metadata is complete (for Alembic and tests).

Feature packages add their table modules here.
"""

from waarborg.store.outbox_tables import OutboxMail
from waarborg.store.tables import (
    Event,
    Organisation,
    StatementVersion,
    Subject,
    SubjectIdentity,
)

__all__ = ["Event", "Organisation", "OutboxMail", "StatementVersion", "Subject", "SubjectIdentity"]
