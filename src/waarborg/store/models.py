"""Imports every table module so the metadata is complete (for Alembic and tests).

Feature packages add their table modules here.
"""

from waarborg.store.executions import HeldRow, RequestExecution, RequestStep
from waarborg.store.tables import (
    Event,
    Organisation,
    StatementVersion,
    Subject,
    SubjectIdentity,
)

__all__ = [
    "Event",
    "HeldRow",
    "Organisation",
    "RequestExecution",
    "RequestStep",
    "StatementVersion",
    "Subject",
    "SubjectIdentity",
]
